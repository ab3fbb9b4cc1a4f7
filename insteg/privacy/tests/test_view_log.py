"""The DPO's view log: who read whose data, searched by person or staff member; searching it is logged too."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from insteg.matching import services as matching_services
from insteg.matching.models import ParticipantView
from insteg.matching.tests.factories import ParticipantFactory

# session, user, memberships, count, page (with participant and viewer joined), the supervision insert
QUERIES = 6


def _read(user, people, purpose="matching", where="participant page"):
    matching_services.log_views(user, people, purpose=purpose, where=where)


def test_the_dpo_answers_who_read_this_person_and_the_search_is_logged(
    client, data_protection_officer, matching_officer, employment_officer, participant
):
    other = ParticipantFactory(municipality=participant.municipality, first_name="Bertil", last_name="Ek")
    _read(matching_officer, [participant, other])
    _read(employment_officer, [participant], purpose="referral", where="api")
    client.force_login(data_protection_officer)
    response = client.get(reverse("privacy:view_log"), {"person": str(participant.public_id)})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert {(row.viewer.username, row.purpose) for row in rows} == {("erik", "matching"), ("sara", "referral")}
    supervision = ParticipantView.objects.filter(viewer=data_protection_officer, purpose="supervision")
    assert [view.participant for view in supervision] == [participant]  # only the person shown
    by_name = client.get(reverse("privacy:view_log"), {"person": "Bertil Ek"}).context["rows"]
    assert [row.participant for row in by_name] == [other]


def test_the_dpo_answers_what_did_this_staff_member_read(
    client, data_protection_officer, matching_officer, participant
):
    _read(matching_officer, [participant])
    _read(data_protection_officer, [participant], purpose="dpo", where="data subject request")
    client.force_login(data_protection_officer)
    rows = client.get(reverse("privacy:view_log"), {"staff": "erik"}).context["rows"]
    assert [row.viewer.username for row in rows] == ["erik"]
    rows = client.get(reverse("privacy:view_log"), {"purpose": "dpo"}).context["rows"]
    assert [row.where for row in rows] == ["data subject request"]
    today = timezone.localdate()
    rows = client.get(
        reverse("privacy:view_log"), {"date_from": (today + datetime.timedelta(days=1)).isoformat()}
    ).context["rows"]
    assert rows == []
    bad = client.get(reverse("privacy:view_log"), {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert bad.status_code == 200 and "The end date must not be before the start date." in bad.content.decode()


def test_the_view_log_is_a_csv_too(client, data_protection_officer, matching_officer, participant):
    _read(matching_officer, [participant])
    client.force_login(data_protection_officer)
    response = client.get(reverse("privacy:view_log"), {"staff": "erik", "export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Time;Participant;Pseudonymous id;Viewed by;Purpose;Where"
    assert lines[1].endswith(f"Amina Yusuf-Lindberg;{participant.public_id};erik;matching;participant page")
    assert ParticipantView.objects.filter(viewer=data_protection_officer, where="view log csv").count() == 1


@pytest.mark.parametrize("people", [1, 30])
def test_the_view_log_takes_the_same_number_of_queries_however_many_rows(
    client, django_assert_num_queries, data_protection_officer, matching_officer, municipality, people
):
    _read(matching_officer, [ParticipantFactory(municipality=municipality) for _ in range(people)])
    client.force_login(data_protection_officer)
    client.get(reverse("privacy:view_log"))  # warm the content types
    with django_assert_num_queries(QUERIES):
        client.get(reverse("privacy:view_log"))


def test_a_dpo_sees_only_reads_of_their_own_municipalitys_participants(
    client, data_protection_officer, matching_officer
):
    elsewhere = ParticipantFactory()  # another municipality
    _read(matching_officer, [elsewhere])
    client.force_login(data_protection_officer)
    assert client.get(reverse("privacy:view_log")).context["rows"] == []
