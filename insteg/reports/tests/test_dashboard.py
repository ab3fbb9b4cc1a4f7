"""The reports dashboard: each role's figures on a small fixture, links only to lists the role may open,
aggregates only for the funder, and the same number of queries whatever the amount of data."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from insteg.contracts.services import compliance
from insteg.contracts.tests.factories import (
    AwardFactory,
    CommitmentFactory,
    ContractFactory,
    PositionFactory,
    TenderFactory,
)
from insteg.followup import services as followup
from insteg.followup.models import CheckIn
from insteg.matching.models import Participant, Placement
from insteg.matching.tests.conftest import host_contract, participant, position  # noqa: F401 -- shared fixtures
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory, ProposalFactory
from insteg.notices.tests.factories import AnswerFactory, QuestionFactory
from insteg.procurement.tests.factories import ProcurementFactory
from insteg.training.models import STOCKHOLM

TODAY = datetime.date(2026, 11, 20)

# gender, end reason, outcome at the end, evidence, outcome after 90 days, evidence
ENDED = [
    ("woman", "completed", "job_at_host", "employer_confirmed", "job_at_host", "register_verified"),
    ("woman", "completed", "other_job", "self_reported", "job_at_host", "register_verified"),
    ("man", "completed", "employment_service", "self_reported", "other_job", "self_reported"),
    ("man", "participant", "other_job", "employer_confirmed", "", ""),
    ("woman", "participant", "studies", "self_reported", "", ""),
    ("", "employer", "employment_service", "self_reported", "", ""),
]


@pytest.fixture(autouse=True)
def _today():
    """The dashboard counts this calendar year: the fixture's dates are in 2026."""
    with time_machine.travel(datetime.datetime.combine(TODAY, datetime.time(10), tzinfo=STOCKHOLM), tick=False):
        yield


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _ended_placements(municipality, on_position, count=None):
    made = []
    for number in range(len(ENDED) if count is None else count):
        gender, reason, outcome, evidence, outcome_90, evidence_90 = ENDED[number % len(ENDED)]
        person = ParticipantFactory(
            municipality=municipality, first_name=f"Historik{number}", last_name="Testsson", gender=gender,
            status=Participant.Status.INACTIVE,
        )  # fmt: skip
        starts = datetime.date(2026, 2, 1) + datetime.timedelta(days=number)
        made.append(
            PlacementFactory(
                participant=person, position=on_position, starts_on=starts,
                planned_end_on=starts + datetime.timedelta(days=120), status=Placement.Status.ENDED,
                ended_on=starts + datetime.timedelta(days=100), end_reason=reason, outcome_at_end=outcome,
                outcome_at_end_evidence=evidence, outcome_90=outcome_90, outcome_90_evidence=evidence_90,
            )
        )  # fmt: skip
    return made


@pytest.fixture
def pilot(municipality, procurement_officer, matching_officer, supplier, host_contract, position, participant):  # noqa: F811
    """One awarded procurement with a requirement and a contract, one advertised without requirements and with a
    question waiting, a draft; six ended placements, one running with a check-in due and one overdue, a person
    waiting for a host's decision."""
    advertised = ProcurementFactory(organisation=municipality, status="published", title="Skolskjuts")
    ProcurementFactory(organisation=municipality, status="draft")
    QuestionFactory(procurement=advertised, asked_by=supplier, asking_organisation=supplier.organisation)
    march = datetime.datetime(2026, 3, 20, 10, tzinfo=STOCKHOLM)  # by the answer deadline (4 April)
    AnswerFactory(procurement=host_contract.procurement, number=1, status="published", published_at=march)
    AnswerFactory(
        procurement=host_contract.procurement, number=2, status="published", published_at=march.replace(month=4, day=8)
    )
    _ended_placements(municipality, position)
    starts = TODAY - datetime.timedelta(days=7)
    running = PlacementFactory(
        participant=participant, position=position, starts_on=starts, planned_end_on=starts + datetime.timedelta(120)
    )
    running = followup.start(running, user=matching_officer)
    Participant.objects.filter(pk=participant.pk).update(status=Participant.Status.PLACED)
    check_ins = list(running.check_ins.order_by("due_on"))
    CheckIn.objects.filter(pk__in=[c.pk for c in check_ins]).update(due_on=TODAY + datetime.timedelta(days=60))
    CheckIn.objects.filter(pk=check_ins[0].pk).update(due_on=TODAY - datetime.timedelta(days=2))
    CheckIn.objects.filter(pk=check_ins[1].pk).update(due_on=TODAY + datetime.timedelta(days=3))
    waiting = ParticipantFactory(municipality=municipality, first_name="Väntande", last_name="Kandidatsson")
    ProposalFactory(participant=waiting, position=position, status="proposed", prepared_by=matching_officer)
    return {"contract": host_contract, "advertised": advertised, "running": running}


def _dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    return response


def _figures(response, key: str) -> dict:
    section = next(s for s in response.context["dashboard"].sections if s.key == key)
    return {figure.label: figure for figure in section.figures}


def _sections(response) -> list[str]:
    return [section.key for section in response.context["dashboard"].sections]


def test_the_procurement_officer_sees_requirements_commitments_and_answers(client, procurement_officer, pilot):
    response = _dashboard(client, procurement_officer)
    assert _sections(response) == ["procurement"]
    figures = _figures(response, "procurement")
    requirements = figures["Procurements with social requirements"]
    assert requirements.value == "1 of 2"  # the draft does not count
    assert requirements.url == reverse("procurement:list")
    assert figures["Answers published by the answer deadline"].value == "50 %"  # one by 4 April, one on 8 April
    contract = pilot["contract"]
    months = figures["Months of work delivered against committed"]
    assert months.value == f"{compliance(contract).months_delivered} of 24"
    assert months.url == reverse("contracts:list")
    page = response.content.decode()
    assert reverse("contracts:detail", args=[contract.pk]) in page
    assert reverse("notices:inbox", args=[pilot["advertised"].pk]) in page  # a question waits there
    assert reverse("reports:evaluation") in page and reverse("reports:impact") in page


def test_the_matching_officer_sees_the_caseload_with_links_to_the_lists(client, matching_officer, pilot):
    response = _dashboard(client, matching_officer)
    assert _sections(response) == ["matching"]
    figures = _figures(response, "matching")
    expected = {
        "Participants available": ("1", reverse("matching:participants")),
        "Placements running": ("1", reverse("matching:placements")),
        "Open positions": ("1", reverse("contracts:positions")),
        "Proposals waiting for the host": ("1", ""),
        "Follow-ups due within a week": ("2", reverse("followup:due") + "?team=1"),
    }
    assert {label: (figure.value, figure.url) for label, figure in figures.items()} == expected
    assert figures["Follow-ups due within a week"].note == "Of which overdue: 1."


def test_the_funder_sees_aggregates_with_small_counts_hidden_and_no_names(client, funder, pilot):
    response = _dashboard(client, funder)
    assert _sections(response) == ["year"]
    figures = _figures(response, "year")
    assert figures["People placed"].value == "7"  # six ended and one running this year
    assert figures["Completion rate"].value == "–"  # 3 completed: too few to show
    assert figures["In work 90 days after"].value == "–"  # 3 of 3 followed up
    assert figures["Supervisors trained"].value == "0"
    assert all(figure.url == "" for figure in figures.values())
    page = response.content.decode()
    for name in ("Testsson", "Yusuf-Lindberg", "Kandidatsson", "Historik0"):
        assert name not in page
    assert reverse("contracts:detail", args=[pilot["contract"].pk]) not in page
    assert reverse("notices:inbox", args=[pilot["advertised"].pk]) not in page


def test_the_administrator_sees_everything_in_one_with_exact_counts(client, administrator, pilot):
    response = _dashboard(client, administrator)
    assert _sections(response) == ["procurement", "matching", "year", "administration"]
    year = _figures(response, "year")
    assert year["Completion rate"].value == "50 %"  # 3 completed of 6 ended, exact for the staff
    assert year["In work 90 days after"].value == "100 %"
    matching = _figures(response, "matching")
    assert matching["Participants available"].url == ""  # administrators do not open the participant list
    assert matching["Open positions"].url == reverse("contracts:positions")
    accounts = _figures(response, "administration")
    assert accounts["Organisations"].url == reverse("accounts:organisation_list")
    assert int(accounts["Active user accounts"].value) >= 5


@pytest.mark.parametrize("persona_name", ["supplier", "employment_officer", "other_supplier"])
def test_others_are_refused(client, request, persona_name):
    client.force_login(request.getfixturevalue(persona_name))
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def _more_data(municipality, procurement_officer, supplier):
    """Five more procurements with contracts, positions, placements, answers and waiting questions."""
    for _number in range(5):
        procurement = ProcurementFactory(organisation=municipality, officer=procurement_officer, status="awarded")
        tender = TenderFactory(procurement=procurement, organisation=supplier.organisation)
        contract = ContractFactory(award=AwardFactory(winner=tender, decided_by=procurement_officer))
        CommitmentFactory(contract=contract)
        _ended_placements(municipality, PositionFactory(contract=contract), count=3)
        on_time = datetime.datetime(2026, 3, 9, 10, tzinfo=STOCKHOLM)
        AnswerFactory(procurement=procurement, number=1, status="published", published_at=on_time)
        advertised = ProcurementFactory(organisation=municipality, status="published")
        QuestionFactory(procurement=advertised, asked_by=supplier, asking_organisation=supplier.organisation)


def test_the_dashboard_takes_the_same_number_of_queries_however_much_data(
    client, administrator, municipality, procurement_officer, supplier, pilot, django_assert_num_queries
):
    client.force_login(administrator)
    client.get(reverse("reports:dashboard"))  # warm the session and the user's memberships
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reports:dashboard"))
    _more_data(municipality, procurement_officer, supplier)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("reports:dashboard"))
    assert len(response.context["dashboard"].sections[0].contracts) == 6
    assert len(few.captured_queries) <= 40  # pinned: 36 today, the evaluation's ~19 and the dashboard's own


def test_a_dashboard_is_kept_for_a_few_minutes_and_says_how_old_it_is(client, matching_officer, pilot, settings):
    """The figures run over the whole history: a person's dashboard is worked out once and kept, and the page
    says when it was worked out; after the cache period new data shows."""
    settings.INSTEG_DASHBOARD_CACHE_SECONDS = 300

    def at(minute: int):
        return time_machine.travel(datetime.datetime(2026, 11, 20, 9, minute, tzinfo=STOCKHOLM), tick=False)

    with at(30), CaptureQueriesContext(connection) as worked_out:
        first = _dashboard(client, matching_officer)
    assert "Figures as of 09:30" in first.content.decode()
    ParticipantFactory(municipality=matching_officer.organisation, referred_by=None)
    with at(33), CaptureQueriesContext(connection) as kept:
        again = _dashboard(client, matching_officer)
    assert _figures(again, "matching")["Participants available"].value == "1"  # as it was at 09:30
    assert "Figures as of 09:30" in again.content.decode()
    assert len(kept) < len(worked_out)
    with at(36):
        later = _dashboard(client, matching_officer)
    assert _figures(later, "matching")["Participants available"].value == "2"
    assert "Figures as of 09:36" in later.content.decode()
