"""Legal holds and the disposal log as CSV/XLSX, for those who may see the retention pages."""

import pytest
from django.urls import reverse

from insteg.lib.tests.export_files import column, csv_rows, xlsx_rows
from insteg.matching.tests.factories import ParticipantFactory
from insteg.retention import services
from insteg.retention.models import DisposalRecord

HOLDS = reverse("retention:holds")
RECORDS = reverse("retention:records")


def test_the_holds_export_lists_each_hold_with_who_placed_it(client, administrator, municipality):
    person = ParticipantFactory(municipality=municipality)
    services.place_hold(
        record_type="participant", record_id=person.pk, reason="Överklagande, mål 123-26", by=administrator
    )
    client.force_login(administrator)
    rows = csv_rows(client.get(HOLDS, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Record number") == [str(person.pk)]
    assert column(rows, "Reason") == ["Överklagande, mål 123-26"]
    assert column(rows, "Placed by") == [administrator.name]
    assert column(rows, "Released") == [""]


def test_the_disposal_log_export_has_counts_and_never_whom(client, data_protection_officer, administrator):
    DisposalRecord.objects.create(
        record_type="participant", action="erase", count=3, months=36, decision_ref="KS 2025/17", applied_by=None
    )
    client.force_login(data_protection_officer)
    rows = xlsx_rows(client.get(RECORDS, {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Records") == [3]
    assert column(rows, "Carried out by") == ["The system (scheduled run)"]


@pytest.mark.parametrize("persona", ["procurement_officer", "supplier", "matching_officer", "funder"])
def test_others_may_not_export_the_retention_lists(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in (HOLDS, RECORDS):
        assert client.get(url, {"export": "csv"}).status_code == client.get(url).status_code == 403
