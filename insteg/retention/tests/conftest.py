import datetime

import pytest

from insteg.matching.models import Participant, Placement
from insteg.matching.tests.conftest import host_contract, position  # noqa: F401 -- shared fixtures
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory
from insteg.retention import services
from insteg.retention.models import RecordType, RetentionRule

DECISION = "KS 2025/17 Dokumenthanteringsplan § 4.2"
ENDED_ON = datetime.date(2026, 6, 1)  # every ended placement below ended then
DUE_FROM = datetime.date(2029, 6, 2)  # 1 June 2026 + 36 months < 2 June 2029


def in_force(record_type: str, months: int = 36, decision_ref: str = DECISION) -> RetentionRule:
    services.ensure_default_rules()
    rule = RetentionRule.objects.get(record_type=record_type)
    rule.months, rule.decision_ref, rule.enabled = months, decision_ref, True
    rule.save()
    return rule


def ended_placement(participant, position, ended_on=ENDED_ON, **fields):  # noqa: F811
    return PlacementFactory(
        participant=participant,
        position=position,
        starts_on=ended_on - datetime.timedelta(days=100),
        planned_end_on=ended_on,
        status=Placement.Status.ENDED,
        ended_on=ended_on,
        end_reason=fields.pop("end_reason", "completed"),
        outcome_at_end=fields.pop("outcome_at_end", "job_at_host"),
        **fields,
    )


@pytest.fixture
def rule(db):
    return in_force(RecordType.PARTICIPANT)


@pytest.fixture
def placed(municipality, position):  # noqa: F811
    """Three people whose placements ended on 1 June 2026, different in age band and outcome."""
    people = []
    for band, outcome in (("25–29", "job_at_host"), ("30–39", "studies"), ("50–59", "other_job")):
        person = ParticipantFactory(
            municipality=municipality,
            age_band=band,
            status=Participant.Status.PLACED,
            first_name="Markör",
            email=f"markor-{band}@example.se",
        )
        ended_placement(person, position, outcome_at_end=outcome)
        people.append(person)
    return people
