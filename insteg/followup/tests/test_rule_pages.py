"""The follow-up rules pages: administrators change the check-in schedule and the response time limits,
matching officers read them, everyone else is refused."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insteg.contracts.models import PositionType
from insteg.followup import rule_services, services
from insteg.followup.models import CheckIn, CheckInStep, ResponseTimeLimit
from insteg.lib.errors import DomainError
from insteg.privacy.models import AuditEvent

RULES = reverse("followup:rules")
CREATE = reverse("followup:step_create")


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def internship(db):
    return PositionType.objects.get(code="arbetspraktik")


def _step_form(**values):
    return {
        "position_type": "",
        "code": "two-weeks",
        "name_sv": "Efter två veckor",
        "name_en": "After two weeks",
        "anchor": "start",
        "months": "0",
        "days": "14",
        **values,
    }


def _default(code):
    return CheckInStep.objects.get(position_type=None, code=code)


def _edit_url(step):
    return reverse("followup:step_edit", args=[step.pk])


# --- Who reaches the pages ---------------------------------------------------------------------------------------


def test_administrators_see_the_rules_with_edit_links(english, administrator):
    english.force_login(administrator)
    page = english.get(RULES).text
    assert "After the first week" in page and "90 days after the end" in page and "Work environment" in page
    assert _edit_url(_default("one-month")) in page and CREATE in page
    limit = ResponseTimeLimit.objects.get(category="conflict")
    assert reverse("followup:limit_edit", args=[limit.pk]) in page
    assert "Uses the default schedule." in page and "Check-ins already made keep their names and dates." in page


def test_matching_officers_read_the_rules_without_edit_links(english, matching_officer):
    english.force_login(matching_officer)
    response = english.get(RULES)
    assert response.status_code == 200 and "After one month" in response.text
    assert CREATE not in response.text and _edit_url(_default("one-month")) not in response.text


@pytest.mark.parametrize(
    "persona", ["procurement_officer", "supplier", "other_supplier", "employment_officer", "funder"], indirect=True
)
def test_others_may_not_read_the_rules(client, persona):
    client.force_login(persona)
    assert client.get(RULES).status_code == 403


@pytest.mark.parametrize(
    "persona",
    ["matching_officer", "procurement_officer", "supplier", "other_supplier", "employment_officer", "funder"],
    indirect=True,
)
def test_only_administrators_change_the_rules(client, persona):
    step = _default("one-month")
    limit = ResponseTimeLimit.objects.get(category="conflict")
    client.force_login(persona)
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, _step_form()).status_code == 403
    assert client.get(_edit_url(step)).status_code == 403
    assert client.post(_edit_url(step), {"intent": "delete", "confirm": "on"}).status_code == 403
    limit_url = reverse("followup:limit_edit", args=[limit.pk])
    assert client.get(limit_url).status_code == 403
    assert client.post(limit_url, {"working_days": "9", "source": "x", "certainty": "verified"}).status_code == 403
    assert CheckInStep.objects.filter(code="two-weeks").count() == 0 and _default("one-month")
    assert ResponseTimeLimit.objects.get(category="conflict").working_days == 1


def test_the_services_refuse_anyone_but_an_administrator(matching_officer):
    step = _default("one-month")
    step.months = 2
    with pytest.raises(DomainError):
        rule_services.save_step(step, user=matching_officer)
    with pytest.raises(DomainError):
        rule_services.delete_step(step, user=matching_officer)
    assert _default("one-month").months == 1


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(RULES)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- The schedule ----------------------------------------------------------------------------------------------------


def test_the_new_step_button_preselects_the_position_type(client, administrator, internship):
    client.force_login(administrator)
    response = client.get(CREATE, {"position_type": internship.pk})
    assert response.context["form"]["position_type"].value() == internship.pk
    assert client.get(CREATE, {"position_type": "nonsense"}).status_code == 200


def test_a_position_types_own_step_replaces_the_default_schedule(english, administrator, internship):
    english.force_login(administrator)
    response = english.post(CREATE, _step_form(position_type=internship.pk))

    assert response.status_code == 302 and response["Location"] == RULES
    [step] = services.schedule_for(internship)
    assert step.code == "two-weeks" and step.days == 14 and step.position_type == internship
    other = PositionType.objects.exclude(pk=internship.pk).first()
    assert len(services.schedule_for(other)) == 5
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The step is added. Placements that start from now on get it."
    ]
    page = english.get(RULES).text
    assert "Check-in schedule of Work placement (internship)" in page
    event = AuditEvent.objects.get(action="followup.rule_changed")
    assert event.actor == administrator and event.data["change"] == "created" and event.data["code"] == "two-weeks"
    assert step.history.get().history_user == administrator


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"months": "99"}, "months", "Ensure this value is less than or equal to 24."),
        ({"days": "-3"}, "days", "Ensure this value is greater than or equal to 0."),
        ({"days": "400"}, "days", "Ensure this value is less than or equal to 366."),
        ({"code": "one-month"}, "code", "This schedule already has a step with this code."),
        ({"code": "Två veckor!"}, "code", "Enter a valid “slug”"),
        ({"anchor": "middle", "name_en": ""}, "anchor", "Select a valid choice."),
    ],
)
def test_bad_steps_are_explained_and_nothing_is_stored(english, administrator, values, field, message):
    english.force_login(administrator)
    steps_before = CheckInStep.objects.count()
    response = english.post(CREATE, _step_form(**values))
    assert response.status_code == 200 and "There is a problem" in response.text
    assert message in " ".join(response.context["form"].errors[field])
    assert "Constraint" not in response.text
    assert CheckInStep.objects.count() == steps_before


def test_the_same_code_may_be_used_in_another_schedule_but_not_twice_in_one(english, administrator, internship):
    english.force_login(administrator)
    assert english.post(CREATE, _step_form(code="one-month", position_type=internship.pk)).status_code == 302
    response = english.post(CREATE, _step_form(code="one-month", position_type=internship.pk))
    assert response.status_code == 200 and "already has a step with this code" in response.text
    assert CheckInStep.objects.filter(code="one-month").count() == 2


def test_the_service_words_a_taken_code_too(administrator):
    duplicate = CheckInStep(code="one-month", name_sv="x", name_en="x", anchor="start", months=1)
    with pytest.raises(ValidationError) as refused:
        rule_services.save_step(duplicate, user=administrator)
    [message] = refused.value.message_dict["code"]
    assert message == "This schedule already has a step with this code. Choose another code."


def test_editing_a_step_keeps_its_history(english, administrator):
    step = _default("one-month")
    english.force_login(administrator)
    response = english.post(_edit_url(step), _step_form(code="one-month", name_en="After six weeks", days="14"))
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.months, step.days, step.name_en) == (0, 14, "After six weeks")

    page = english.get(_edit_url(step)).text
    assert administrator.name in page and "Insteg (reference data)" in page
    assert "Changed" in page and "months" in page and "name in English" in page
    event = AuditEvent.objects.get(action="followup.rule_changed")
    assert set(event.data["fields"]) == {"name_sv", "name_en", "months", "days"}


def test_changing_the_schedule_leaves_check_ins_already_made(administrator, active_placement):
    step = _default("one-month")
    made = active_placement.check_ins.get(step=step)
    due_before = made.due_on
    step.months = 2
    rule_services.save_step(step, user=administrator)
    made.refresh_from_db()
    assert made.due_on == due_before and made.name == "Efter en månad"


def test_deleting_a_step_needs_a_confirmation(english, administrator, active_placement):
    step = _default("one-month")
    made = active_placement.check_ins.get(step=step)
    english.force_login(administrator)

    response = english.post(_edit_url(step), {"intent": "delete"})
    assert response.status_code == 200 and "Tick the box to confirm" in response.text
    assert CheckInStep.objects.filter(pk=step.pk).exists()

    response = english.post(_edit_url(step), {"intent": "delete", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == RULES
    assert not CheckInStep.objects.filter(pk=step.pk).exists()
    assert {s.code for s in services.schedule_for(None)} == {"first-week", "three-months", "at-end", "after-90-days"}
    made = CheckIn.objects.get(pk=made.pk)  # the check-in already made stays, with its name and date
    assert made.name == "Efter en månad" and made.step is None
    assert AuditEvent.objects.get(action="followup.rule_changed").data["change"] == "deleted"
    assert CheckInStep.history.filter(id=step.pk, history_type="-").get().history_user == administrator


def test_a_step_that_no_longer_exists_is_not_found(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("followup:step_edit", args=[999999])).status_code == 404
    assert client.get(reverse("followup:limit_edit", args=[999999])).status_code == 404


# --- The response time limits ------------------------------------------------------------------------------------


def test_changing_a_limit_changes_when_the_response_is_due(english, administrator):
    limit = ResponseTimeLimit.objects.get(category="conflict")
    monday = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
    assert timezone.localdate(services.response_due("conflict", monday)) == datetime.date(2026, 3, 3)
    english.force_login(administrator)

    url = reverse("followup:limit_edit", args=[limit.pk])
    response = english.post(url, {"working_days": "5", "source": "Kommunens rutin 2026", "certainty": "verified"})

    assert response.status_code == 302 and response["Location"] == RULES
    assert timezone.localdate(services.response_due("conflict", monday)) == datetime.date(2026, 3, 9)
    page = english.get(url).text
    assert administrator.name in page and "working days for the first response" in page
    event = AuditEvent.objects.get(action="followup.rule_changed")
    assert event.data["code"] == "conflict" and event.data["working_days"] == 5


@pytest.mark.parametrize(("days", "message"), [("31", "less than or equal to 30"), ("-1", "greater than or equal")])
def test_a_limit_outside_0_to_30_days_is_explained(english, administrator, days, message):
    limit = ResponseTimeLimit.objects.get(category="conflict")
    english.force_login(administrator)
    url = reverse("followup:limit_edit", args=[limit.pk])
    response = english.post(url, {"working_days": days, "source": "Rutin", "certainty": "verified"})
    assert response.status_code == 200 and message in response.text
    limit.refresh_from_db()
    assert limit.working_days == 1


# --- Queries ---------------------------------------------------------------------------------------------------


def test_the_rules_page_takes_as_many_queries_however_many_schedules(client, administrator):
    types = list(PositionType.objects.all())
    client.force_login(administrator)

    def add_steps(position_type):
        for code in ("a", "b", "c"):
            CheckInStep.objects.create(
                position_type=position_type, code=code, name_sv=code, name_en=code, anchor="start", months=1
            )

    add_steps(types[0])
    client.get(RULES)
    with CaptureQueriesContext(connection) as one:
        client.get(RULES)
    for position_type in types[1:]:
        add_steps(position_type)
    with CaptureQueriesContext(connection) as every:
        response = client.get(RULES)
    assert all(steps for _type, steps in response.context["position_types"])
    assert len(every) == len(one)
