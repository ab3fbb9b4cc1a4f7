"""Participants and placements as CSV/XLSX: the same people as the page, every export written to the view log."""

import pytest
from django.urls import reverse

from insteg.lib.tests.export_files import column, csv_rows, xlsx_rows
from insteg.matching.models import ParticipantView
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory

PARTICIPANTS = reverse("matching:participants")
PLACEMENTS = reverse("matching:placements")
INJECTION = '=HYPERLINK("https://evil.example","Öppna")'


def test_a_matching_officer_exports_the_filtered_list_and_each_person_is_logged(
    client, matching_officer, municipality, participant
):
    ParticipantFactory(municipality=municipality, first_name="Bo", last_name="Ek", target_group="newly_arrived")
    client.force_login(matching_officer)
    rows = csv_rows(
        client.get(PARTICIPANTS, {"export": "csv", "target_group": "long_term_unemployed"}, HTTP_ACCEPT_LANGUAGE="en")
    )
    assert rows[0] == ["First name", "Last name", "Target group", "Programme", "Available from", "Status"]
    assert [row[:2] for row in rows[1:]] == [["Amina", "Yusuf-Lindberg"]]
    assert column(rows, "Available from") == ["2026-08-01"]
    logged = ParticipantView.objects.filter(viewer=matching_officer, where="participant list export")
    assert [(view.participant, view.purpose) for view in logged] == [(participant, ParticipantView.Purpose.MATCHING)]


def test_an_employment_officer_exports_only_the_people_they_referred(
    client, employment_officer, other_employment_officer, municipality, participant
):
    ParticipantFactory(municipality=municipality, referred_by=other_employment_officer, first_name="Olles")
    client.force_login(employment_officer)
    rows = xlsx_rows(client.get(PARTICIPANTS, {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "First name") == ["Amina"]
    view = ParticipantView.objects.get(viewer=employment_officer, where="participant list export")
    assert view.purpose == ParticipantView.Purpose.REFERRAL


@pytest.mark.parametrize("persona", ["funder", "supplier", "procurement_officer", "administrator"])
def test_those_who_may_not_see_participants_may_not_export_them(client, request, persona, participant):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(PARTICIPANTS).status_code == 403
    assert client.get(PARTICIPANTS, {"export": "csv"}).status_code == 403
    assert client.get(PARTICIPANTS, {"export": "xlsx"}).status_code == 403
    assert not ParticipantView.objects.exists()


def test_a_name_written_as_a_formula_is_text_in_the_file(client, matching_officer, municipality):
    ParticipantFactory(municipality=municipality, first_name=INJECTION)
    client.force_login(matching_officer)
    rows = csv_rows(client.get(PARTICIPANTS, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "First name") == ["'" + INJECTION]
    rows = xlsx_rows(client.get(PARTICIPANTS, {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "First name") == ["'" + INJECTION]


@pytest.mark.parametrize("count", [1, 12])
def test_the_participant_export_takes_the_same_number_of_queries_however_many(
    client, matching_officer, municipality, django_assert_num_queries, count
):
    ParticipantFactory.create_batch(count, municipality=municipality)
    client.force_login(matching_officer)
    client.get(PARTICIPANTS)  # warm the session
    with django_assert_num_queries(5):
        response = client.get(PARTICIPANTS, {"export": "csv"})
    assert len(csv_rows(response)) == count + 1


def test_a_host_exports_its_placements_with_the_first_name_only(
    client, supplier, other_supplier, matching_officer, participant, position
):
    PlacementFactory(participant=participant, position=position)
    client.force_login(supplier)
    rows = csv_rows(client.get(PLACEMENTS, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Person") == ["Amina"]
    assert column(rows, "Host") == ["Storsjöbygg AB"]
    assert "Yusuf-Lindberg" not in repr(rows)
    assert ParticipantView.objects.filter(viewer=supplier, where="placement list export").count() == 1

    client.force_login(other_supplier)
    assert csv_rows(client.get(PLACEMENTS, {"export": "csv"}))[1:] == []

    client.force_login(matching_officer)
    rows = xlsx_rows(client.get(PLACEMENTS, {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Person") == ["Amina Yusuf-Lindberg"]


def test_the_funder_may_not_export_placements(client, funder):
    client.force_login(funder)
    assert client.get(PLACEMENTS, {"export": "csv"}).status_code == client.get(PLACEMENTS).status_code == 403
