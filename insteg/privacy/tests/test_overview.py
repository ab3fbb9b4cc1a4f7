"""The data-protection start page: the DPO and administrators reach every privacy duty from one place."""

import pytest
from django.urls import reverse

from insteg.retention.models import LegalHold


def test_the_dpo_sees_the_duties_but_not_the_administrators_tools(client, data_protection_officer):
    client.force_login(data_protection_officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = client.get(reverse("privacy:overview")).content.decode()
    for name in ("privacy:processing_records", "privacy:requests", "privacy:view_log", "retention:overview"):
        assert f'href="{reverse(name)}"' in page
    assert reverse("privacy:audit_trail") not in page


def test_the_administrator_also_reaches_the_audit_trail_and_sees_holds_counted(client, administrator):
    LegalHold.objects.create(record_type="participant", record_id=7, reason="Överprövning", placed_by=administrator)
    client.force_login(administrator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = client.get(reverse("privacy:overview")).content.decode()
    assert reverse("privacy:audit_trail") in page
    assert "1 legal hold in force." in page


@pytest.mark.parametrize("persona", ["matching_officer", "supplier", "funder"], indirect=True)
def test_other_roles_are_refused(client, persona):
    client.force_login(persona)
    assert client.get(reverse("privacy:overview")).status_code == 403
