"""The seed's five steps walked end to end in a real browser on a fresh database, each by the role that does it.

The procurement officer designs and publishes; a company registers and asks a question with the keyboard alone;
the answer goes to every supplier; the contract is signed with that company. The company offers positions and its
supervisor signs up for the training with the keyboard alone; the employment service refers a person, the matching
officer matches, the host accepts, the placement is followed up through a situation to its outcome, and the funder
reads the result. Every page passed is checked with axe; screenshots of the main pages are taken on the way
(journey/screenshots.py).
"""

from django.utils import formats, translation

from insteg.accounts.models import Role
from insteg.contracts.models import Contract
from insteg.followup.services import PlacementTerms, terms_months
from insteg.matching.models import Placement
from insteg.notices.models import Answer, Question
from insteg.procurement.models import Procurement
from insteg.tests.e2e.journey import positions_to_report, procurement_to_contract
from insteg.tests.e2e.journey.screenshots import folder

PEOPLE = ["procurement_officer", "administrator", "supplier", "matching_officer", "employment_officer", "funder"]


def test_the_whole_process_from_procurement_to_the_funders_report(request, live_server, browser):
    people = {name: request.getfixturevalue(name) for name in PEOPLE}

    awarded = procurement_to_contract.walk(browser, live_server.url, people)
    _assert_the_company_registered_asked_and_won(awarded)
    walked = positions_to_report.walk(browser, live_server.url, people, awarded["contract"], awarded["supplier"])
    _assert_the_placement_ended_and_is_reported(walked, people)

    shots = sorted(path.name for path in folder().glob("*.png"))
    assert {"01-procurement-requirement.png", "05-contract.png", "16-report.png"} <= set(shots), shots


def _assert_the_company_registered_asked_and_won(state) -> None:
    company = state["supplier"].organisation
    assert company.name == procurement_to_contract.COMPANY and company.verified_at is not None
    assert state["supplier"].has_role(Role.SUPPLIER_CONTACT)
    question = Question.objects.get(procurement=state["procurement"])
    assert question.asking_organisation == company
    assert question.status == Question.Status.ANSWERED
    assert question.answer.status == Answer.Status.PUBLISHED and question.answer.number == 1
    assert Procurement.objects.get(pk=state["procurement"].pk).status == Procurement.Status.AWARDED
    contract = Contract.objects.get(pk=state["contract"].pk)
    assert contract.supplier == company
    assert contract.award.winner.organisation == company and contract.award.winner.is_sme
    # The employment requirement the officer decided became the contract's commitment.
    assert contract.commitments.get().slots == state["procurement"].requirements.get().slots_decided


def _assert_the_placement_ended_and_is_reported(walked, people) -> None:
    placement = walked["placement"]
    placement.refresh_from_db()
    assert walked["registration"].email == placement.position.supervisor_email
    assert placement.participant.referred_by == people["employment_officer"]
    # The placement ended with the outcome chosen, after a recorded check-in and a resolved situation.
    assert placement.status == Placement.Status.ENDED
    assert placement.end_reason == Placement.EndReason.COMPLETED
    assert placement.outcome_at_end == Placement.Outcome.JOB_AT_HOST
    assert walked["check_in"].done_on is not None
    assert walked["situation"].reporter == "host" and walked["situation"].resolved_at is not None

    # The funder sees the placement's months of work; a count of one person is hidden.
    months, _met = terms_months(PlacementTerms.of(placement), 75)
    with translation.override("sv"):
        shown_months = formats.localize(months)
    report = walked["report"]
    assert report["dashboard"]["Genomförda månader i arbete"] == shown_months, report["dashboard"]
    if placement.starts_on.year == placement.ended_on.year:  # the dashboard counts this year's placements
        assert report["dashboard"]["Placerade personer"] == "–"
    assert shown_months in report["evaluation"]["commitments"]
    assert "–" in report["evaluation"]["people"]
    assert shown_months in report["impact"]
