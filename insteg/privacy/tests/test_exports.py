"""The audit trail and the view log as CSV/XLSX: administrators and data protection officers only, filters kept."""

import pytest
from django.urls import reverse

from insteg.lib.tests.export_files import column, csv_rows, xlsx_rows
from insteg.matching import services as matching_services
from insteg.matching.models import ParticipantView
from insteg.matching.tests.factories import ParticipantFactory
from insteg.privacy import audit

AUDIT = reverse("privacy:audit_trail")
VIEW_LOG = reverse("privacy:view_log")


def test_the_audit_trail_export_keeps_the_action_filter(client, administrator, municipality):
    audit.record("procurement.published", actor=administrator, organisation=municipality, lots=2)
    audit.record("organisation.created", actor=administrator, organisation=municipality)
    client.force_login(administrator)
    rows = csv_rows(client.get(AUDIT, {"export": "csv", "action": "procurement.published"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0] == ["Time", "Action", "Who", "Organisation", "Object type", "Object id", "Details"]
    assert column(rows, "Action") == ["procurement.published"]
    assert column(rows, "Who") == ["anna"]
    assert column(rows, "Details") == ["lots=2"]


@pytest.mark.parametrize("persona", ["procurement_officer", "supplier", "funder", "matching_officer"])
def test_only_who_sees_the_audit_trail_exports_it(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(AUDIT, {"export": "xlsx"}).status_code == client.get(AUDIT).status_code == 403


def test_the_view_log_exports_as_xlsx_and_the_export_is_itself_logged(
    client, data_protection_officer, matching_officer, municipality
):
    person = ParticipantFactory(municipality=municipality, first_name="Amina", last_name="Yusuf-Lindberg")
    matching_services.log_views(matching_officer, [person], purpose="matching", where="participant page")
    client.force_login(data_protection_officer)
    rows = xlsx_rows(client.get(VIEW_LOG, {"export": "xlsx", "staff": "erik"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Participant") == ["Amina Yusuf-Lindberg"]
    assert column(rows, "Viewed by") == ["erik"]
    assert ParticipantView.objects.filter(viewer=data_protection_officer, where="view log xlsx").count() == 1


def test_the_view_logs_old_csv_address_still_works(client, data_protection_officer, matching_officer, municipality):
    person = ParticipantFactory(municipality=municipality)
    matching_services.log_views(matching_officer, [person], purpose="matching", where="participant page")
    client.force_login(data_protection_officer)
    rows = csv_rows(client.get(VIEW_LOG, {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Where") == ["participant page"]
