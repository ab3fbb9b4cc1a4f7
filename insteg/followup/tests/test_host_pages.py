"""The host company's page of a placement: only what was disclosed, its own situations, and reporting new ones."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from insteg.followup import services
from insteg.followup.models import ResponseTimeLimit, Situation
from insteg.matching.models import ParticipantView


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _url(placement):
    return reverse("followup:host_placement", args=[placement.pk])


def _report(user, placement, **values):
    fields = {
        "category": "transport",
        "severity": "medium",
        "occurred_on": timezone.localdate(),
        "description": "Bussen går inte i tid till arbetsplatsen.",
        **values,
    }
    return services.report_situation(placement, user=user, **fields)


def _form(**values):
    return {
        "category": "attendance",
        "severity": "high",
        "occurred_on": timezone.localdate().isoformat(),
        "description": "Kom inte till arbetet i tisdags och svarade inte i telefon.",
        **values,
    }


def test_the_host_sees_the_disclosed_facts_and_only_its_own_situations(
    english, supplier, matching_officer, active_placement
):
    active_placement.agreed_adaptations = ["gradual_start", "written_instructions"]
    active_placement.save()
    by_host = _report(supplier, active_placement, category="tasks", description="Uppgifterna är för svåra just nu.")
    _report(matching_officer, active_placement, category="language", description="Behöver tolk vid möten.")
    services.respond(by_host, user=matching_officer, text="Intern anteckning: ringer handledaren.")
    services.resolve(by_host, user=matching_officer, resolution="Nya uppgifter är överenskomna.")
    english.force_login(supplier)

    page = english.get(_url(active_placement)).text

    assert "Amina" in page and "Yusuf" not in page and "amina.yusuf@example.se" not in page
    assert "Lokalvårdare, praktik" in page and "Gradual start" in page and "Instructions in writing" in page
    reported = page.split("Situations you have reported")[1].split("Report a situation")[0]
    assert "Work tasks" in reported and "Resolved" in reported and "Nya uppgifter är överenskomna." in reported
    assert "Language" not in reported
    assert "Behöver tolk" not in page and "Intern anteckning" not in page
    assert "Uppgifterna är för svåra" not in page  # the list shows the state, not the text
    assert ParticipantView.objects.filter(viewer=supplier, purpose="follow_up").count() == 1


def test_an_open_situation_says_when_the_municipality_responds(english, supplier, active_placement):
    situation = _report(supplier, active_placement)
    english.force_login(supplier)
    page = english.get(_url(active_placement)).text
    due = timezone.localtime(situation.response_due_at).date().isoformat()
    assert f"Open: the municipality responds by {due}" in page


@pytest.mark.parametrize(
    "persona", ["other_supplier", "matching_officer", "employment_officer", "administrator", "funder"], indirect=True
)
def test_only_the_host_reaches_the_hosts_page(client, persona, active_placement):
    # Officers follow up at followup:placement; this page is the host's view of the placement.
    client.force_login(persona)
    assert client.get(_url(active_placement)).status_code == 404
    assert client.post(_url(active_placement), _form()).status_code == 404
    assert not Situation.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, active_placement):
    response = client.get(_url(active_placement))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_host_reports_a_situation_and_the_responsible_officer_is_told_without_the_text(
    english, supplier, matching_officer, active_placement, mailoutbox
):
    english.force_login(supplier)
    response = english.post(_url(active_placement), _form())

    assert response.status_code == 302 and response["Location"] == _url(active_placement)
    situation = Situation.objects.get()
    assert situation.reporter == "host" and situation.reported_by == supplier and situation.category == "attendance"
    [message] = get_messages(response.wsgi_request)
    assert "The situation is reported" in str(message)
    [email] = mailoutbox
    assert email.to == [matching_officer.email]
    assert "Kom inte till arbetet" not in email.body and "Kom inte till arbetet" not in email.subject
    assert "Attendance" in english.get(_url(active_placement)).text


def test_a_report_with_health_details_is_refused_and_nothing_is_stored(english, supplier, active_placement, mailoutbox):
    english.force_login(supplier)
    response = english.post(_url(active_placement), _form(description="Hon är sjukskriven sedan måndag."))
    assert response.status_code == 200
    assert "must not hold health details" in response.text and "sjukskriven" in response.text
    assert "There is a problem" in response.text
    assert not Situation.objects.exists() and mailoutbox == []


def test_missing_and_impossible_values_are_explained_next_to_the_fields(english, supplier, active_placement):
    english.force_login(supplier)
    response = english.post(_url(active_placement), {"category": "weather", "occurred_on": "2026-02-30"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"category", "severity", "occurred_on", "description"}
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = english.post(_url(active_placement), _form(occurred_on=tomorrow))
    assert response.status_code == 200 and "The date cannot be in the future." in response.text
    assert not Situation.objects.exists()


def test_a_planned_placement_says_situations_can_be_reported_once_it_starts(english, supplier, placement):
    english.force_login(supplier)
    page = english.get(_url(placement)).text
    assert "Situations can be reported once it starts" in page and 'name="description"' not in page

    response = english.post(_url(placement), _form(occurred_on=placement.starts_on.isoformat()), follow=True)
    assert "Situations are reported once the placement has started." in response.text
    assert not Situation.objects.exists()


def test_the_page_tells_the_host_the_time_limits_in_words(english, supplier, active_placement):
    ResponseTimeLimit.objects.filter(category="conflict").update(working_days=1)
    ResponseTimeLimit.objects.filter(category="other").update(working_days=0)
    english.force_login(supplier)
    page = english.get(_url(active_placement)).text
    assert "Within 1 working day" in page and "Within 2 working days" in page and "The same working day" in page


def test_the_placements_list_links_the_host_to_its_page_and_officers_to_theirs(
    client, supplier, matching_officer, active_placement
):
    client.force_login(supplier)
    assert _url(active_placement) in client.get(reverse("matching:placements")).text
    client.force_login(matching_officer)
    page = client.get(reverse("matching:placements")).text
    assert reverse("followup:placement", args=[active_placement.pk]) in page and _url(active_placement) not in page
