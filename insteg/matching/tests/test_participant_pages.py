"""The participant pages as matching officers and employment-service officers use them."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from insteg.accounts.models import Organisation
from insteg.accounts.tests.factories import OrganisationFactory
from insteg.matching.models import Participant, ParticipantView
from insteg.matching.tests.factories import ParticipantFactory


@pytest.fixture(autouse=True)
def _in_english(english):
    """The assertions read the English source texts."""


def form_data(**overrides):
    data = {
        "first_name": "Johan",
        "last_name": "Persson",
        "email": "johan.persson@example.se",
        "phone": "070-7654321",
        "birth_year": "1990",
        "gender": "",
        "target_group": "newly_arrived",
        "programme": "",
        "occupations": "9111, 5120",
        "swedish_level": "basic",
        "other_languages": "arabiska (modersmål)",
        "home_municipality": "Östersund",
        "max_travel_km": "20",
        "available_from": "2026-08-01",
        "hours_min": "20",
        "hours_max": "30",
        "waiting_since": "2025-03-01",
        "adaptations": ["gradual_start", "quiet_workplace"],
        "notes": "Vill gärna arbeta förmiddagar.",
        "legal_basis": "public_interest",
        "informed_on": "2026-07-01",
    }
    return {**data, **overrides}


# --- The list -----------------------------------------------------------------------------------------------


def test_a_matching_officer_sees_the_municipalitys_participants_and_each_is_logged(
    client, matching_officer, participant, municipality
):
    other_town = ParticipantFactory(first_name="Okänd", last_name="Annanstad")
    client.force_login(matching_officer)
    response = client.get(reverse("matching:participants"))
    assert response.status_code == 200
    assert "Yusuf-Lindberg" in response.text and "Annanstad" not in response.text
    view = ParticipantView.objects.get()
    assert (view.participant, view.viewer, view.purpose) == (participant, matching_officer, "matching")
    assert not other_town.views.exists()


def test_an_employment_officer_sees_only_the_people_they_referred(
    client, employment_officer, participant, municipality
):
    ParticipantFactory(municipality=municipality, last_name="Registreradavkommunen")
    client.force_login(employment_officer)
    response = client.get(reverse("matching:participants"))
    assert "Yusuf-Lindberg" in response.text and "Registreradavkommunen" not in response.text
    assert list(ParticipantView.objects.values_list("purpose", flat=True)) == ["referral"]


@pytest.mark.parametrize("persona", ["supplier", "funder", "procurement_officer", "administrator"], indirect=True)
def test_others_may_not_list_or_register_participants(client, persona, participant):
    client.force_login(persona)
    assert client.get(reverse("matching:participants")).status_code == 403
    assert client.get(reverse("matching:participant_create")).status_code == 403
    assert not ParticipantView.objects.exists()


def test_the_list_filters_by_status_target_group_and_name(client, matching_officer, participant, municipality):
    ParticipantFactory(municipality=municipality, last_name="Nyanländsson", target_group="newly_arrived")
    ParticipantFactory(municipality=municipality, last_name="Placeradsson", status="placed")
    client.force_login(matching_officer)
    url = reverse("matching:participants")
    newly_arrived = client.get(url, {"target_group": "newly_arrived"}).text
    assert "Nyanländsson" in newly_arrived and "Yusuf-Lindberg" not in newly_arrived
    placed = client.get(url, {"status": "placed"}).text
    assert "Placeradsson" in placed and "Nyanländsson" not in placed
    found = client.get(url, {"q": "yusuf"}).text
    assert "Yusuf-Lindberg" in found and "Placeradsson" not in found


def test_the_list_takes_as_many_queries_for_ten_people_as_for_two(client, matching_officer, municipality):
    client.force_login(matching_officer)
    url = reverse("matching:participants")
    ParticipantFactory.create_batch(2, municipality=municipality)
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    ParticipantFactory.create_batch(8, municipality=municipality)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(url)
    assert len(response.context["participants"]) == 10
    assert len(ten) == len(two)
    assert ParticipantView.objects.filter(where="participant list").count() == 2 + 2 + 10


# --- Register, refer and edit -----------------------------------------------------------------------------------


def test_a_matching_officer_registers_a_person_with_occupations_and_adaptations(client, matching_officer, municipality):
    client.force_login(matching_officer)
    form = client.get(reverse("matching:participant_create")).text
    assert "Practical adaptations (restricted access)" in form
    assert 'name="personnummer"' not in form  # not collected by default
    response = client.post(reverse("matching:participant_create"), form_data(municipality=municipality.pk))
    person = Participant.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("matching:participant", args=[person.pk])
    assert person.municipality == municipality and person.referred_by is None
    assert sorted(person.occupations.values_list("code", flat=True)) == ["5120", "9111"]
    assert person.adaptations == ["gradual_start", "quiet_workplace"]
    assert person.age_band == Participant.band_for(1990)


def test_an_employment_officer_chooses_the_municipality_when_there_are_several(
    client, employment_officer, municipality
):
    other = OrganisationFactory(name="Krokoms kommun", kind=Organisation.Kind.MUNICIPALITY, org_number="")
    client.force_login(employment_officer)
    form = client.get(reverse("matching:participant_create")).text
    assert "Krokoms kommun" in form and "Östersunds kommun" in form
    response = client.post(reverse("matching:participant_create"), form_data(municipality=other.pk))
    assert response.status_code == 302
    person = Participant.objects.get()
    assert person.municipality == other and person.referred_by == employment_officer


def test_with_one_municipality_it_is_chosen_for_the_referring_officer(client, employment_officer, municipality):
    client.force_login(employment_officer)
    form = client.get(reverse("matching:participant_create")).text
    assert f'type="hidden" name="municipality" value="{municipality.pk}"' in form


def test_unknown_ssyk_codes_are_named_and_nothing_is_written(client, matching_officer, municipality):
    client.force_login(matching_officer)
    response = client.post(
        reverse("matching:participant_create"), form_data(municipality=municipality.pk, occupations="9111, 0000, abc")
    )
    assert response.status_code == 200
    assert "An SSYK code has four digits" in response.text and "abc" in response.text
    assert not Participant.objects.exists()


def test_the_date_the_person_was_informed_is_required(client, matching_officer, municipality):
    client.force_login(matching_officer)
    response = client.post(
        reverse("matching:participant_create"), form_data(municipality=municipality.pk, informed_on="")
    )
    assert response.status_code == 200 and "There is a problem" in response.text
    assert not Participant.objects.exists()


def test_the_referring_officer_edits_the_person(client, employment_officer, participant):
    client.force_login(employment_officer)
    url = reverse("matching:participant_edit", args=[participant.pk])
    assert "Yusuf-Lindberg" in client.get(url).text
    response = client.post(url, form_data(first_name="Amina", last_name="Yusuf", hours_max="25"))
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.last_name, participant.hours_max) == ("Yusuf", 25)


# --- The person's page, export and erase ------------------------------------------------------------------------


def test_the_persons_page_shows_everything_and_the_view_log_to_the_matching_officer(
    client, matching_officer, employment_officer, participant
):
    client.force_login(employment_officer)
    client.get(reverse("matching:participant", args=[participant.pk]))
    client.force_login(matching_officer)
    response = client.get(reverse("matching:participant", args=[participant.pk]))
    page = response.text
    for value in ("Amina", "Yusuf-Lindberg", "amina.yusuf@example.se", "070-1234567", "Gradual start", "9111"):
        assert value in page
    assert "View log" in page and employment_officer.name in page and "Referral" in page
    assert reverse("matching:positions_for", args=[participant.pk]) in page
    assert reverse("matching:participant_export", args=[participant.pk]) in page
    assert reverse("matching:participant_erase", args=[participant.pk]) in page


def test_the_referring_officer_sees_the_person_but_not_the_view_log_or_erase(client, employment_officer, participant):
    client.force_login(employment_officer)
    page = client.get(reverse("matching:participant", args=[participant.pk])).text
    assert "Yusuf-Lindberg" in page and "View log" not in page
    assert reverse("matching:participant_erase", args=[participant.pk]) not in page


def test_the_export_is_a_json_download_of_everything_and_is_logged(client, employment_officer, participant):
    client.force_login(employment_officer)
    response = client.get(reverse("matching:participant_export", args=[participant.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == f'attachment; filename="participant-{participant.public_id}.json"'
    data = json.loads(response.content)
    assert data["participant"]["last_name"] == "Yusuf-Lindberg"
    assert data["participant"]["occupations"] == ["9111"]
    assert participant.views.filter(purpose="export", viewer=employment_officer).exists()


def test_erasing_asks_first_then_the_person_disappears_from_the_list(client, matching_officer, participant):
    client.force_login(matching_officer)
    url = reverse("matching:participant_erase", args=[participant.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "cannot be restored" in confirm.text
    response = client.post(url, follow=True)
    assert "identifying data is erased" in response.text
    assert "Yusuf-Lindberg" not in response.text
    participant.refresh_from_db()
    assert participant.erased_at is not None and participant.last_name == ""
    assert client.get(reverse("matching:participant", args=[participant.pk])).status_code == 404


def test_only_the_municipalitys_matching_officers_erase(client, employment_officer, supplier, participant):
    client.force_login(employment_officer)
    assert client.post(reverse("matching:participant_erase", args=[participant.pk])).status_code == 403
    client.force_login(supplier)
    assert client.post(reverse("matching:participant_erase", args=[participant.pk])).status_code == 404
    participant.refresh_from_db()
    assert participant.erased_at is None
