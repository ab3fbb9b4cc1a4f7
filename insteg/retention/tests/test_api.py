"""The retention API: readers (DPO, administrators), writers (administrators), errors per the API contract."""

import pytest
import time_machine
from rest_framework.test import APIClient

from insteg.retention import services
from insteg.retention.models import DisposalBatch, LegalHold
from insteg.retention.tests.conftest import DECISION
from insteg.retention.tests.test_services import ON_DUE_DAY

API = "/api/v1/retention"
OTHERS = [
    "procurement_officer",
    "matching_officer",
    "supplier",
    "other_supplier",
    "employment_officer",
    "other_employment_officer",
    "funder",
]


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def proposal(rule, placed):
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [batch] = services.propose_disposals()
    return batch


@pytest.mark.parametrize("path", ["rules", "disposals", "proposals", "holds"])
def test_readers_list_and_others_are_refused(api, administrator, data_protection_officer, path):
    assert api.get(f"{API}/{path}").status_code == 401
    for user in (administrator, data_protection_officer):
        api.force_authenticate(user)
        response = api.get(f"{API}/{path}")
        assert response.status_code == 200
        assert set(response.json()) == {"count", "next", "previous", "results"}


@pytest.mark.parametrize("persona", OTHERS, indirect=True)
@pytest.mark.parametrize("path", ["rules", "disposals", "proposals", "holds"])
def test_other_roles_get_403(api, persona, path):
    api.force_authenticate(persona)
    assert api.get(f"{API}/{path}").status_code == 403


def test_the_rules_say_whether_they_act(api, data_protection_officer, rule):
    api.force_authenticate(data_protection_officer)
    rules = {item["record_type"]: item for item in api.get(f"{API}/rules").json()["results"]}
    assert rules["participant"]["acting"] is True and rules["participant"]["decision_ref"] == DECISION
    assert rules["training_registration"]["acting"] is False


def test_an_administrator_approves_then_cannot_reject(api, administrator, proposal):
    api.force_authenticate(administrator)
    [listed] = api.get(f"{API}/proposals").json()["results"]
    assert listed["count"] == 3 and listed["status"] == "proposed" and listed["record_type"] == "participant"
    response = api.post(f"{API}/proposals/{proposal.pk}/approve")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    response = api.post(f"{API}/proposals/{proposal.pk}/reject")
    assert response.status_code == 409 and "already been decided" in response.json()["detail"]


def test_the_data_protection_officer_cannot_decide(api, data_protection_officer, proposal):
    api.force_authenticate(data_protection_officer)
    assert api.post(f"{API}/proposals/{proposal.pk}/approve").status_code == 403
    assert api.post(f"{API}/proposals/{proposal.pk}/reject").status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == DisposalBatch.Status.PROPOSED


def test_an_unknown_proposal_is_404(api, administrator):
    api.force_authenticate(administrator)
    assert api.post(f"{API}/proposals/987654/approve").status_code == 404


def test_holds_are_placed_and_released(api, administrator, placed):
    api.force_authenticate(administrator)
    response = api.post(
        f"{API}/holds",
        {"record_type": "participant", "record_id": placed[0].pk, "reason": "Överprövning"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    hold = response.json()
    assert hold["active"] is True
    again = api.post(
        f"{API}/holds", {"record_type": "participant", "record_id": placed[0].pk, "reason": "Igen"}, format="json"
    )
    assert again.status_code == 409
    response = api.post(f"{API}/holds/{hold['id']}/release")
    assert response.status_code == 200 and response.json()["active"] is False
    assert api.post(f"{API}/holds/{hold['id']}/release").status_code == 409


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"record_type": "participant", "record_id": 999999, "reason": "Skäl"}, "record_id"),
        ({"record_type": "participant", "record_id": "abc", "reason": "Skäl"}, "record_id"),
        ({"record_type": "participant", "record_id": -3, "reason": "Skäl"}, "record_id"),
        ({"record_type": "participant", "record_id": 2**70, "reason": "Skäl"}, "record_id"),
        ({"record_type": "invoice", "record_id": 1, "reason": "Skäl"}, "record_type"),
        ({"record_type": "participant", "record_id": 1, "reason": "x" * 5000}, "reason"),
        ({"record_type": "participant", "record_id": 1, "reason": 12}, "reason"),
        ({"record_type": "participant", "record_id": 1, "reason": "Skäl", "placed_by": 1}, "placed_by"),
    ],
)
def test_bad_hold_input_is_400_naming_the_field(api, administrator, placed, data, field):
    api.force_authenticate(administrator)
    response = api.post(f"{API}/holds", data, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not LegalHold.objects.exists()


def test_the_data_protection_officer_cannot_place_holds(api, data_protection_officer, placed):
    api.force_authenticate(data_protection_officer)
    data = {"record_type": "participant", "record_id": placed[0].pk, "reason": "Skäl"}
    assert api.post(f"{API}/holds", data, format="json").status_code == 403


def test_disposal_records_carry_no_names(api, data_protection_officer, administrator, proposal):
    services.approve(proposal, administrator)
    with time_machine.travel(ON_DUE_DAY, tick=False):
        services.apply_approved(by=administrator)
    api.force_authenticate(data_protection_officer)
    [record] = api.get(f"{API}/disposals").json()["results"]
    assert record["count"] == 3 and record["decision_ref"] == DECISION and record["applied_by"] == administrator.pk
    assert "Markör" not in str(record)
