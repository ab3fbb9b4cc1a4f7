import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from insteg.followup import services as followup_services
from insteg.matching.models import Proposal
from insteg.matching.tests.conftest import host_contract, participant, position  # noqa: F401 -- shared fixtures
from insteg.matching.tests.factories import PlacementFactory, ProposalFactory


@pytest.fixture(autouse=True)
def _in_english(english):
    """The assertions read the English source texts."""


@pytest.fixture
def journey(participant, position, matching_officer):  # noqa: F811
    """The participant proposed (with consent, one adaptation shared), placed, started, one check-in held with an
    action, one situation reported and answered."""
    proposal = ProposalFactory(
        participant=participant,
        position=position,
        prepared_by=matching_officer,
        status=Proposal.Status.ACCEPTED,
        disclosure=Proposal.Disclosure.CONSENT,
        shared_adaptations=["gradual_start"],
        proposed_start=datetime.date(2026, 9, 1),
    )
    starts = timezone.localdate() - datetime.timedelta(days=7)
    placement = PlacementFactory(
        participant=participant,
        position=position,
        proposal=proposal,
        starts_on=starts,
        planned_end_on=starts + relativedelta(months=4),
        responsible=matching_officer,
        agreed_adaptations=["gradual_start"],
    )
    placement = followup_services.start(placement, user=matching_officer)
    check_in = placement.check_ins.order_by("due_on").first()
    today = timezone.localdate()
    followup_services.record_check_in(
        check_in,
        user=matching_officer,
        done_on=today,
        channel="visit",
        with_whom="both",
        status="on_track",
        notes="Bussen går för tidigt för Amina.",
        actions=[{"text": "Ring Amina om busstiderna", "owner": "municipality", "due_on": today}],
    )
    situation = followup_services.report_situation(
        placement, user=matching_officer, category="transport", severity="low", occurred_on=today,
        description="Amina missade bussen.",
    )  # fmt: skip
    followup_services.respond(situation, user=matching_officer, text="Vi ringde Amina.")
    followup_services.add_check_in(placement, user=matching_officer, due_on=today + datetime.timedelta(days=2))
    return placement
