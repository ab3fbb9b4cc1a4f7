"""The organisation list as CSV/XLSX, for administrators only, with the kind filter kept."""

import pytest
from django.urls import reverse

from insteg.lib.tests.export_files import column, csv_rows

ORGANISATIONS = reverse("accounts:organisation_list")


def test_an_administrator_exports_the_organisations_of_one_kind(client, administrator, supplier):
    client.force_login(administrator)
    rows = csv_rows(client.get(ORGANISATIONS, {"export": "csv", "kind": "municipality"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0] == ["Name", "Kind", "Organisation number", "SME", "People"]
    assert "Östersunds kommun" in column(rows, "Name")
    assert "Storsjöbygg AB" not in column(rows, "Name")


@pytest.mark.parametrize("persona", ["procurement_officer", "supplier", "funder"])
def test_others_may_not_export_the_organisations(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(ORGANISATIONS, {"export": "csv"}).status_code == client.get(ORGANISATIONS).status_code == 403
