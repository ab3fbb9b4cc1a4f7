"""Records of processing (art. 30) and a privacy notice per purpose (art. 13/14), from one set of declarations,
linked wherever personal data is collected."""

import pytest
from django.urls import reverse

from insteg.privacy import purposes
from insteg.retention.models import RetentionRule

CODES = ["participants", "training_registration", "supplier_contact", "staff", "accessibility_feedback"]


def test_the_records_of_processing_are_public_and_list_every_purpose_with_basis_recipients_and_retention(client):
    response = client.get(reverse("privacy:processing_records"))
    assert response.status_code == 200
    page = response.content.decode()
    for name in (
        "Matching and follow-up of participants in work placements",
        "Supervisor training registration",
        "Supplier contacts",
        "Staff accounts",
    ):
        assert name in page
    assert "6.1 e" in page and "6.1 a" in page and "6.1 f" in page and "6.1 b" in page and "6.1 c" in page
    assert "to be confirmed by the data protection officer" in page
    assert "aggregated, anonymous figures only" in page
    assert "None. All data is stored and processed within the EU/EEA." in page
    assert "Kept until a disposal decision is recorded" in page  # no rule acts for participants yet
    for code in CODES:
        assert reverse("privacy:notice", args=[code]) in page


def test_retention_follows_the_rule_table_once_a_decision_is_recorded(client):
    RetentionRule.objects.update_or_create(
        record_type="participant",
        defaults={"months": 36, "trigger": "placement_end", "action": "anonymise", "decision_ref": "KS 2026/77"}
        | {"enabled": True},
    )
    page = client.get(reverse("privacy:notice", args=["participants"])).content.decode()
    assert "KS 2026/77" in page and "36" in page


def test_the_records_are_json_in_the_public_api(client):
    response = client.get("/api/v1/privacy/processing-records")
    assert response.status_code == 200
    records = {record["code"]: record for record in response.json()["results"]}
    assert list(records) == CODES
    participants = records["participants"]
    assert participants["legal_bases"][0] == {
        "article": "6.1 e",
        "text": "A task in the public interest: the municipality's labour-market work",
        "source": participants["legal_bases"][0]["source"],
        "dpo_to_confirm": True,
    }
    assert participants["transfers_outside_eu_eea"].startswith("None")
    assert [item["record_type"] for item in participants["retention"]] == ["participant", "participant_view"]
    assert "health" in participants["special_categories"]
    assert records["staff"]["retention"][0]["rule"].startswith("As long as the account is active")


@pytest.mark.parametrize("code", CODES)
def test_every_purpose_has_a_public_notice_with_the_rights_and_how_to_use_them(client, code):
    response = client.get(reverse("privacy:notice", args=[code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert str(purposes.get(code).name) in page
    assert "Access (art. 15)" in page and "Restriction (art. 18)" in page
    assert "Contact the data protection officer" in page
    assert 'href="https://www.imy.se/"' in page
    assert ("Objection (art. 21)" in page) == (code in ("participants", "supplier_contact"))


def test_the_notice_is_linked_where_data_is_collected(client, matching_officer):
    register = client.get(reverse("accounts:register")).content.decode()
    assert reverse("privacy:notice", args=["supplier_contact"]) in register
    client.force_login(matching_officer)
    form = client.get(reverse("matching:participant_create")).content.decode()
    assert "The person must be told: show them this notice" in form
    assert reverse("privacy:notice", args=["participants"]) in form
