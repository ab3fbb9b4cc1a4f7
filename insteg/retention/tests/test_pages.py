"""The retention pages: the data-protection officer reads, administrators decide; bad input is a form error."""

import pytest
import time_machine
from django.urls import reverse

from insteg.matching.models import Participant
from insteg.privacy.models import AuditEvent
from insteg.retention import services
from insteg.retention.models import DisposalBatch, DisposalRecord, LegalHold, RecordType, RetentionRule
from insteg.retention.tests.conftest import DECISION, in_force
from insteg.retention.tests.test_services import ON_DUE_DAY

PERSONAS = [
    "procurement_officer",
    "matching_officer",
    "supplier",
    "other_supplier",
    "employment_officer",
    "other_employment_officer",
    "funder",
]
READ_PAGES = [("retention:overview", {}), ("retention:holds", {}), ("retention:records", {})]


@pytest.fixture(autouse=True)
def _in_english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def proposal(rule, placed):
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [batch] = services.propose_disposals()
    return batch


@pytest.mark.parametrize(("name", "kwargs"), READ_PAGES)
def test_the_data_protection_officer_and_administrators_read_the_pages(
    client, administrator, data_protection_officer, name, kwargs
):
    for user in (administrator, data_protection_officer):
        client.force_login(user)
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
@pytest.mark.parametrize(("name", "kwargs"), [*READ_PAGES, ("retention:rule_edit", {"record_type": "participant"})])
def test_everyone_else_is_refused(client, persona, name, kwargs):
    client.force_login(persona)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("retention:overview"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_overview_shows_rules_and_proposals_with_buttons_for_administrators_only(
    client, administrator, data_protection_officer, proposal
):
    client.force_login(administrator)
    page = _text(client.get(reverse("retention:overview")))
    assert DECISION in page and "Participants (identities)" in page
    assert reverse("retention:approve", args=[proposal.pk]) in page
    assert reverse("retention:rule_edit", args=["participant"]) in page
    client.force_login(data_protection_officer)
    page = _text(client.get(reverse("retention:overview")))
    assert DECISION in page
    assert reverse("retention:approve", args=[proposal.pk]) not in page
    assert client.get(reverse("retention:rule_edit", args=["participant"])).status_code == 403
    assert client.post(reverse("retention:approve", args=[proposal.pk])).status_code == 403


def test_an_administrator_approves_a_proposal_and_sees_it_waiting(client, administrator, proposal):
    client.force_login(administrator)
    response = client.post(reverse("retention:approve", args=[proposal.pk]), follow=True)
    assert "Approved: 3 records" in _text(response)
    assert "approved by" in _text(response)
    proposal.refresh_from_db()
    assert proposal.status == DisposalBatch.Status.APPROVED
    response = client.post(reverse("retention:reject", args=[proposal.pk]), follow=True)
    assert "already been decided" in _text(response)


def test_rejecting_keeps_the_records(client, administrator, proposal):
    client.force_login(administrator)
    client.post(reverse("retention:reject", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == DisposalBatch.Status.REJECTED
    assert Participant.objects.filter(erased_at__isnull=True).count() == 3


def test_deciding_needs_a_post_and_a_known_proposal(client, administrator, proposal):
    client.force_login(administrator)
    assert client.get(reverse("retention:approve", args=[proposal.pk])).status_code == 405
    assert client.post(reverse("retention:approve", args=[proposal.pk + 100])).status_code == 404


def test_an_administrator_puts_a_rule_in_force_with_a_decision(client, administrator):
    services.ensure_default_rules()
    client.force_login(administrator)
    url = reverse("retention:rule_edit", args=["training_registration"])
    page = _text(client.get(url))
    assert 'value="anonymise"' in page and 'value="delete"' not in page
    response = client.post(url, {"months": "12", "action": "anonymise", "decision_ref": DECISION, "enabled": "on"})
    assert response.status_code == 302
    rule = RetentionRule.objects.get(record_type="training_registration")
    assert rule.is_acting and rule.changed_by == administrator
    assert AuditEvent.objects.filter(action="retention.rule_changed").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"months": "12", "action": "anonymise", "decision_ref": "", "enabled": "on"}, "disposal decision"),
        ({"months": "0", "action": "anonymise", "decision_ref": DECISION}, "greater than or equal to 1"),
        ({"months": "99999", "action": "anonymise", "decision_ref": DECISION}, "less than or equal to 1200"),
        ({"months": "tolv", "action": "anonymise", "decision_ref": DECISION}, "Enter a whole number"),
        ({"months": "12", "action": "delete", "decision_ref": DECISION}, "Select a valid choice"),
        ({"months": "12", "action": "anonymise", "decision_ref": "x" * 201}, "at most 200 characters"),
    ],
)
def test_bad_rule_input_is_a_form_error(client, administrator, data, message):
    services.ensure_default_rules()
    client.force_login(administrator)
    response = client.post(reverse("retention:rule_edit", args=["training_registration"]), data)
    assert response.status_code == 200
    assert message in _text(response)
    assert not RetentionRule.objects.acting().exists()


def test_an_unknown_kind_of_record_has_no_rule_page(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("retention:rule_edit", args=["invoices"])).status_code == 404


def test_a_hold_placed_from_a_participant_page_and_released(client, administrator, placed):
    client.force_login(administrator)
    url = reverse("retention:holds")
    page = _text(client.get(url, {"record_type": "participant", "record_id": str(placed[0].pk)}))
    assert f'value="{placed[0].pk}"' in page
    response = client.post(
        url, {"record_type": "participant", "record_id": placed[0].pk, "reason": "Överprövning"}, follow=True
    )
    assert "The legal hold is placed" in _text(response)
    hold = LegalHold.objects.get()
    assert services.is_on_hold("participant", placed[0].pk)
    response = client.post(reverse("retention:release", args=[hold.pk]), follow=True)
    assert "The legal hold is released" in _text(response)
    assert not services.is_on_hold("participant", placed[0].pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"record_type": "participant", "record_id": "999999", "reason": "Skäl"}, "There is no such record"),
        ({"record_type": "invoice", "record_id": "1", "reason": "Skäl"}, "Select a valid choice"),
        ({"record_type": "participant", "record_id": "-1", "reason": "Skäl"}, "greater than or equal to 1"),
        ({"record_type": "participant", "record_id": "1e99", "reason": "Skäl"}, "Enter a whole number"),
        ({"record_type": "participant", "record_id": "1", "reason": "x" * 201}, "at most 200 characters"),
        ({"record_type": "participant", "record_id": "1", "reason": ""}, "This field is required"),
    ],
)
def test_bad_hold_input_is_a_form_error(client, administrator, data, message):
    client.force_login(administrator)
    response = client.post(reverse("retention:holds"), data)
    assert response.status_code == 200
    assert message in _text(response)
    assert not LegalHold.objects.exists()


def test_a_second_hold_on_the_same_record_is_refused_on_the_form(client, administrator, placed):
    services.place_hold("participant", placed[0].pk, "Begäran", administrator)
    client.force_login(administrator)
    response = client.post(
        reverse("retention:holds"), {"record_type": "participant", "record_id": placed[0].pk, "reason": "Igen"}
    )
    assert "already under a legal hold" in _text(response)


def test_the_data_protection_officer_cannot_place_or_release_holds(
    client, data_protection_officer, administrator, placed
):
    hold = services.place_hold("participant", placed[0].pk, "Begäran", administrator)
    client.force_login(data_protection_officer)
    page = _text(client.get(reverse("retention:holds")))
    assert "Begäran" in page and reverse("retention:release", args=[hold.pk]) not in page
    data = {"record_type": "participant", "record_id": placed[1].pk, "reason": "Nej"}
    assert client.post(reverse("retention:holds"), data).status_code == 403
    assert client.post(reverse("retention:release", args=[hold.pk])).status_code == 403


def test_the_disposal_log_shows_the_metadata(client, data_protection_officer, administrator, rule, placed):
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [batch] = services.propose_disposals()
        services.approve(batch, administrator)
        services.apply_approved(by=administrator)
    client.force_login(data_protection_officer)
    page = _text(client.get(reverse("retention:records")))
    assert DECISION in page and "Anonymise" in page and administrator.name in page
    assert "Markör" not in page


def _many(administrator, count, start=0):
    rule = in_force(RecordType.PARTICIPANT_VIEW)
    for number in range(start, start + count):
        batch = DisposalBatch.objects.create(rule=rule, record_ids=[number + 1])
        DisposalRecord.objects.create(
            batch=batch,
            record_type="participant_view",
            action="delete",
            count=1,
            months=36,
            decision_ref=DECISION,
            approved_by=administrator,
            applied_by=administrator,
        )
        LegalHold.objects.create(
            record_type="participant",
            record_id=1000 + number,
            reason="Skäl",
            placed_by=administrator,
        )


@pytest.mark.parametrize("name", ["retention:overview", "retention:holds", "retention:records"])
def test_the_pages_cost_the_same_queries_whatever_the_data(
    client, administrator, placed, name, django_assert_num_queries
):
    client.force_login(administrator)
    _many(administrator, 2)
    client.get(reverse(name))  # warm the session and the rules
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(name)).status_code == 200
    _many(administrator, 12, start=2)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(reverse(name)).status_code == 200
