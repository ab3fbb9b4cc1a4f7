"""The due list as CSV/XLSX: check-ins and situations in one file, the same people as the page, logged."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insteg.followup import services
from insteg.lib.tests.export_files import column, csv_rows, xlsx_rows
from insteg.matching.models import ParticipantView
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory

DUE = reverse("followup:due")


def _active(municipality, position, officer, first_name):
    starts = timezone.localdate() - datetime.timedelta(days=7)
    placement = PlacementFactory(
        participant=ParticipantFactory(municipality=municipality, first_name=first_name, last_name="Berg"),
        position=position,
        starts_on=starts,
        planned_end_on=starts + datetime.timedelta(days=120),
        responsible=officer,
    )
    return services.start(placement, user=officer)


def _report(placement, user):
    return services.report_situation(
        placement, user=user, category="attendance", severity="medium", occurred_on=timezone.localdate(),
        description="Kom inte.",
    )  # fmt: skip


def test_the_due_export_has_the_check_ins_then_the_situations_and_is_logged(client, matching_officer, active_placement):
    _report(active_placement, matching_officer)
    client.force_login(matching_officer)
    rows = csv_rows(client.get(DUE, {"export": "csv", "team": "1"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0] == [
        "Kind", "Participant", "Host", "Check-in or situation", "Due", "Status", "Days overdue", "Responsible",
    ]  # fmt: skip
    assert column(rows, "Kind") == ["Check-in", "Situation"]
    assert column(rows, "Participant") == ["Amina Yusuf-Lindberg", "Amina Yusuf-Lindberg"]
    assert column(rows, "Host") == ["Storsjöbygg AB", "Storsjöbygg AB"]
    assert column(rows, "Check-in or situation")[0] == "After the first week"
    assert column(rows, "Status")[0] == "Due soon"
    assert ParticipantView.objects.filter(viewer=matching_officer, where="follow-up due list export").count() == 1


def test_my_due_export_has_no_responsible_column(client, matching_officer, active_placement):
    client.force_login(matching_officer)
    rows = xlsx_rows(client.get(DUE, {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert "Responsible" not in rows[0]
    first = active_placement.check_ins.order_by("due_on").first()
    assert [due.date() for due in column(rows, "Due")] == [first.due_on]  # a real date cell


@pytest.mark.parametrize("persona", ["supplier", "funder", "employment_officer", "procurement_officer"])
def test_only_matching_officers_export_the_due_list(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(DUE, {"export": "csv"}).status_code == client.get(DUE).status_code == 403


def test_the_due_export_costs_the_same_queries_for_1_or_6_placements(
    client, matching_officer, municipality, position, active_placement, django_assert_num_queries
):
    _report(active_placement, matching_officer)
    client.force_login(matching_officer)
    client.get(DUE, {"team": "1"})  # warm the session
    with CaptureQueriesContext(connection) as one:
        client.get(DUE, {"team": "1", "export": "csv"})
    for number in range(5):
        _report(_active(municipality, position, matching_officer, first_name=f"Person{number}"), matching_officer)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(DUE, {"team": "1", "export": "csv"})
    assert len(csv_rows(response)) == 1 + 6 + 6
