"""The procurement API over the same services and access rules as the pages."""

import pytest
from rest_framework.test import APIClient

from insteg.accounts.services import create_api_token
from insteg.procurement.models import Procurement, SocialRequirement
from insteg.procurement.tests.factories import ProcurementFactory, SocialRequirementFactory

NEW = {
    "reference": "KS 2026/0400",
    "title": "Livsmedel till skolköken",
    "contract_type": "goods",
    "cpv_main": "15000000-8",
    "procedure": "open",
    "estimated_value_sek": 9_000_000,
    "duration_months": 24,
    "lots_not_divided_reason": "Samlade leveranser till ett centralkök.",
    "notice_sent": "2026-03-02",
    "tender_deadline": "2026-04-10",
}


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        _token, secret = create_api_token(user, name="test")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_an_officer_creates_a_procurement(procurement_officer):
    response = _api(procurement_officer).post("/api/v1/procurements", NEW, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["regime"] == "above_threshold"
    assert body["status"] == "draft"
    assert body["question_deadline"] == "2026-03-31"
    assert body["answers_due_by"] == "2026-04-04"
    assert Procurement.objects.get().officer == procurement_officer


def test_malformed_json_is_a_400_with_a_sentence(procurement_officer):
    response = _api(procurement_officer).post(
        "/api/v1/procurements", data='{"title": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    assert not Procurement.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cpv_main", "15000000"),
        ("estimated_value_sek", -1),
        ("estimated_value_sek", 10**15),
        ("duration_months", 0),
        ("tender_deadline", "2026-02-30"),
        ("tender_deadline", "2026-03-01"),
        ("procedure", "lottery"),
        ("cpv_additional", ["x" * 10]),
        ("title", "x" * 500),
    ],
)
def test_bad_fields_are_400_with_field_errors_and_no_write(procurement_officer, field, value):
    response = _api(procurement_officer).post("/api/v1/procurements", {**NEW, field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Procurement.objects.exists()


def test_a_supplier_cannot_create(supplier):
    assert _api(supplier).post("/api/v1/procurements", NEW, format="json").status_code == 403


def test_lists_are_paginated_and_limited_to_what_you_may_see(supplier, municipality, draft):
    ProcurementFactory.create_batch(3, organisation=municipality, status="published")
    body = _api(supplier).get("/api/v1/procurements").json()
    assert body["count"] == 3
    assert {"next", "previous", "results"} <= body.keys()
    assert draft.pk not in [item["id"] for item in body["results"]]
    assert _api(supplier).get(f"/api/v1/procurements/{draft.pk}").status_code == 404


def test_publishing_an_unlawful_deadline_is_a_400_with_the_reason(procurement_officer, draft):
    SocialRequirementFactory(procurement=draft)
    client = _api(procurement_officer)
    response = client.patch(
        f"/api/v1/procurements/{draft.pk}",
        {"tender_deadline": "2026-03-20", "question_deadline": "2026-03-10"},
        format="json",
    )
    assert response.status_code == 200
    response = client.post(f"/api/v1/procurements/{draft.pk}/transitions", {"status": "published"}, format="json")
    assert response.status_code == 400
    assert "tender_deadline" in response.json()["errors"]

    client.patch(f"/api/v1/procurements/{draft.pk}", {"tender_deadline": "2026-04-10"}, format="json")
    response = client.post(f"/api/v1/procurements/{draft.pk}/transitions", {"status": "published"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    # A published procurement is not changed through the API either.
    assert client.patch(f"/api/v1/procurements/{draft.pk}", {"title": "x"}, format="json").status_code == 409


def test_a_status_change_the_state_does_not_allow_is_409(procurement_officer, draft):
    response = _api(procurement_officer).post(
        f"/api/v1/procurements/{draft.pk}/transitions", {"status": "completed"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["detail"]


def test_requirements_are_added_decided_and_removed(procurement_officer, draft, numeric_criterion):
    client = _api(procurement_officer)
    url = f"/api/v1/procurements/{draft.pk}/requirements"
    response = client.post(url, {"criterion": numeric_criterion.code, "lot": 2}, format="json")
    assert response.status_code == 201, response.json()
    requirement = response.json()
    assert requirement["slots_suggested"] == 2
    assert requirement["preset"] == "trafikverket"
    assert requirement["lot"] == 2

    response = client.patch(
        f"{url}/{requirement['id']}",
        {
            "slots_decided": 1,
            "rationale": "En plats räcker för ett område.",
            "target_groups": ["young_people"],
            "alternatives": ["c"],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["slots_decided"] == 1
    assert "erbjuda 1 placeringar" in response.json()["rendered_clause"]

    bad = client.patch(f"{url}/{requirement['id']}", {"target_groups": ["criminals"]}, format="json")
    assert bad.status_code == 400
    assert "target_groups" in bad.json()["errors"]

    assert client.delete(f"{url}/{requirement['id']}").status_code == 204
    assert not SocialRequirement.objects.exists()


def test_an_unknown_lot_or_criterion_is_400(procurement_officer, draft, numeric_criterion):
    client = _api(procurement_officer)
    url = f"/api/v1/procurements/{draft.pk}/requirements"
    assert client.post(url, {"criterion": "no-such-thing"}, format="json").status_code == 400
    response = client.post(url, {"criterion": numeric_criterion.code, "lot": 9}, format="json")
    assert response.status_code == 400
    assert "lot" in response.json()["errors"]
    assert not SocialRequirement.objects.exists()


def test_a_reference_number_is_unique_within_the_municipality(procurement_officer, draft):
    response = _api(procurement_officer).post(
        "/api/v1/procurements", {**NEW, "reference": draft.reference.lower()}, format="json"
    )
    assert response.status_code == 400
    assert "reference" in response.json()["errors"]
    assert Procurement.objects.count() == 1
