"""A proposal from the matching officer's draft to the host's decision, and the placements list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from insteg.contracts.tests.factories import PositionFactory
from insteg.matching.models import ParticipantView, Placement, Proposal
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory, ProposalFactory


@pytest.fixture(autouse=True)
def _in_english(english):
    """The assertions read the English source texts."""


@pytest.fixture
def draft(participant, position, matching_officer):
    return ProposalFactory(
        participant=participant,
        position=position,
        prepared_by=matching_officer,
        score=72,
        proposed_start=datetime.date(2026, 8, 1),
        explanation=[{"text": "Same occupation (SSYK 9111)", "points": 40}, {"text": "Waited 19 months", "points": 12}],
    )


@pytest.fixture
def proposed(draft):
    Proposal.objects.filter(pk=draft.pk).update(
        status=Proposal.Status.PROPOSED,
        disclosure=Proposal.Disclosure.CONSENT,
        shared_adaptations=["gradual_start"],
        proposed_start=datetime.date(2026, 9, 1),
    )
    draft.refresh_from_db()
    return draft


def test_the_matching_officer_sees_the_explanation_and_the_form_to_send_a_draft(client, matching_officer, draft):
    client.force_login(matching_officer)
    page = client.get(reverse("matching:proposal", args=[draft.pk])).text
    assert "Same occupation (SSYK 9111)" in page and "40 points" in page
    assert "Send the proposal to the host" in page and "JO 1029-2017" in page and "OSL 12 kap. 2 §" in page
    assert 'name="shared_adaptations" value="gradual_start"' in page
    assert 'name="shared_adaptations" value="written_instructions"' in page
    assert "Withdraw the proposal" in page


def test_sending_to_the_host_records_the_basis_and_emails_the_host_without_names(
    client, matching_officer, draft, mailoutbox
):
    client.force_login(matching_officer)
    response = client.post(
        reverse("matching:proposal", args=[draft.pk]),
        {"disclosure": "assessment", "shared_adaptations": ["written_instructions"], "proposed_start": "2026-09-01"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "proposed" and draft.disclosure == "assessment"
    assert draft.shared_adaptations == ["written_instructions"] and draft.proposed_start == datetime.date(2026, 9, 1)
    assert len(mailoutbox) == 1
    assert "Amina" not in mailoutbox[0].body and "Yusuf" not in mailoutbox[0].body
    assert reverse("matching:proposal", args=[draft.pk]) in mailoutbox[0].body  # the host has no list to find it in


def test_no_disclosure_without_a_recorded_basis(client, matching_officer, draft, mailoutbox):
    client.force_login(matching_officer)
    response = client.post(reverse("matching:proposal", args=[draft.pk]), {"proposed_start": "2026-09-01"})
    assert response.status_code == 200 and "There is a problem" in response.text
    draft.refresh_from_db()
    assert draft.status == "draft" and mailoutbox == []


def test_a_start_before_the_positions_window_is_refused_on_the_field(client, matching_officer, draft):
    client.force_login(matching_officer)
    response = client.post(
        reverse("matching:proposal", args=[draft.pk]), {"disclosure": "consent", "proposed_start": "2026-01-01"}
    )
    assert "within the position" in response.text
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_matching_officer_withdraws(client, matching_officer, proposed):
    client.force_login(matching_officer)
    response = client.post(reverse("matching:proposal_withdraw", args=[proposed.pk]), follow=True)
    assert "The proposal is withdrawn." in response.text
    proposed.refresh_from_db()
    assert proposed.status == "withdrawn"


def test_the_referring_officer_follows_the_proposal_but_neither_sends_nor_withdraws_it(
    client, employment_officer, draft
):
    client.force_login(employment_officer)
    page = client.get(reverse("matching:proposal", args=[draft.pk])).text
    assert "Yusuf-Lindberg" in page and "Send the proposal to the host" not in page
    assert client.post(reverse("matching:proposal", args=[draft.pk]), {"disclosure": "consent"}).status_code == 403
    assert client.post(reverse("matching:proposal_withdraw", args=[draft.pk])).status_code == 403


def test_the_host_never_sees_a_draft(client, supplier, draft):
    client.force_login(supplier)
    assert client.get(reverse("matching:proposal", args=[draft.pk])).status_code == 404


def test_the_host_accepts_and_sees_the_placement(client, supplier, proposed):
    client.force_login(supplier)
    page = client.get(reverse("matching:proposal", args=[proposed.pk])).text
    assert "Accept the proposal" in page and "Decline the proposal" in page
    response = client.post(reverse("matching:proposal_decide", args=[proposed.pk]), {"decision": "accept"}, follow=True)
    assert "You accepted the proposal" in response.text
    placement = Placement.objects.get()
    assert placement.starts_on == datetime.date(2026, 9, 1) and placement.agreed_adaptations == ["gradual_start"]
    assert "The placement" in response.text and "Eva Handledare" in response.text
    assert "supervisor training" not in response.text  # the fixture's supervisor is trained
    assert "Accept the proposal" not in response.text


def test_declining_needs_a_reason_category(client, supplier, proposed):
    client.force_login(supplier)
    url = reverse("matching:proposal_decide", args=[proposed.pk])
    response = client.post(url, {"decision": "decline"})
    assert response.status_code == 200 and "Choose a reason for declining." in response.text
    assert "Yusuf" not in response.text
    proposed.refresh_from_db()
    assert proposed.status == "proposed"
    client.post(url, {"decision": "decline", "decline_reason": "capacity"})
    proposed.refresh_from_db()
    assert (proposed.status, proposed.decline_reason, proposed.decided_by) == ("declined", "capacity", supplier)
    assert not Placement.objects.exists()


def test_only_the_host_decides(client, matching_officer, other_supplier, proposed):
    client.force_login(matching_officer)
    assert (
        client.post(reverse("matching:proposal_decide", args=[proposed.pk]), {"decision": "accept"}).status_code == 403
    )
    client.force_login(other_supplier)
    assert (
        client.post(reverse("matching:proposal_decide", args=[proposed.pk]), {"decision": "accept"}).status_code == 404
    )
    proposed.refresh_from_db()
    assert proposed.status == "proposed"


def test_the_host_may_not_send_or_withdraw(client, supplier, proposed):
    client.force_login(supplier)
    assert client.post(reverse("matching:proposal", args=[proposed.pk]), {"disclosure": "consent"}).status_code == 403
    assert client.post(reverse("matching:proposal_withdraw", args=[proposed.pk])).status_code == 403


# --- Placements -----------------------------------------------------------------------------------------------


def test_placements_show_the_person_to_officers_and_only_the_first_name_to_the_host(
    client, matching_officer, employment_officer, supplier, participant, position
):
    PlacementFactory(participant=participant, position=position)
    for officer in (matching_officer, employment_officer):
        client.force_login(officer)
        assert "Yusuf-Lindberg" in client.get(reverse("matching:placements")).text
    client.force_login(supplier)
    page = client.get(reverse("matching:placements")).text
    assert "Amina" in page and "Yusuf" not in page and "Eva Handledare" in page
    assert set(ParticipantView.objects.values_list("purpose", flat=True)) == {"follow_up"}
    assert ParticipantView.objects.count() == 3


@pytest.mark.parametrize("persona", ["procurement_officer", "administrator", "funder"], indirect=True)
def test_others_have_no_placements_list(client, persona):
    client.force_login(persona)
    assert client.get(reverse("matching:placements")).status_code == 403


def test_the_placements_list_takes_as_many_queries_for_ten_as_for_two(
    client, matching_officer, municipality, host_contract
):
    def place(count):
        for _ in range(count):
            PlacementFactory(
                participant=ParticipantFactory(municipality=municipality),
                position=PositionFactory(contract=host_contract),
            )

    client.force_login(matching_officer)
    place(2)
    client.get(reverse("matching:placements"))
    with CaptureQueriesContext(connection) as two:
        client.get(reverse("matching:placements"))
    place(8)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(reverse("matching:placements"))
    assert len(response.context["placements"]) == 10
    assert len(ten) == len(two)
