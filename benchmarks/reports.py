"""How fast the pilot evaluation report answers on ten municipality-years of data: the page and the PDF.

Run: `uv run python benchmarks/reports.py` (see benchmarks/README.md). It builds a throwaway SQLite database in
a temporary folder (or, with `--database-url postgres://...`, its own database on that PostgreSQL server, dropped
afterwards), fills it with bulk_create from a fixed seed with what `insteg generate_data --scale N` will make
(per municipality-year 200 procurements, 80 contracts, 600 positions, 1 500 participants, 1 200 placements with
outcomes, 500 training registrations with attendance), and then, through Django's test client, signed in as the
municipality's procurement officer (exact counts) and as the funder (small cells suppressed), times:

- `GET /rapporter/utvardering/` for every procurement over the whole period (budget 2 s),
- `GET /rapporter/utvardering.pdf` the same way (budget 5 s),
- `figures.evaluate(...)` alone, the figures without the page around them (no budget; it shows the split),
- the floor: a view that only returns "ok", registered for this process only, through the same middleware and
  signed in as the same user: what any page costs before it does anything.

It prints p50 and p95 over `--runs` warm requests (the first, cold request is shown separately), the number of
SQL queries of a request and the ratio to the floor, and exits 1 when a p95 is over its budget, 2 when a page
could not be measured (an error or an answer other than 200).
"""

import argparse
import contextlib
import datetime
import logging
import math
import os
import random
import statistics
import sys
import tempfile
import time
import types
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from _django import configure_django, postgres_database  # noqa: E402 -- benchmarks/ is the script's folder

ROOT = Path(__file__).resolve().parent.parent
LAST_YEAR = 2025  # the data's decade ends here, whatever day the benchmark runs
AS_OF = datetime.date(2026, 11, 1)  # placements, outcomes and attendance are recorded as they stood on this day
PAGE_BUDGET, PDF_BUDGET = 2.0, 5.0
JAMTLAND = ["Östersund", "Krokom", "Åre", "Berg", "Bräcke", "Härjedalen", "Ragunda", "Strömsund"]
# Per municipality-year, as issue 12 sizes `insteg generate_data`.
PER_YEAR = {
    "procurements": 200,
    "contracts": 80,
    "positions": 600,
    "participants": 1500,
    "placements": 1200,
    "registrations": 500,
}
SUPPLIERS = 300
SESSION_SEATS = 20


# --- Database and Django ---------------------------------------------------------------------------------------------


def install_floor_urlconf() -> str:
    """The project's URLs plus one `floor` view, in a module that exists only in this process."""
    from django.conf import settings
    from django.http import HttpResponse
    from django.urls import include, path

    def floor(request):
        return HttpResponse("ok")

    module = types.ModuleType("insteg_benchmark_urls")
    module.urlpatterns = [path("__floor__/", floor, name="benchmark_floor"), path("", include(settings.ROOT_URLCONF))]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    return "/__floor__/"


# --- The data --------------------------------------------------------------------------------------------------------


@dataclass
class Data:
    municipality: object
    officer: object
    funder: object
    start: datetime.date
    end: datetime.date
    counts: dict = field(default_factory=dict)


def _org_number(prefix: str, n: int) -> str:
    from stdnum import luhn

    base = f"{prefix}{n:06d}"
    return f"{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}"


def _day_in(rng: random.Random, year: int) -> datetime.date:
    return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _add_months(day: datetime.date, months: int) -> datetime.date:
    from dateutil.relativedelta import relativedelta

    return day + relativedelta(months=months)


def build(years: int, seed: int) -> Data:
    """`years` municipality-years of one municipality, made with bulk_create from a fixed seed."""
    from insteg.accounts.models import Membership, Organisation, Role, User
    from insteg.contracts.models import (
        Award,
        Commitment,
        ComplianceReport,
        Contract,
        Occupation,
        Position,
        PositionType,
        Tender,
    )
    from insteg.matching.models import Gender, Participant, Placement
    from insteg.notices.models import Answer
    from insteg.privacy.models import ConsentPurpose, ConsentText
    from insteg.procurement.models import Criterion, Procurement, SocialRequirement, TargetGroup
    from insteg.rules.models import ContractType, Procedure, Regime
    from insteg.training.models import Course, Registration, Session

    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not secrets
    first_year = LAST_YEAR - years + 1
    municipality = Organisation.objects.create(
        name="Östersunds kommun", kind=Organisation.Kind.MUNICIPALITY, org_number="212000-2627"
    )
    funder_org = Organisation.objects.create(name="Samordningsförbundet i Jämtlands län", kind=Organisation.Kind.FUNDER)

    def person(username: str, first: str, last: str, organisation, role) -> User:
        user = User(username=username, email=f"{username}@bench.example", first_name=first, last_name=last)
        user.set_unusable_password()  # signed in with force_login; no password hashing in the set-up
        user.save()
        Membership.objects.create(user=user, organisation=organisation, role=role)
        return user

    officer = person("karin", "Karin", "Upphandlare", municipality, Role.PROCUREMENT_OFFICER)
    matcher = person("erik", "Erik", "Matchare", municipality, Role.MATCHING_OFFICER)
    funder = person("johan", "Johan", "Finansiär", funder_org, Role.FUNDER_VIEWER)

    suppliers = Organisation.objects.bulk_create(
        Organisation(
            name=f"Leverantör {n:03d} AB",
            kind=Organisation.Kind.SUPPLIER,
            org_number=_org_number("556", n),
            is_sme=rng.random() < 0.7,
        )
        for n in range(SUPPLIERS)
    )
    criteria = list(Criterion.objects.order_by("code"))
    employment = [c for c in criteria if c.is_employment] or criteria
    types_ = list(PositionType.objects.order_by("code"))
    occupations = rng.sample(list(Occupation.objects.order_by("code").values_list("code", flat=True)), 80)

    # Procurements: per year 200, of which 80 awarded or completed with a contract; the rest published (awarded
    # outside Insteg's follow-up), cancelled or still drafts.
    procurements = []
    for year in range(first_year, LAST_YEAR + 1):
        statuses = (
            ["completed" if year < LAST_YEAR - 3 else "awarded"] * PER_YEAR["contracts"]
            + ["published"] * 90
            + ["cancelled"] * 20
            + ["draft"] * (PER_YEAR["procurements"] - PER_YEAR["contracts"] - 110)
        )
        for number, status in enumerate(statuses, start=1):
            notice = _day_in(rng, year)
            tender_deadline = notice + datetime.timedelta(days=rng.randrange(30, 53))
            procurements.append(
                Procurement(
                    organisation=municipality,
                    officer=officer,
                    reference=f"KS {year}/{number:04d}",
                    title=f"Upphandling {number} år {year}",
                    description="Syntetisk upphandling för prestandamätning.",
                    contract_type=rng.choice([ContractType.SERVICES] * 3 + [ContractType.WORKS, ContractType.GOODS]),
                    cpv_main="90911200-8",
                    estimated_value_sek=rng.randrange(1, 200) * 1_000_000,
                    duration_months=rng.choice([24, 36, 48]),
                    procedure=rng.choice([Procedure.OPEN, Procedure.OPEN, Procedure.BELOW_THRESHOLD]),
                    regime=Regime.ABOVE_THRESHOLD,
                    notice_sent=notice,
                    tender_deadline=tender_deadline,
                    question_deadline=tender_deadline - datetime.timedelta(days=10),
                    status=status,
                    published_at=None if status == "draft" else _aware(notice, 9),
                )
            )
    procurements = Procurement.objects.bulk_create(procurements)
    contracted = [p for p in procurements if p.status in ("awarded", "completed")]

    requirements = SocialRequirement.objects.bulk_create(
        SocialRequirement(
            procurement=procurement,
            criterion=criterion,
            clause_text=criterion.text_sv,
            target_groups=rng.sample(TargetGroup.values, 2),
            alternatives=["a", "c"],
            # About what 15 placements a year over the contract deliver: a decade's promises and deliveries alike.
            months_fulltime=rng.choice([36, 48, 60, 72, 84]),
            slots_suggested=12,
            slots_decided=rng.choice([8, 10, 12, 15, 20]),
            rationale="Proportionerligt i förhållande till kontraktets värde.",
        )
        for procurement in procurements
        for criterion in [rng.choice(employment), *rng.sample(criteria, rng.randrange(0, 3))]
    )
    employment_requirement = {}
    for requirement in requirements:
        employment_requirement.setdefault(requirement.procurement_id, requirement)

    tenders, winners = [], {}
    for procurement in procurements:
        if procurement.status == "draft":
            continue
        bidders = rng.sample(suppliers, rng.randrange(2, 7))
        for bidder in bidders:
            tenders.append(
                Tender(
                    procurement=procurement,
                    organisation=bidder,
                    is_sme=bidder.is_sme,
                    price_sek=procurement.estimated_value_sek * rng.randrange(80, 120) // 100,
                )
            )
        winners[procurement.pk] = len(tenders) - len(bidders)  # the first bidder wins
    tenders = Tender.objects.bulk_create(tenders)
    awards = Award.objects.bulk_create(
        Award(
            procurement=procurement,
            winner=tenders[winners[procurement.pk]],
            decided_on=procurement.tender_deadline + datetime.timedelta(days=30),
            notice_sent_on=procurement.tender_deadline + datetime.timedelta(days=30),
            decided_by=officer,
        )
        for procurement in contracted
    )
    contracts = Contract.objects.bulk_create(
        Contract(
            procurement=award.procurement,
            award=award,
            supplier_id=award.winner.organisation_id,
            value_sek=award.winner.price_sek,
            signed_on=award.notice_sent_on + datetime.timedelta(days=12),
            starts_on=award.notice_sent_on + datetime.timedelta(days=30),
            ends_on=_add_months(award.notice_sent_on + datetime.timedelta(days=30), award.procurement.duration_months)
            - datetime.timedelta(days=1),
        )
        for award in awards
    )
    Commitment.objects.bulk_create(
        Commitment(
            contract=contract,
            requirement=employment_requirement[contract.procurement_id],
            slots=employment_requirement[contract.procurement_id].slots_decided,
            months_fulltime=employment_requirement[contract.procurement_id].months_fulltime,
            penalty_per_missing_month_sek=10_000,
            bonus_per_extra_month_sek=5_000,
            reporting_frequency="quarterly",
        )
        for contract in contracts
    )
    # The suppliers' quarterly reports (counts only), for every quarter that ended before AS_OF.
    reports = []
    for contract in contracts:
        period_start = contract.starts_on
        while True:
            period_end = _add_months(period_start, 3) - datetime.timedelta(days=1)
            if period_end >= min(contract.ends_on, AS_OF):
                break
            offered = rng.randrange(1, 4)
            reports.append(
                ComplianceReport(
                    contract=contract,
                    period_start=period_start,
                    period_end=period_end,
                    places_offered=offered,
                    people_started=rng.randrange(0, offered + 1),
                    months_completed=Decimal(rng.randrange(0, 60)) / 10,
                    confirms_terms=True,
                    confirms_supervision=True,
                    submitted_by=officer,
                )
            )
            period_start = period_end + datetime.timedelta(days=1)
    ComplianceReport.objects.bulk_create(reports)

    # Positions: 600 a year on the contracts running that year; two placements each on average.
    positions = []
    for year in range(first_year, LAST_YEAR + 1):
        running = [c for c in contracts if c.starts_on.year <= year <= c.ends_on.year] or contracts
        for number in range(PER_YEAR["positions"]):
            contract = rng.choice(running)
            earliest = max(contract.starts_on, datetime.date(year, 1, 1))
            latest = min(contract.ends_on, datetime.date(year, 12, 31))
            start_from = earliest + datetime.timedelta(days=rng.randrange(max(1, (latest - earliest).days // 2)))
            positions.append(
                Position(
                    contract=contract,
                    position_type=rng.choice(types_),
                    occupation_id=rng.choice(occupations),
                    title=f"Plats {year}-{number}",
                    workplace_municipality=rng.choice(JAMTLAND),
                    hours_per_week=rng.choice([20, 25, 30, 35, 40]),
                    start_from=start_from,
                    start_until=start_from + datetime.timedelta(days=rng.randrange(30, 120)),
                    duration_months=rng.choice([3, 6, 6, 12]),
                    supervisor_name="Handledare",
                    supervisor_email="handledare@bench.example",
                    supervisor_trained=rng.random() < 0.6,
                    status="filled",
                )
            )
    positions = Position.objects.bulk_create(positions)

    participants = []
    for year in range(first_year, LAST_YEAR + 1):
        for number in range(PER_YEAR["participants"]):
            birth_year = rng.randrange(year - 64, year - 17)
            participants.append(
                Participant(
                    public_id=uuid.UUID(int=rng.getrandbits(128), version=4),  # seeded, as everything else
                    municipality=municipality,
                    first_name=f"Deltagare{year}",
                    last_name=f"Nummer{number}",
                    birth_year=birth_year,
                    age_band=Participant.band_for(birth_year, on=datetime.date(year, 6, 30)),
                    gender=rng.choices([*Gender.values, ""], weights=[46, 48, 1, 5])[0],
                    target_group=rng.choice(TargetGroup.values),
                    home_municipality=rng.choice(JAMTLAND),
                    available_from=datetime.date(year, 1, 1),
                    waiting_since=datetime.date(year - 2, 1, 1) + datetime.timedelta(days=rng.randrange(700)),
                    informed_on=datetime.date(year, 1, 1),
                    status="placed",
                )
            )
    participants = Participant.objects.bulk_create(participants)

    # Placements: 1 200 a year, each a different person of that year's intake, on that year's positions. Ended
    # placements have an end reason and an outcome with its evidence; those ended 90 days before AS_OF an outcome
    # after 90 days too.
    placements = []
    outcomes, evidence = Placement.Outcome.values, Placement.Evidence.values
    reasons = Placement.EndReason.values
    per_year_positions = PER_YEAR["positions"]
    for index, year in enumerate(range(first_year, LAST_YEAR + 1)):
        intake = participants[index * PER_YEAR["participants"] : (index + 1) * PER_YEAR["participants"]]
        year_positions = positions[index * per_year_positions : (index + 1) * per_year_positions]
        for number, participant in enumerate(rng.sample(intake, PER_YEAR["placements"])):
            position = year_positions[number % per_year_positions]
            starts_on = min(
                position.start_from + datetime.timedelta(days=rng.randrange(0, 60)), datetime.date(year, 12, 31)
            )
            planned_end = _add_months(starts_on, position.duration_months)
            placement = Placement(
                participant=participant,
                position=position,
                starts_on=starts_on,
                planned_end_on=planned_end,
                supervisor_name="Handledare",
                status=Placement.Status.ACTIVE,
                responsible=matcher,
                started_at=_aware(starts_on, 8),
            )
            if planned_end < AS_OF:
                reason = rng.choices(reasons, weights=[70, 12, 8, 5, 5])[0]
                placement.status = Placement.Status.ENDED
                placement.end_reason = reason
                placement.ended_on = (
                    planned_end
                    if reason == Placement.EndReason.COMPLETED
                    else starts_on + datetime.timedelta(days=rng.randrange(20, max(21, (planned_end - starts_on).days)))
                )
                placement.outcome_at_end = rng.choices(outcomes, weights=[20, 15, 15, 10, 25, 10, 5])[0]
                placement.outcome_at_end_evidence = rng.choice(evidence)
                if placement.ended_on + datetime.timedelta(days=90) < AS_OF:
                    placement.outcome_90 = rng.choices(outcomes, weights=[25, 20, 10, 10, 20, 10, 5])[0]
                    placement.outcome_90_evidence = rng.choices(evidence, weights=[30, 40, 30])[0]
                    placement.outcome_90_recorded_at = _aware(placement.ended_on + datetime.timedelta(days=95))
            placements.append(placement)
    Placement.objects.bulk_create(placements)

    # Supervisor training: 25 sessions a year of 20 seats, mostly the contracted companies' supervisors.
    consent = ConsentText.objects.current(ConsentPurpose.TRAINING_REGISTRATION)
    course = Course.objects.create(organisation=municipality, title="Handledarutbildning", description="Två dagar.")
    sessions = []
    for year in range(first_year, LAST_YEAR + 1):
        for number in range(PER_YEAR["registrations"] // SESSION_SEATS):
            starts_at = _aware(datetime.date(year, 1, 15) + datetime.timedelta(days=14 * number), 9)
            sessions.append(
                Session(
                    course=course,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(hours=7),
                    location="Rådhuset",
                    capacity=SESSION_SEATS,
                    registration_deadline=starts_at - datetime.timedelta(days=7),
                    status="closed",
                )
            )
    sessions = Session.objects.bulk_create(sessions)
    contracted_suppliers = sorted({c.supplier_id for c in contracts})
    by_pk = {s.pk: s for s in suppliers}
    registrations = []
    for session in sessions:
        for seat in range(SESSION_SEATS):
            company = by_pk[rng.choice(contracted_suppliers)] if rng.random() < 0.8 else rng.choice(suppliers)
            registrations.append(
                Registration(
                    session=session,
                    name=f"Handledare {session.pk}-{seat}",
                    email=f"handledare{session.pk}-{seat}@bench.example",
                    organisation=company,
                    organisation_name=company.name,
                    role="Handledare",
                    status=Registration.Status.CONFIRMED,
                    consent_text=consent,
                    consent_at=session.starts_at - datetime.timedelta(days=20),
                    attended=rng.choices([True, False, None], weights=[85, 10, 5])[0],
                    created_at=session.starts_at - datetime.timedelta(days=20),
                )
            )
    Registration.objects.bulk_create(registrations)

    # Questions answered in the advertising period: three published answers per published procurement.
    answers = []
    for procurement in procurements:
        if procurement.status == "draft":
            continue
        for number in range(1, 4):
            published = procurement.notice_sent + datetime.timedelta(
                days=rng.randrange(3, (procurement.tender_deadline - procurement.notice_sent).days)
            )
            answers.append(
                Answer(
                    procurement=procurement,
                    number=number,
                    public_question=f"Fråga {number} om kraven.",
                    text="Svar på frågan.",
                    status=Answer.Status.PUBLISHED,
                    written_by=officer,
                    published_by=officer,
                    published_at=_aware(published, 14),
                )
            )
    Answer.objects.bulk_create(answers)

    counts = {
        "procurements": len(procurements),
        "social requirements": len(requirements),
        "tenders": len(tenders),
        "contracts": len(contracts),
        "compliance reports": len(reports),
        "positions": len(positions),
        "participants": len(participants),
        "placements": len(placements),
        "training registrations": len(registrations),
        "published answers": len(answers),
    }
    return Data(
        municipality=municipality,
        officer=officer,
        funder=funder,
        start=datetime.date(first_year, 1, 1),
        end=datetime.date(LAST_YEAR, 12, 31),
        counts=counts,
    )


# --- Measuring -------------------------------------------------------------------------------------------------------


@dataclass
class Measured:
    name: str
    budget: float | None
    timings: list[float] = field(default_factory=list)
    cold: float | None = None
    queries: int | None = None
    problem: str = ""

    @property
    def p50(self) -> float:
        return statistics.median(self.timings)

    @property
    def p95(self) -> float:
        ordered = sorted(self.timings)  # nearest rank: of 10 runs, the slowest
        return ordered[math.ceil(0.95 * len(ordered)) - 1]


@contextlib.contextmanager
def counting_queries():
    """Count the SQL statements run, without Django's debug cursor (which would slow every query down)."""
    from django.db import connection

    counter = [0]

    def count(execute, sql, params, many, context):
        counter[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counter


def measure(name: str, budget: float | None, call, runs: int) -> Measured:
    """One cold call (its time shown apart), then `runs` timed calls; the query count is the last call's.

    A call whose cold run takes more than three times its budget is not repeated: it fails whatever the warm runs
    say, and ten PDFs of a minute each would only make the verdict wait."""
    result = Measured(name=name, budget=budget)
    try:
        for run in range(runs + 1):
            with counting_queries() as counter:
                began = time.perf_counter()
                call()
                elapsed = time.perf_counter() - began
            result.queries = counter[0]
            if run == 0:
                result.cold = elapsed
                if budget and elapsed > 3 * budget:
                    result.timings = [elapsed]
                    break
            else:
                result.timings.append(elapsed)
    except Exception as error:  # noqa: BLE001 -- a page that cannot be measured is reported, not a traceback
        result.problem = f"{type(error).__name__}: {error}".strip().rstrip(":")
        result.timings = []
    return result


def page_call(client, url: str, *, pdf: bool = False, shows: str = ""):
    """GET the page and read the whole body (a streamed PDF is made while it is read); check what came back."""

    def call():
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != 200:
            raise PageError(f"answered {response.status_code} {response.get('Location', '')}".strip())
        if pdf and not body.startswith(b"%PDF"):
            raise PageError(f"answered 200 but not a PDF ({response.get('Content-Type')})")
        if shows and shows.encode() not in body:
            raise PageError(f"the page does not show {shows!r}: is --query right for the whole period?")
        return body

    return call


class PageError(Exception):
    pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10, help="municipality-years of data (one municipality)")
    parser.add_argument("--runs", type=int, default=10, help="timed requests per page, after one cold request")
    parser.add_argument("--pdf-runs", type=int, default=5, help="timed requests of the PDF, after one cold request")
    parser.add_argument("--floor-runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--query",
        default="start={start}&end={end}",
        help="the report's query string; {start} and {end} are the data's first and last day (default: %(default)s)",
    )
    parser.add_argument(
        "--database-url",
        help="postgres://user:password@host:port/postgres: create, use and drop a database of our own there",
    )
    parser.add_argument("--build-only", action="store_true", help="build the data and time evaluate(); no pages")
    arguments = parser.parse_args()

    with contextlib.ExitStack() as stack:
        data_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="insteg-benchmark-"))
        database_url = None
        if arguments.database_url:
            database_url = stack.enter_context(postgres_database(arguments.database_url, "reports"))
        configure_django(data_dir, database_url)
        from django.db import connection

        stack.callback(connection.close)  # before the database is dropped
        return run(arguments)


def run(arguments) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from insteg.reports import access, figures

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    migrated = time.perf_counter() - began
    began = time.perf_counter()
    data = build(arguments.scale, arguments.seed)
    built = time.perf_counter() - began
    print(f"{connection.vendor}, scale {arguments.scale} ({data.start} – {data.end}), seed {arguments.seed}")
    print(f"set-up: migrate {migrated:.1f} s, bulk_create {built:.1f} s (not measured)")
    print("  " + ", ".join(f"{count} {name}" for name, count in data.counts.items()))

    # A page that fails is reported in the table; its traceback in the log would only bury the table.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    # WeasyPrint warns about every SVG property and id it ignores, thousands of lines per PDF; the PDF is still made.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    floor_url = install_floor_urlconf()
    query = arguments.query.format(start=data.start.isoformat(), end=data.end.isoformat())
    load_before = os.getloadavg()[0]
    rows: list[Measured] = []
    for label, user in (("officer", data.officer), ("funder", data.funder)):
        procurements, threshold = access.reportable_procurements(user), access.threshold_for(user)
        evaluation = figures.evaluate(procurements, data.start, data.end, threshold)
        requirements = evaluation.table("requirements")
        if label == "officer":
            print(f"  the report: {requirements.summary} {evaluation.table('people').summary}")
        rows.append(
            measure(
                f"evaluate(), {label}",
                None,
                lambda p=procurements, t=threshold: figures.evaluate(p, data.start, data.end, t),
                arguments.runs,
            )
        )
        if arguments.build_only:
            continue
        client = Client()
        client.force_login(user)
        rows.append(measure(f"floor, {label}", None, page_call(client, floor_url), arguments.floor_runs))
        # The page must show the whole period's requirements (the first table's total), or it measured less.
        shows = str(requirements.total[1][1]) if requirements.total else ""
        for name, url_name, budget, pdf, runs in (
            ("report page", "reports:evaluation", PAGE_BUDGET, False, arguments.runs),
            ("report PDF", "reports:evaluation_pdf", PDF_BUDGET, True, arguments.pdf_runs),
        ):
            url = f"{reverse(url_name)}?{query}"
            call = page_call(client, url, pdf=pdf, shows="" if pdf else shows)
            rows.append(measure(f"{name}, {label}", budget, call, runs))
    print(f"  query string: ?{query}; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    return verdict(rows, arguments)


def verdict(rows: list[Measured], arguments) -> int:
    floors = {row.name.split(", ")[1]: row for row in rows if row.name.startswith("floor") and row.timings}
    print()
    columns = {"runs": 5, "first ms": 9, "p50 ms": 9, "p95 ms": 9, "queries": 8, "budget": 7, "× floor": 8}
    print(f"{'':22} " + " ".join(f"{text:>{width}}" for text, width in columns.items()))
    for row in rows:
        if not row.timings:
            print(f"{row.name:22} NOT MEASURED: {row.problem}")
            continue
        floor = floors.get(row.name.split(", ")[1])
        ratio = f"{row.p50 / floor.p50:.0f}×" if floor and row.budget else ""
        budget = f"{row.budget:.0f} s" if row.budget else ""
        runs = "cold" if row.timings == [row.cold] else str(len(row.timings))
        print(
            f"{row.name:22} {runs:>5} {1000 * row.cold:9.1f} {1000 * row.p50:9.1f} {1000 * row.p95:9.1f} "
            f"{row.queries:8d} {budget:>7} {ratio:>8}"
        )
    print(
        "runs: warm runs after the first (cold) one; p95 by nearest rank (of 10 runs, the slowest); "
        "× floor: p50 over the floor's p50; cold: over 3× the budget the first time, so not repeated"
    )
    failed = [row for row in rows if row.budget and row.timings and row.p95 > row.budget]
    missing = [row for row in rows if not row.timings]
    for row in failed:
        print(f"FAIL: {row.name}: p95 {row.p95:.2f} s is over the {row.budget:.0f} s budget")
    for row in missing:
        print(f"NOT MEASURED: {row.name}: {row.problem}")
    if failed:
        return 1
    if missing:
        return 2
    if arguments.build_only:
        print("built and evaluate() timed; pages not measured (--build-only)")
        return 0
    print(f"OK: the report page within {PAGE_BUDGET:.0f} s and the PDF within {PDF_BUDGET:.0f} s (p95)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
