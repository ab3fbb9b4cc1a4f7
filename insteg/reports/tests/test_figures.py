"""The evaluation's figures against hand-computed expectations, with and without suppression, and unchanged
after people are erased and training registrations anonymised (statistics survive retention)."""

import datetime

import pytest

from insteg.matching import services as matching_services
from insteg.matching.models import Placement
from insteg.matching.tests.conftest import host_contract, position  # noqa: F401 -- shared fixtures
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory
from insteg.procurement.models import Procurement
from insteg.reports.figures import evaluate
from insteg.retention import services as retention_services
from insteg.retention.models import DisposalRecord, RetentionRule
from insteg.training.tests.factories import CourseFactory, RegistrationFactory, SessionFactory, local

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)

# age band, gender, end reason, outcome at the end, evidence, outcome after 90 days, evidence
PEOPLE = [
    ("25–29", "woman", "completed", "job_at_host", "employer_confirmed", "job_at_host", "register_verified"),
    ("25–29", "woman", "completed", "other_job", "self_reported", "job_at_host", "register_verified"),
    ("25–29", "man", "completed", "employment_service", "self_reported", "other_job", "self_reported"),
    ("30–39", "man", "participant", "other_job", "employer_confirmed", "", ""),
    ("30–39", "woman", "participant", "studies", "self_reported", "", ""),
    ("50–59", "", "employer", "employment_service", "self_reported", "", ""),
    ("50–59", "man", "", "", "", "", ""),  # still running
]


@pytest.fixture
def placements(position, municipality):  # noqa: F811
    made = []
    for number, (band, gender, reason, outcome, evidence, outcome_90, evidence_90) in enumerate(PEOPLE):
        person = ParticipantFactory(municipality=municipality, age_band=band, gender=gender)
        starts = datetime.date(2026, 2, 1) + datetime.timedelta(days=number)
        made.append(
            PlacementFactory(
                participant=person,
                position=position,
                starts_on=starts,
                planned_end_on=starts + datetime.timedelta(days=120),
                status=Placement.Status.ENDED if reason else Placement.Status.ACTIVE,
                ended_on=starts + datetime.timedelta(days=100) if reason else None,
                end_reason=reason,
                outcome_at_end=outcome,
                outcome_at_end_evidence=evidence,
                outcome_90=outcome_90,
                outcome_90_evidence=evidence_90,
            )
        )
    return made


def _report(threshold):
    return evaluate(Procurement.objects.all(), START, END, threshold)


def _values(table):
    return {label: [str(value) for value in values] for label, values in table.rows}


def test_people_placed_by_age_band_and_gender(placements):
    people = _report(0).table("people")
    assert _values(people) == {
        "25–29": ["2", "1", "0", "0", "3"],
        "30–39": ["1", "1", "0", "0", "2"],
        "50–59": ["0", "1", "0", "1", "2"],
    }
    assert [str(value) for value in people.total[1]] == ["3", "3", "0", "1", "7"]


def test_how_placements_ended_and_the_completion_rate(placements):
    completion = _report(0).table("completion")
    assert [str(values[0]) for _label, values in completion.rows] == ["3", "2", "1", "0", "0", "1"]
    assert "50 %" in completion.summary  # 3 completed of 6 ended


def test_outcomes_at_the_end_and_after_90_days_with_their_evidence(placements):
    report = _report(0)
    outcomes = {label: [str(v) for v in values] for label, values in report.table("outcomes").rows}
    assert list(outcomes.values()) == [
        ["1", "2"],  # job at the host
        ["2", "1"],  # other job
        ["0", "0"],
        ["1", "0"],  # studies
        ["2", "0"],  # back with Arbetsförmedlingen
        ["0", "0"],
        ["0", "0"],
    ]
    assert "100 %" in report.table("outcomes").summary  # all 3 followed up after 90 days are in work
    evidence = [[str(v) for v in values] for _label, values in report.table("evidence").rows]
    assert evidence[:3] == [["4", "1"], ["2", "0"], ["0", "2"]]


def test_the_funder_sees_small_counts_hidden_and_never_the_number(placements):
    people = _report(5).table("people")
    rows = _values(people)
    assert rows["25–29"][0] == "–"  # 2 women aged 25–29
    assert all(value in ("–", "0") for values in rows.values() for value in values)
    assert str(people.total[1][-1]) == "7"  # the grand total is large enough to show
    for _label, values in people.rows:
        assert all(value.hidden or value.value == 0 or value.value >= 5 for value in values)


def test_the_report_is_unchanged_after_erasure_and_anonymisation(
    placements, matching_officer, administrator, supplier_org
):
    session = SessionFactory(
        course=CourseFactory(),
        starts_at=local(datetime.date(2026, 3, 3), 9),
        ends_at=local(datetime.date(2026, 3, 3), 16),
    )
    for _number in range(6):
        RegistrationFactory(session=session, organisation=supplier_org, attended=True)
    before = [(t.key, _values(t), t.summary) for t in _report(0).tables]

    for placement in placements[:4]:
        matching_services.erase(matching_officer, placement.participant)
    with_time = session.ends_at + datetime.timedelta(days=400)
    import time_machine

    with time_machine.travel(with_time, tick=False):
        # Through the rule table, as in production: a rule in force with a decision, proposed, approved, applied.
        retention_services.ensure_default_rules()
        rule = RetentionRule.objects.get(record_type="training_registration")
        retention_services.update_rule(
            rule, by=administrator, months=rule.months, action=rule.action, decision_ref="KS 2025/17", enabled=True
        )
        for batch in retention_services.propose_disposals():
            retention_services.approve(batch, administrator)
        retention_services.apply_approved(by=administrator)
    assert DisposalRecord.objects.get().count == 6
    after = [(t.key, _values(t), t.summary) for t in _report(0).tables]
    assert after == before
    assert _values(_report(0).table("supervisors")) == {supplier_org.name: ["6"]}


def test_the_report_costs_the_same_queries_whatever_the_data(placements, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        _report(5)
