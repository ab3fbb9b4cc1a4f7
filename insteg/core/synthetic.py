"""Synthetic data for benchmarks and load tests: `insteg generate_data --scale N` (contract.md).

N municipality-years of everything Insteg keeps, made with bulk_create from a seeded random generator, so the
same scale, seed, number of municipalities and "as of" day always give the same rows. Per municipality-year,
as issue 12 sizes it: about 200 procurements (80 awarded with a contract), 600 positions, 1 500 participants,
1 200 placements with their proposals, 10 000 check-ins, 500 training registrations, 5 000 audit events and the
view-log rows that the work behind them leaves (one per check-in held, two per proposal, one per registration).

The data lives in organisations of its own, named "... (syntetisk)", with users `synt-...` whose addresses end
in `.invalid` (RFC 2606: never delivered, so reminders sent by `run_scheduled` reach nobody). Nothing the demo
made is read or changed; the reference data (criteria, position types, SSYK, the check-in schedule, consent
texts) comes from the migrations. Nobody has a personnummer.

A fractional scale (0.02) makes one year with that share of the volumes, for tests.
"""

import contextlib
import datetime
import math
import random
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

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
from insteg.followup.models import Action, CheckIn, CheckInStep, Situation, SituationCategory, SituationEvent
from insteg.matching.models import Adaptation, Gender, Participant, ParticipantView, Placement, Proposal
from insteg.notices.models import Answer
from insteg.privacy.models import AuditEvent, ConsentPurpose, ConsentText
from insteg.procurement.models import Criterion, Procurement, SocialRequirement, TargetGroup
from insteg.rules.models import ContractType, Procedure, Regime
from insteg.training.models import Course, Registration, Session

MARKER = " (syntetisk)"  # every generated organisation's name ends so; how a second run knows the first
USERNAME_PREFIX = "synt-"
EMAIL_DOMAIN = "synthetic.invalid"
BATCH_SIZE = 2000

# Per municipality-year (issue 12). Check-ins follow from the schedule (about 8 a placement), view-log rows from
# the work done; these are the volumes chosen directly.
PER_YEAR = {
    "procurements": 200,
    "contracts": 80,
    "positions": 600,
    "participants": 1500,
    "placements": 1200,
    "training_sessions": 25,
    "audit_events": 5000,
}
SESSION_SEATS = 20
SUPPLIERS_PER_YEAR, MAX_SUPPLIERS = 30, 300
# Staff of each synthetic municipality.
STAFF = {
    Role.PROCUREMENT_OFFICER: ("upphandlare", 3),
    Role.MATCHING_OFFICER: ("matchare", 6),
    Role.ADMINISTRATOR: ("admin", 1),
    Role.DATA_PROTECTION_OFFICER: ("dataskydd", 1),
}
EMPLOYMENT_OFFICERS = 4
JAMTLAND = ["Östersund", "Krokom", "Åre", "Berg", "Bräcke", "Härjedalen", "Ragunda", "Strömsund"]
FIRST_NAMES = [
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Elin", "Fatima", "Amina", "Hanna", "Julia", "Ida",
    "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Mohamed", "Ali", "Ahmed", "Oskar", "Lucas", "Elias", "Noah",
]  # fmt: skip
CPV_CODES = ["90911200-8", "45000000-7", "77310000-6", "55520000-1", "90600000-3", "50700000-2", "79620000-6"]


class AlreadyGenerated(Exception):
    """The database already holds generated data; a second set is only added on request."""


@dataclass
class Personas:
    """The first synthetic municipality's people, one per role, for benchmarks and tests to sign in as."""

    procurement_officer: User
    matching_officer: User
    administrator: User
    data_protection_officer: User
    supplier_contact: User
    employment_officer: User
    funder: User

    def by_role(self) -> dict[str, User]:
        return dict(vars(self))


@dataclass
class Generated:
    counts: dict = field(default_factory=dict)
    personas: Personas | None = None
    municipalities: list = field(default_factory=list)


def existing_municipalities() -> int:
    return Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY, name__endswith=MARKER).count()


def plan(scale: float, municipalities: int) -> tuple[int, float]:
    """Years per municipality and the share of a full year's volume each year gets: scale 10 over one
    municipality is ten full years, 0.02 one year at 2 %, 2.5 three years at 83 %."""
    if scale <= 0:
        raise ValueError("The scale must be above zero.")
    years = max(1, math.ceil(scale / municipalities - 1e-9))
    return years, scale / (municipalities * years)


def generate(
    scale: float,
    *,
    seed: int = 2026,
    municipalities: int = 1,
    as_of: datetime.date | None = None,
    password: str | None = None,
    add: bool = False,
    progress=None,
) -> Generated:
    """Build `scale` municipality-years over `municipalities` synthetic municipalities, each with years that end
    on `as_of` (today by default: check-ins fall due around now, as in a running service)."""
    existing = existing_municipalities()
    if existing and not add:
        raise AlreadyGenerated(existing)
    as_of = as_of or timezone.localdate()
    years, share = plan(scale, municipalities)
    result = Generated()
    shared = _Shared.load(password, as_of)
    with _historical_timestamps():
        for number in range(existing + 1, existing + municipalities + 1):
            with transaction.atomic():
                builder = _Municipality(number, years, share, seed, as_of, shared, progress)
                builder.build()
            result.municipalities.append(builder.municipality)
            for name, count in builder.counts.items():
                result.counts[name] = result.counts.get(name, 0) + count
            if result.personas is None:
                result.personas = builder.personas()
    return result


# --- What every municipality shares -----------------------------------------------------------------------------------


@dataclass
class _Shared:
    password_hash: str
    as_of: datetime.date
    criteria: list
    employment_criteria: list
    position_types: list
    occupations: list
    steps_by_type: dict
    default_steps: list
    consent: ConsentText

    @classmethod
    def load(cls, password: str | None, as_of: datetime.date) -> "_Shared":
        criteria = list(Criterion.objects.order_by("code"))
        position_types = list(PositionType.objects.order_by("code"))
        occupations = list(Occupation.objects.order_by("code").values_list("code", flat=True))
        if not criteria or not position_types or not occupations:
            raise LookupError("The reference data is missing: run `insteg migrate` on this database first.")
        steps = list(CheckInStep.objects.order_by("anchor", "months", "days", "pk"))
        by_type: dict = {}
        for step in steps:
            if step.position_type_id:
                by_type.setdefault(step.position_type_id, []).append(step)
        return cls(
            # One hash for everyone: hashing thousands of passwords would take longer than the rest.
            password_hash=make_password(password) if password else make_password(None),
            as_of=as_of,
            criteria=criteria,
            employment_criteria=[c for c in criteria if c.is_employment] or criteria,
            position_types=position_types,
            occupations=occupations,
            steps_by_type=by_type,
            default_steps=[step for step in steps if step.position_type_id is None],
            consent=ConsentText.objects.current(ConsentPurpose.TRAINING_REGISTRATION),
        )


@contextlib.contextmanager
def _historical_timestamps():
    """Let bulk_create keep the creation times we give (years back) instead of `auto_now(_add)`'s now.

    The flags are switched on the field objects for this process only, and back however the build ends."""
    switched = []
    for model in (
        Procurement, SocialRequirement, Tender, Award, Contract, ComplianceReport, Position, Participant, Proposal,
        Placement, CheckIn, AuditEvent, ParticipantView, Course, Session, Organisation, Membership,
    ):  # fmt: skip
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
                switched.append((model_field, model_field.auto_now, model_field.auto_now_add))
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in switched:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def _bulk(model, objects: list) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH_SIZE)


def _aware(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _org_number(municipality: int, number: int) -> str:
    """Valid (Luhn) and unique: 559 + the municipality's number + the company's; real companies' start 556."""
    from stdnum import luhn

    base = f"559{municipality:03d}{number:03d}"
    return f"{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}"


# --- One municipality ------------------------------------------------------------------------------------------------


class _Municipality:
    def __init__(self, number, years, share, seed, as_of, shared: _Shared, progress):
        # Each municipality has its own generator, so municipality 3 is the same whether made first or added.
        self.rng = random.Random(f"insteg-synthetic:{seed}:{number}")  # noqa: S311 -- test data, not secrets
        self.number, self.years, self.share, self.as_of, self.shared = number, years, share, as_of, shared
        self.progress = progress or (lambda message: None)
        self.counts: dict[str, int] = {}
        self.views: list[ParticipantView] = []
        self.events: list[AuditEvent] = []
        # Year i runs from periods[i] to periods[i + 1] - 1 day; the last ends on as_of.
        self.periods = [as_of - relativedelta(years=years - i) + datetime.timedelta(days=1) for i in range(years)]
        self.periods.append(as_of + datetime.timedelta(days=1))

    # Helpers -----------------------------------------------------------------------------------------------------

    def scaled(self, key_or_number) -> int:
        full = PER_YEAR[key_or_number] if isinstance(key_or_number, str) else key_or_number
        return max(1, round(full * self.share))

    def day_in(self, year: int, *, first_part: float = 1.0) -> datetime.date:
        start, end = self.periods[year], self.periods[year + 1]
        days = max(1, int((end - start).days * first_part))
        return start + datetime.timedelta(days=self.rng.randrange(days))

    def moment(self, day: datetime.date) -> datetime.datetime:
        return _aware(day, self.rng.randrange(8, 17), self.rng.randrange(60))

    def year_of(self, day: datetime.date) -> int:
        for year in range(self.years):
            if day < self.periods[year + 1]:
                return year
        return self.years - 1

    def count(self, name: str, rows) -> list:
        self.counts[name] = self.counts.get(name, 0) + len(rows)
        return rows

    def event(self, action: str, actor: User, when: datetime.datetime, target=None, **data) -> None:
        self.events.append(
            AuditEvent(
                action=action,
                actor=actor,
                organisation_id=self.organisation_of.get(actor.pk, self.municipality.pk),
                target_type=ContentType.objects.get_for_model(type(target)) if target is not None else None,
                target_id=str(target.pk) if target is not None else "",
                data=data,
                created_at=when,
            )
        )

    def view(self, participant, viewer: User, purpose: str, where: str, when: datetime.datetime) -> None:
        self.views.append(
            ParticipantView(participant=participant, viewer=viewer, purpose=purpose, where=where, viewed_at=when)
        )

    # The build -----------------------------------------------------------------------------------------------------

    def build(self) -> None:
        self.progress(f"municipality {self.number}: {self.years} year(s) at {self.share:.0%} of a full year")
        for step in (
            self.organisations_and_people,
            self.procurements,
            self.tenders_awards_contracts,
            self.answers,
            self.positions,
            self.participants,
            self.proposals_and_placements,
            self.check_ins,
            self.situations,
            self.training,
            self.audit_trail,
            self.view_log,
        ):
            step()
            self.progress(f"  {step.__name__.replace('_', ' ')}")

    def organisations_and_people(self) -> None:
        n, rng = self.number, self.rng
        founded = _aware(self.periods[0] - datetime.timedelta(days=30))
        self.municipality = Organisation.objects.create(
            name=f"Kommun {n:02d}{MARKER}", kind=Organisation.Kind.MUNICIPALITY, created_at=founded
        )
        self.employment_service = Organisation.objects.create(
            name=f"Arbetsförmedlingen, kommun {n:02d}{MARKER}",
            kind=Organisation.Kind.EMPLOYMENT_SERVICE,
            created_at=founded,
        )
        self.funder_org = Organisation.objects.create(
            name=f"Samordningsförbund, kommun {n:02d}{MARKER}", kind=Organisation.Kind.FUNDER, created_at=founded
        )
        supplier_count = min(MAX_SUPPLIERS, max(5, round(SUPPLIERS_PER_YEAR * self.years * self.share)))
        self.suppliers = _bulk(
            Organisation,
            [
                Organisation(
                    name=f"Leverantör {n:02d}-{number:03d} AB{MARKER}",
                    kind=Organisation.Kind.SUPPLIER,
                    org_number=_org_number(n, number),
                    is_sme=rng.random() < 0.7,
                    verified_at=founded,
                    created_at=founded,
                )
                for number in range(1, supplier_count + 1)
            ],
        )
        self.count("organisations", [self.municipality, self.employment_service, self.funder_org, *self.suppliers])

        people: list[tuple[User, Organisation, str]] = []

        def person(username: str, first: str, last: str, organisation, role) -> User:
            user = User(
                username=f"{USERNAME_PREFIX}{n:02d}-{username}",
                email=f"{username}.{n:02d}@{EMAIL_DOMAIN}",
                first_name=first,
                last_name=last,
                password=self.shared.password_hash,
                date_joined=founded,
            )
            people.append((user, organisation, role))
            return user

        self.staff: dict[str, list[User]] = {}
        for role, (word, how_many) in STAFF.items():
            self.staff[role] = [
                person(
                    f"{word}-{i}", rng.choice(FIRST_NAMES), f"Syntetisk{word.capitalize()}{i}", self.municipality, role
                )
                for i in range(1, how_many + 1)
            ]
        self.employment_officers = [
            person(
                f"af-{i}", rng.choice(FIRST_NAMES), f"SyntetiskAf{i}", self.employment_service, Role.EMPLOYMENT_OFFICER
            )
            for i in range(1, EMPLOYMENT_OFFICERS + 1)
        ]
        self.funder = person(
            "finansiar", rng.choice(FIRST_NAMES), "SyntetiskFinansiär", self.funder_org, Role.FUNDER_VIEWER
        )
        self.contacts = {
            supplier.pk: person(
                f"leverantor-{i:03d}",
                rng.choice(FIRST_NAMES),
                f"SyntetiskLeverantör{i}",
                supplier,
                Role.SUPPLIER_CONTACT,
            )
            for i, supplier in enumerate(self.suppliers, start=1)
        }
        users = _bulk(User, [user for user, _organisation, _role in people])
        _bulk(
            Membership,
            [
                Membership(user=user, organisation=organisation, role=role, created_at=founded)
                for user, (_same, organisation, role) in zip(users, people, strict=True)
            ],
        )
        self.organisation_of = {user.pk: organisation.pk for user, organisation, _role in people}
        self.count("users", users)

    @property
    def officers(self) -> list[User]:
        return self.staff[Role.PROCUREMENT_OFFICER]

    @property
    def matchers(self) -> list[User]:
        return self.staff[Role.MATCHING_OFFICER]

    def procurements(self) -> None:
        rng, shared = self.rng, self.shared
        rows = []
        for year in range(self.years):
            total, contracted = self.scaled("procurements"), self.scaled("contracts")
            rest = max(0, total - contracted)
            statuses = (
                ["contracted"] * contracted + ["published"] * round(rest * 0.75) + ["cancelled"] * round(rest * 0.17)
            )
            statuses += ["draft"] * max(0, total - len(statuses))
            rng.shuffle(statuses)
            for number, status in enumerate(statuses, start=1):
                # A contract is in place within about four months: procurements that end in one are advertised in
                # the year's first half, so it starts before the year is out.
                notice = self.day_in(year, first_part=0.5 if status == "contracted" else 1.0)
                tender_deadline = notice + datetime.timedelta(days=rng.randrange(30, 53))
                value = rng.choice([rng.randrange(3, 20) * 100_000, rng.randrange(1, 200) * 1_000_000])
                below = value < 2_300_000
                created = self.moment(notice - datetime.timedelta(days=rng.randrange(20, 90)))
                rows.append(
                    Procurement(
                        organisation=self.municipality,
                        officer=rng.choice(self.officers),
                        reference=f"KS {self.periods[year].year}/{number:04d}",
                        title=f"Syntetisk upphandling {number} år {year + 1}",
                        description="Syntetisk upphandling för prestandamätning.",
                        contract_type=rng.choice(
                            [ContractType.SERVICES] * 3 + [ContractType.WORKS, ContractType.GOODS]
                        ),
                        cpv_main=rng.choice(CPV_CODES),
                        estimated_value_sek=value,
                        duration_months=rng.choice([24, 36, 48]),
                        procedure=Procedure.BELOW_THRESHOLD if below else Procedure.OPEN,
                        regime=Regime.BELOW_THRESHOLD if below else Regime.ABOVE_THRESHOLD,
                        # A draft has no dates yet; the others were advertised.
                        notice_sent=None if status == "draft" else notice,
                        tender_deadline=None if status == "draft" else tender_deadline,
                        question_deadline=None if status == "draft" else tender_deadline - datetime.timedelta(days=10),
                        status=status,
                        published_at=None if status == "draft" else self.moment(notice),
                        created_at=created,
                        updated_at=created,
                    )
                )
        # "contracted" becomes awarded or completed once the contract's end is known.
        self.procurement_rows = self.count("procurements", _bulk(Procurement, rows))
        requirements = []
        for procurement in self.procurement_rows:
            chosen = [rng.choice(shared.employment_criteria)]
            chosen += [c for c in rng.sample(shared.criteria, rng.randrange(0, 3)) if c not in chosen]
            for criterion in chosen:
                employment = criterion.is_employment
                requirements.append(
                    SocialRequirement(
                        procurement=procurement,
                        criterion=criterion,
                        clause_text=criterion.text_sv,
                        target_groups=rng.sample(TargetGroup.values, 2),
                        alternatives=["a", "c"] if employment else [],
                        months_fulltime=rng.choice([36, 48, 60, 72, 84]) if employment else None,
                        slots_suggested=12 if employment else None,
                        slots_decided=rng.choice([8, 10, 12, 15, 20]) if employment else None,
                        rationale="Proportionerligt i förhållande till kontraktets värde (syntetiskt).",
                        decided_by=procurement.officer,
                        decided_at=procurement.created_at + datetime.timedelta(days=7),
                        reporting_frequency="quarterly",
                        created_at=procurement.created_at + datetime.timedelta(hours=1),
                    )
                )
        requirements = self.count("social requirements", _bulk(SocialRequirement, requirements))
        self.employment_requirement = {}
        for requirement in requirements:
            self.employment_requirement.setdefault(requirement.procurement_id, requirement)
        for procurement in self.procurement_rows:
            self.event("procurement.created", procurement.officer, procurement.created_at, procurement)
            if procurement.published_at:
                self.event("procurement.published", procurement.officer, procurement.published_at, procurement)

    def tenders_awards_contracts(self) -> None:
        rng = self.rng
        tenders, first_bidder = [], {}
        for procurement in self.procurement_rows:
            if procurement.status == "draft" or procurement.tender_deadline > self.as_of:
                continue
            bidders = rng.sample(self.suppliers, min(len(self.suppliers), rng.randrange(2, 7)))
            first_bidder[procurement.pk] = len(tenders)
            for bidder in bidders:
                tenders.append(
                    Tender(
                        procurement=procurement,
                        organisation=bidder,
                        is_sme=bidder.is_sme,
                        price_sek=procurement.estimated_value_sek * rng.randrange(80, 120) // 100,
                        created_at=_aware(procurement.tender_deadline, 14),
                    )
                )
        tenders = self.count("tenders", _bulk(Tender, tenders))
        contracted = [p for p in self.procurement_rows if p.status == "contracted"]
        for procurement in contracted:
            if procurement.pk not in first_bidder:  # its tender deadline is still ahead: it is still out
                procurement.status = Procurement.Status.PUBLISHED
        contracted = [p for p in contracted if p.pk in first_bidder]
        awards = []
        for procurement in contracted:
            decided = procurement.tender_deadline + datetime.timedelta(days=rng.randrange(20, 40))
            awards.append(
                Award(
                    procurement=procurement,
                    winner=tenders[first_bidder[procurement.pk]],
                    decided_on=decided,
                    notice_sent_on=decided,
                    decided_by=procurement.officer,
                    created_at=_aware(decided, 15),
                )
            )
        awards = _bulk(Award, awards)
        contracts = []
        for award in awards:
            starts = award.notice_sent_on + datetime.timedelta(days=30)
            contracts.append(
                Contract(
                    procurement=award.procurement,
                    award=award,
                    supplier_id=award.winner.organisation_id,
                    value_sek=award.winner.price_sek,
                    signed_on=award.notice_sent_on + datetime.timedelta(days=12),
                    starts_on=starts,
                    ends_on=starts
                    + relativedelta(months=award.procurement.duration_months)
                    - datetime.timedelta(days=1),
                    created_at=_aware(award.notice_sent_on + datetime.timedelta(days=12), 11),
                )
            )
        self.contracts = self.count("contracts", _bulk(Contract, contracts))
        # The procurement's status as it stands on as_of: completed once its contract has ended.
        for contract in self.contracts:
            procurement = contract.procurement
            procurement.status = "completed" if contract.ends_on < self.as_of else "awarded"
        for procurement in self.procurement_rows:
            if procurement.status == "contracted":
                procurement.status = Procurement.Status.PUBLISHED
        Procurement.objects.bulk_update(self.procurement_rows, ["status"], batch_size=BATCH_SIZE)

        commitments = _bulk(
            Commitment,
            [
                Commitment(
                    contract=contract,
                    requirement=self.employment_requirement[contract.procurement_id],
                    slots=self.employment_requirement[contract.procurement_id].slots_decided or 0,
                    months_fulltime=self.employment_requirement[contract.procurement_id].months_fulltime or 0,
                    penalty_per_missing_month_sek=10_000,
                    bonus_per_extra_month_sek=5_000,
                    reporting_frequency="quarterly",
                )
                for contract in self.contracts
            ],
        )
        self.count("commitments", commitments)
        Through = Commitment.position_types.through
        _bulk(
            Through,
            [
                Through(commitment_id=commitment.pk, positiontype_id=position_type.pk)
                for commitment in commitments
                for position_type in rng.sample(self.shared.position_types, min(3, len(self.shared.position_types)))
            ],
        )
        reports = []
        for contract in self.contracts:
            period_start = contract.starts_on
            while True:
                period_end = period_start + relativedelta(months=3) - datetime.timedelta(days=1)
                if period_end >= min(contract.ends_on, self.as_of):
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
                        submitted_by=self.contacts[contract.supplier_id],
                        submitted_at=_aware(period_end + datetime.timedelta(days=10)),
                    )
                )
                period_start = period_end + datetime.timedelta(days=1)
        self.count("compliance reports", _bulk(ComplianceReport, reports))
        for contract in self.contracts:
            officer = contract.procurement.officer
            self.event("contract.awarded", officer, contract.award.created_at, contract.award)
            self.event("contract.signed", officer, contract.created_at, contract)
        for report in reports:
            self.event("contract.report_submitted", report.submitted_by, report.submitted_at, report.contract)

    def answers(self) -> None:
        rng, rows = self.rng, []
        for procurement in self.procurement_rows:
            if not procurement.notice_sent:
                continue
            period = (procurement.tender_deadline - procurement.notice_sent).days
            for number in range(1, rng.randrange(1, 5)):
                published = procurement.notice_sent + datetime.timedelta(days=rng.randrange(3, period))
                if published > self.as_of:
                    continue
                rows.append(
                    Answer(
                        procurement=procurement,
                        number=number,
                        public_question=f"Syntetisk fråga {number} om kraven.",
                        text="Syntetiskt svar på frågan.",
                        status=Answer.Status.PUBLISHED,
                        written_by=procurement.officer,
                        published_by=procurement.officer,
                        published_at=_aware(published, 14),
                    )
                )
        self.count("published answers", _bulk(Answer, rows))

    def positions(self) -> None:
        rng, rows = self.rng, []
        self.positions_by_year = []
        occupations = rng.sample(self.shared.occupations, min(80, len(self.shared.occupations)))
        for year in range(self.years):
            start, end = self.periods[year], self.periods[year + 1] - datetime.timedelta(days=1)
            running = [c for c in self.contracts if c.starts_on <= end and c.ends_on >= start] or self.contracts
            this_year = []
            for number in range(self.scaled("positions") if running else 0):
                contract = rng.choice(running)
                earliest = max(contract.starts_on, start)
                latest = max(earliest, min(contract.ends_on, end))
                start_from = earliest + datetime.timedelta(
                    days=rng.randrange(max(1, (latest - earliest).days // 2 + 1))
                )
                this_year.append(
                    Position(
                        contract=contract,
                        position_type=rng.choice(self.shared.position_types),
                        occupation_id=rng.choice(occupations),
                        title=f"Syntetisk plats {year + 1}-{number + 1}",
                        workplace_municipality=rng.choice(JAMTLAND),
                        hours_per_week=rng.choice([20, 25, 30, 35, 40]),
                        start_from=start_from,
                        start_until=start_from + datetime.timedelta(days=rng.randrange(30, 120)),
                        duration_months=rng.choice([3, 6, 6, 12]),
                        swedish_level=rng.choice(Position.SwedishLevel.values),
                        driving_licence=rng.random() < 0.2,
                        supervisor_name=f"Handledare {rng.choice(FIRST_NAMES)} Syntetisk",
                        supervisor_email=f"handledare{number}@{EMAIL_DOMAIN}",
                        supervisor_trained=rng.random() < 0.6,
                        status=Position.Status.FILLED,
                        created_at=self.moment(start_from - datetime.timedelta(days=rng.randrange(10, 40))),
                    )
                )
            # This year's last sixth is still open for matching: what the matching page works on.
            if year == self.years - 1:
                for position in this_year[len(this_year) - len(this_year) // 6 :]:
                    position.status = Position.Status.OPEN
            self.positions_by_year.append(this_year)
            rows.extend(this_year)
        self.count("positions", _bulk(Position, rows))
        for position in rows:
            self.event(
                "contract.position_added", self.contacts[position.contract.supplier_id], position.created_at, position
            )

    def participants(self) -> None:
        rng, rows = self.rng, []
        self.participants_by_year = []
        this_year_number = self.as_of.year
        for year in range(self.years):
            start = self.periods[year]
            this_year = []
            for number in range(self.scaled("participants")):
                birth_year = rng.randrange(this_year_number - 64, this_year_number - 17)
                registered = self.day_in(year, first_part=0.8)
                referred = rng.random() < 0.4
                this_year.append(
                    Participant(
                        public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                        municipality=self.municipality,
                        first_name=rng.choice(FIRST_NAMES),
                        last_name=f"Syntetisk{self.number:02d}{year + 1:02d}{number + 1:04d}",
                        email=f"deltagare{self.number:02d}{year + 1:02d}{number + 1:04d}@{EMAIL_DOMAIN}"
                        if rng.random() < 0.7
                        else "",
                        birth_year=birth_year,
                        age_band=Participant.band_for(birth_year, on=start),
                        gender=rng.choices([*Gender.values, ""], weights=[46, 48, 1, 5])[0],
                        target_group=rng.choice(TargetGroup.values),
                        programme=rng.choice(self.shared.position_types) if rng.random() < 0.5 else None,
                        swedish_level=rng.choice(Position.SwedishLevel.values),
                        driving_licence=rng.random() < 0.4,
                        home_municipality=rng.choice(JAMTLAND),
                        max_travel_km=rng.choice([10, 20, 30, 50, 80]),
                        available_from=registered,
                        hours_min=rng.choice([10, 20, 20, 25]),
                        hours_max=rng.choice([30, 40, 40]),
                        waiting_since=registered - datetime.timedelta(days=rng.randrange(60, 1200)),
                        adaptations=rng.sample(Adaptation.values, rng.choice([0, 0, 0, 1, 2])),
                        informed_on=registered,
                        referred_by=rng.choice(self.employment_officers) if referred else None,
                        status=Participant.Status.INACTIVE,  # set below from what happened to them
                        created_at=self.moment(registered),
                    )
                )
            self.participants_by_year.append(this_year)
            rows.extend(this_year)
        participants = self.count("participants", _bulk(Participant, rows))
        Through = Participant.occupations.through
        occupation_rows = [
            Through(participant_id=participant.pk, occupation_id=code)
            for participant in participants
            for code in rng.sample(self.shared.occupations[:400], rng.choice([0, 1, 1, 2, 3]))
        ]
        self.count("occupations of interest", _bulk(Through, occupation_rows))
        for participant in participants:
            actor = participant.referred_by or rng.choice(self.matchers)
            self.event("participant.registered", actor, participant.created_at, participant)
            self.view(participant, actor, ParticipantView.Purpose.REFERRAL, "participant", participant.created_at)

    def proposals_and_placements(self) -> None:
        rng, as_of = self.rng, self.as_of
        proposals, placements = [], []
        outcomes, evidence = Placement.Outcome.values, Placement.Evidence.values
        placed_until: dict[int, Placement] = {}
        for year in range(self.years):
            positions = [p for p in self.positions_by_year[year] if p.status == Position.Status.FILLED]
            intake = self.participants_by_year[year]
            if not positions:
                continue
            for number, participant in enumerate(rng.sample(intake, min(len(intake), self.scaled("placements")))):
                position = positions[number % len(positions)]
                matcher = rng.choice(self.matchers)
                starts_on = position.start_from + datetime.timedelta(days=rng.randrange(0, 45))
                prepared = self.moment(starts_on - datetime.timedelta(days=rng.randrange(14, 40)))
                host = self.contacts[position.contract.supplier_id]
                # One in four people was declined by another host first.
                if rng.random() < 0.25:
                    other = rng.choice(positions)
                    proposals.append(
                        Proposal(
                            participant=participant,
                            position=other,
                            score=rng.randrange(30, 90),
                            status=Proposal.Status.DECLINED,
                            disclosure=Proposal.Disclosure.CONSENT,
                            proposed_start=starts_on,
                            prepared_by=matcher,
                            proposed_at=prepared - datetime.timedelta(days=10),
                            decided_by=self.contacts[other.contract.supplier_id],
                            decided_at=prepared - datetime.timedelta(days=6),
                            decline_reason=rng.choice(Proposal.DeclineReason.values),
                            created_at=prepared - datetime.timedelta(days=11),
                        )
                    )
                proposal = Proposal(
                    participant=participant,
                    position=position,
                    score=rng.randrange(50, 100),
                    status=Proposal.Status.ACCEPTED,
                    disclosure=Proposal.Disclosure.CONSENT,
                    proposed_start=starts_on,
                    prepared_by=matcher,
                    proposed_at=prepared + datetime.timedelta(hours=2),
                    decided_by=host,
                    decided_at=prepared + datetime.timedelta(days=3),
                    created_at=prepared,
                )
                proposals.append(proposal)
                planned_end = starts_on + relativedelta(months=position.duration_months)
                placement = Placement(
                    participant=participant,
                    position=position,
                    proposal=proposal,
                    starts_on=starts_on,
                    planned_end_on=planned_end,
                    supervisor_name=position.supervisor_name,
                    agreed_adaptations=participant.adaptations[:1],
                    status=Placement.Status.PLANNED,
                    responsible=matcher,
                    created_at=prepared + datetime.timedelta(days=3),
                )
                if starts_on <= as_of:
                    placement.status = Placement.Status.ACTIVE
                    placement.started_at = _aware(starts_on, 8)
                if planned_end < as_of:
                    reason = rng.choices(Placement.EndReason.values, weights=[70, 12, 8, 5, 5])[0]
                    ended_on = planned_end
                    if reason != Placement.EndReason.COMPLETED:
                        ended_on = starts_on + datetime.timedelta(
                            days=rng.randrange(20, (planned_end - starts_on).days)
                        )
                    placement.status = Placement.Status.ENDED
                    placement.end_reason = reason
                    placement.ended_on = ended_on
                    placement.outcome_at_end = rng.choices(outcomes, weights=[20, 15, 15, 10, 25, 10, 5])[0]
                    placement.outcome_at_end_evidence = rng.choice(evidence)
                    if ended_on + datetime.timedelta(days=90) < as_of:
                        placement.outcome_90 = rng.choices(outcomes, weights=[25, 20, 10, 10, 20, 10, 5])[0]
                        placement.outcome_90_evidence = rng.choices(evidence, weights=[30, 40, 30])[0]
                        placement.outcome_90_recorded_at = _aware(ended_on + datetime.timedelta(days=95))
                placements.append(placement)
                placed_until[participant.pk] = placement
        # Pending proposals for this year's open positions, from the people still waiting.
        last = self.years - 1
        open_positions = [p for p in self.positions_by_year[last] if p.status == Position.Status.OPEN]
        waiting = [p for p in self.participants_by_year[last] if p.pk not in placed_until]
        for position, participant in zip(open_positions[: len(open_positions) // 3], waiting, strict=False):
            prepared = self.moment(as_of - datetime.timedelta(days=rng.randrange(1, 20)))
            proposals.append(
                Proposal(
                    participant=participant,
                    position=position,
                    score=rng.randrange(50, 100),
                    status=Proposal.Status.PROPOSED,
                    disclosure=Proposal.Disclosure.CONSENT,
                    proposed_start=position.start_from,
                    prepared_by=rng.choice(self.matchers),
                    proposed_at=prepared + datetime.timedelta(hours=1),
                    created_at=prepared,
                )
            )
        self.count("proposals", _bulk(Proposal, proposals))
        for placement in placements:
            placement.proposal_id = placement.proposal.pk
        self.placements = self.count("placements", _bulk(Placement, placements))

        # Who is still looking: this year's people not placed, and those back with Arbetsförmedlingen after a
        # placement that ended in the last half-year; everyone else has moved on.
        recent = as_of - datetime.timedelta(days=180)
        changed = []
        for year, intake in enumerate(self.participants_by_year):
            for participant in intake:
                placement = placed_until.get(participant.pk)
                if placement is None:
                    status = Participant.Status.AVAILABLE if year == last else Participant.Status.INACTIVE
                elif placement.status != Placement.Status.ENDED:
                    status = Participant.Status.PLACED
                elif placement.outcome_at_end in ("employment_service", "unknown") and placement.ended_on > recent:
                    status = Participant.Status.AVAILABLE
                else:
                    status = Participant.Status.INACTIVE
                if status != participant.status:
                    participant.status = status
                    changed.append(participant)
        Participant.objects.bulk_update(changed, ["status"], batch_size=BATCH_SIZE)

        for proposal in proposals:
            self.event("matching.proposal_prepared", proposal.prepared_by, proposal.created_at, proposal)
            self.view(proposal.participant, proposal.prepared_by, "matching", "proposal", proposal.created_at)
            if proposal.decided_by:
                action = "matching.proposal_accepted" if proposal.status == "accepted" else "matching.proposal_declined"
                self.event(action, proposal.decided_by, proposal.decided_at, proposal)
                self.view(proposal.participant, proposal.decided_by, "host_review", "proposal", proposal.decided_at)
        for placement in self.placements:
            if placement.started_at:
                self.event("followup.placement_started", placement.responsible, placement.started_at, placement)
            if placement.ended_on:
                when = _aware(placement.ended_on, 15)
                self.event(
                    "followup.placement_ended", placement.responsible, when, placement, reason=placement.end_reason
                )

    def check_ins(self) -> None:
        """The schedule (followup.services.create_schedule) plus a monthly check-in in between, held when due."""
        rng, as_of, rows = self.rng, self.as_of, []
        for placement in self.placements:
            if placement.status == Placement.Status.PLANNED:
                continue
            steps = self.shared.steps_by_type.get(placement.position.position_type_id, self.shared.default_steps)
            end = placement.ended_on or placement.planned_end_on
            planned: list[tuple[CheckInStep | None, str, int, int, datetime.date]] = []
            for step in steps:
                base = placement.starts_on if step.anchor == CheckInStep.Anchor.START else end
                due = base + relativedelta(months=step.months, days=step.days)
                planned.append((step, step.anchor, step.months, step.days, due))
            months_by_schedule = {step.months for step in steps if step.anchor == CheckInStep.Anchor.START}
            for month in range(2, placement.position.duration_months):
                if month not in months_by_schedule:
                    due = placement.starts_on + relativedelta(months=month)
                    planned.append((None, "", 0, 0, due))
            for step, anchor, months, days, due in planned:
                if step is not None and anchor == CheckInStep.Anchor.START and due >= placement.planned_end_on:
                    continue  # as create_schedule does: the end check-in covers it
                check_in = CheckIn(
                    placement=placement,
                    step=step,
                    name=step.name_sv if step else "Extra uppföljning",
                    anchor=anchor,
                    offset_months=months,
                    offset_days=days,
                    due_on=due,
                    assigned_to=placement.responsible,
                    created_at=placement.started_at or _aware(placement.starts_on),
                )
                if placement.ended_on and anchor != CheckInStep.Anchor.END and due >= placement.ended_on:
                    check_in.cancelled_at = _aware(placement.ended_on, 15)
                # Held when due; a few of the last two months' are still overdue, as in real life (older ones
                # were held or closed long ago: nobody has a decade of forgotten check-ins).
                elif due < as_of and (due < as_of - datetime.timedelta(days=60) or rng.random() < 0.9):
                    held = min(as_of, due + datetime.timedelta(days=rng.randrange(0, 5)))
                    check_in.done_on = held
                    check_in.channel = rng.choice(CheckIn.Channel.values)
                    check_in.with_whom = rng.choice(CheckIn.WithWhom.values)
                    check_in.status = (
                        CheckIn.Status.ENDED
                        if anchor == CheckInStep.Anchor.END
                        else rng.choices(CheckIn.Status.values[:3], weights=[75, 18, 7])[0]
                    )
                    check_in.notes = "Syntetisk anteckning: praktiska frågor." if rng.random() < 0.3 else ""
                    check_in.recorded_by = placement.responsible
                    check_in.recorded_at = _aware(held, 16)
                rows.append(check_in)
        self.check_in_rows = self.count("check-ins", _bulk(CheckIn, rows))
        actions = []
        for check_in in self.check_in_rows:
            if check_in.done_on:
                self.event("followup.check_in_recorded", check_in.recorded_by, check_in.recorded_at, check_in.placement)
                self.view(
                    check_in.placement.participant, check_in.recorded_by, "follow_up", "check_in", check_in.recorded_at
                )
                if check_in.status in (CheckIn.Status.NEEDS_SUPPORT, CheckIn.Status.AT_RISK):
                    due = check_in.done_on + datetime.timedelta(days=14)
                    actions.append(
                        Action(
                            check_in=check_in,
                            text="Syntetisk åtgärd: boka uppföljande samtal.",
                            owner=rng.choice(Action.Owner.values),
                            due_on=due,
                            done_on=due if due < as_of else None,
                        )
                    )
        self.count("actions", _bulk(Action, actions))

    def situations(self) -> None:
        rng, as_of = self.rng, self.as_of
        situations = []
        for placement in self.placements:
            if placement.status == Placement.Status.PLANNED or rng.random() > 0.12:
                continue
            end = min(placement.ended_on or as_of, as_of)
            span = max(1, (end - placement.starts_on).days)
            occurred = placement.starts_on + datetime.timedelta(days=rng.randrange(span))
            reported = self.moment(occurred)
            due = reported + datetime.timedelta(days=2)
            situation = Situation(
                placement=placement,
                category=rng.choice(SituationCategory.values),
                severity=rng.choices(Situation.Severity.values, weights=[50, 40, 10])[0],
                occurred_on=occurred,
                description="Syntetisk situation: praktiska frågor om arbetet.",
                reporter=rng.choice(Situation.Reporter.values),
                reported_by=rng.choice([placement.responsible, self.contacts[placement.position.contract.supplier_id]]),
                reported_at=reported,
                response_due_at=due,
            )
            if occurred < as_of - datetime.timedelta(days=3):
                situation.first_response_at = reported + datetime.timedelta(hours=rng.randrange(2, 60))
                if occurred < as_of - datetime.timedelta(days=30):
                    situation.resolved_at = situation.first_response_at + datetime.timedelta(days=rng.randrange(1, 20))
                    situation.resolution = "Syntetisk lösning: löst i samtal."
            situations.append(situation)
        situations = self.count("situations", _bulk(Situation, situations))
        history = []
        for situation in situations:
            responsible = situation.placement.responsible
            history.append(
                SituationEvent(situation=situation, kind="reported", by=situation.reported_by, at=situation.reported_at)
            )
            self.event("followup.situation_reported", situation.reported_by, situation.reported_at, situation)
            if situation.first_response_at:
                history.append(
                    SituationEvent(
                        situation=situation,
                        kind="responded",
                        text="Vi tar kontakt.",
                        by=responsible,
                        at=situation.first_response_at,
                    )
                )
                self.event("followup.situation_responded", responsible, situation.first_response_at, situation)
            if situation.resolved_at:
                history.append(
                    SituationEvent(
                        situation=situation,
                        kind="resolved",
                        text=situation.resolution,
                        by=responsible,
                        at=situation.resolved_at,
                    )
                )
                self.event("followup.situation_resolved", responsible, situation.resolved_at, situation)
        self.count("situation events", _bulk(SituationEvent, history))

    def training(self) -> None:
        rng, as_of = self.rng, self.as_of
        organiser = self.matchers[0]
        course = Course.objects.create(
            organisation=self.municipality,
            title="Handledarutbildning (syntetisk)",
            description="Två dagar om att ta emot och handleda en person på en arbetsplats.",
            created_at=_aware(self.periods[0]),
        )
        sessions = []
        for year in range(self.years):
            start = self.periods[year]
            how_many = self.scaled("training_sessions")
            spacing = max(1, 365 // how_many)
            for number in range(how_many):
                starts_at = _aware(start + datetime.timedelta(days=10 + spacing * number), 9)
                session = Session(
                    course=course,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(hours=7),
                    location="Rådhuset, sal 2 (syntetisk)",
                    capacity=SESSION_SEATS,
                    deadline_days_before=7,
                    created_at=starts_at - datetime.timedelta(days=60),
                )
                session.registration_deadline = session.compute_deadline()  # what Session.save() would set
                past = session.registration_deadline.date() < as_of
                session.status = Session.Status.CLOSED if past else Session.Status.OPEN
                sessions.append(session)
        # Two sessions ahead, open for registration, half full.
        for weeks in (3, 7):
            starts_at = _aware(as_of + datetime.timedelta(weeks=weeks), 9)
            session = Session(
                course=course,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=7),
                location="Rådhuset, sal 2 (syntetisk)",
                capacity=SESSION_SEATS,
                deadline_days_before=7,
                status=Session.Status.OPEN,
                created_at=_aware(as_of - datetime.timedelta(days=30)),
            )
            session.registration_deadline = session.compute_deadline()
            sessions.append(session)
        sessions = self.count("training sessions", _bulk(Session, sessions))
        contracted = sorted({c.supplier_id for c in self.contracts})
        by_pk = {s.pk: s for s in self.suppliers}
        registrations = []
        for session in sessions:
            future = session.starts_at.date() > as_of
            for seat in range(SESSION_SEATS // 2 if future else SESSION_SEATS):
                company = (
                    by_pk[rng.choice(contracted)] if contracted and rng.random() < 0.8 else rng.choice(self.suppliers)
                )
                registered = session.starts_at - datetime.timedelta(days=rng.randrange(8, 40))
                registrations.append(
                    Registration(
                        session=session,
                        name=f"{rng.choice(FIRST_NAMES)} Handledare{session.pk}-{seat}",
                        email=f"handledare{session.pk}-{seat}@{EMAIL_DOMAIN}",
                        organisation=company,
                        organisation_name=company.name,
                        role="Handledare",
                        status=Registration.Status.CONFIRMED,
                        consent_text=self.shared.consent,
                        consent_at=registered,
                        attended=None if future else rng.choices([True, False, None], weights=[85, 10, 5])[0],
                        created_at=registered,
                    )
                )
        self.count("training registrations", _bulk(Registration, registrations))
        for session in sessions:
            self.event("training.session_added", organiser, session.created_at, session)

    def audit_trail(self) -> None:
        """The events the work above left, thinned or topped up to 5 000 a year with sign-ins and reads of the
        kind services record, in time order (the trail is read newest first)."""
        rng = self.rng
        target = sum(self.scaled("audit_events") for _year in range(self.years))
        events = self.events
        if len(events) > target:
            events = rng.sample(events, target)
        staff = [user for users in self.staff.values() for user in users]
        while len(events) < target:
            year = rng.randrange(self.years)
            actor = rng.choice(staff)
            action = rng.choice(
                ["participant.changed", "procurement.changed", "user.profile_updated", "requirement.decided"]
            )
            events.append(
                AuditEvent(
                    action=action,
                    actor=actor,
                    organisation_id=self.municipality.pk,
                    target_type=None,
                    target_id="",
                    data={},
                    created_at=self.moment(self.day_in(year)),
                )
            )
        events.sort(key=lambda event: event.created_at)
        self.count("audit events", _bulk(AuditEvent, events))

    def view_log(self) -> None:
        views = sorted(self.views, key=lambda view: view.viewed_at)
        self.count("participant views", _bulk(ParticipantView, views))

    def personas(self) -> Personas:
        most_contracts: dict[int, int] = {}
        for contract in self.contracts:
            most_contracts[contract.supplier_id] = most_contracts.get(contract.supplier_id, 0) + 1
        busiest = max(sorted(most_contracts), key=most_contracts.get) if most_contracts else self.suppliers[0].pk
        referrals: dict[int, int] = {}
        for intake in self.participants_by_year:
            for participant in intake:
                if participant.referred_by_id:
                    referrals[participant.referred_by_id] = referrals.get(participant.referred_by_id, 0) + 1
        return Personas(
            procurement_officer=self.officers[0],
            matching_officer=self.matchers[0],
            administrator=self.staff[Role.ADMINISTRATOR][0],
            data_protection_officer=self.staff[Role.DATA_PROTECTION_OFFICER][0],
            supplier_contact=self.contacts[busiest],
            employment_officer=self.employment_officers[0],
            funder=self.funder,
        )
