"""The demo's follow-up: placements in every state — one planned, one running with a recorded check-in,
overdue ones and an open situation reported by the host, and one that ended early with its outcome.

Built through the services on top of the matching demo (its accepted placement and two more matches).
All names are invented. Idempotent: skipped when the municipality's placements already have check-ins.
"""

import datetime

from django.utils import timezone

from insteg.accounts.models import User
from insteg.contracts.models import Position
from insteg.followup import services
from insteg.followup.models import CheckIn
from insteg.followup.reference_data import load_reference_data
from insteg.matching import services as matching
from insteg.matching.models import Placement


def seed(made: dict) -> dict:
    municipality = made["organisations"]["ostersund"]
    if CheckIn.objects.filter(placement__participant__municipality=municipality).exists():
        return {}
    load_reference_data()
    matcher = User.objects.get(username="matchare")
    builder = User.objects.get(username="leverantor")
    cleaner = User.objects.get(username="leverantor2")
    people = made["participants"]
    today = timezone.localdate()
    running = _running(people["Ali"], matcher, builder, today)
    ended = _ended_early(people["Mikael"], made["contracts"]["renovation"], matcher, builder, today)
    planned = _planned(people["Fatima"], made["contracts"]["property_care"], matcher, cleaner, today)
    return {"placements": [p for p in (running, ended, planned) if p is not None]}


def _accepted(participant, position, matcher, host, start: datetime.date) -> Placement:
    draft = participant.proposals.filter(position=position, status="draft").first()
    proposal = draft or matching.prepare_proposal(matcher, participant=participant, position=position)
    proposal = matching.propose_to_host(
        proposal, user=matcher, disclosure="consent", shared_adaptations=[], proposed_start=start
    )
    return matching.decide(proposal, user=host, accept=True)


def _running(participant, matcher, host, today) -> Placement | None:
    """Ali's placement from the matching demo: the first check-in held, the next overdue, a situation open."""
    placement = Placement.objects.filter(participant=participant).first()
    if placement is None:
        return None
    placement = services.start(
        placement, user=matcher, started_on=min(placement.starts_on, today - datetime.timedelta(days=40))
    )
    first = placement.check_ins.order_by("due_on").first()
    services.record_check_in(
        first,
        user=matcher,
        done_on=min(first.due_on, today),
        channel="visit",
        with_whom="both",
        status="needs_support",
        categories=["transport"],
        notes="Bussen från Brunflo kommer fram 07.10; arbetsdagen börjar 07.00.",
        actions=[
            {
                "text": "Fråga handledaren om start 07.15",
                "owner": "host",
                "due_on": first.due_on + datetime.timedelta(days=7),
            }
        ],
    )
    services.report_situation(
        placement,
        user=host,
        category="attendance",
        severity="medium",
        occurred_on=today - datetime.timedelta(days=3),
        description="Kom inte i måndags och hade inte hört av sig. Har varit i tid resten av veckan.",
    )
    return placement


def _ended_early(participant, contract, matcher, host, today) -> Placement | None:
    """Mikael started two months ago and left for another job ten days ago."""
    position = Position.objects.filter(contract=contract, title="Plattsättare, praktik", status="open").first()
    if position is None:
        return None
    placement = _accepted(participant, position, matcher, host, position.start_from)
    services.start(placement, user=matcher, started_on=today - datetime.timedelta(days=60))
    services.end(
        placement,
        user=matcher,
        ended_on=today - datetime.timedelta(days=10),
        reason="participant",
        outcome="other_job",
        evidence="employer_confirmed",
    )
    return placement


def _planned(participant, contract, matcher, host, today) -> Placement | None:
    """Fatima starts at the property-care company in a week (the matching demo prepared the match)."""
    position = Position.objects.filter(contract=contract, status="open").first()
    if position is None:
        return None
    return _accepted(participant, position, matcher, host, today + datetime.timedelta(days=7))
