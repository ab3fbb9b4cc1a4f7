"""The demo's pilot history, so that the reports have something to say above the small-cell threshold.

The demo's current contracts are young (the renovation started weeks ago, the property care is a year in
and deliberately behind), so the history is two earlier pilot contracts of the same municipality that ran
over the last two years: a rebuilding of a pre-school with Storsjöbygg (ended) and the cleaning of the town
hall and library with Frösö Städ (ending now). On them, 30 invented people were placed, spread over
genders and age bands, and every placement has ended with its reason and outcome, most of them with the
outcome 90 days after and its evidence. Two past supervisor-training sessions add 11 attended registrations
for the two companies, whose supervisors are then trained on the positions they supervise.

Built through the services where they accept the past: procurements, requirements, tenders, award, contract,
positions, the supplier's quarterly reports, participants and training sessions. The placements and the
training registrations are historical records that the services rightly refuse to back-date (a placement
is made by a host accepting a proposal today; a registration for a past session is refused), so they are
written directly, with the fields the services would have set. The placements get no check-in schedule:
their follow-up is history, and it would otherwise stand as overdue in the officers' lists. The people are
marked as no longer looking, so the matching pool is the matching demo's.

All names are invented; addresses are under reserved example domains. Idempotent: skipped when the first
pilot's reference number already exists.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.text import slugify

from insteg.accounts.models import Organisation, User
from insteg.contracts import services as contracts
from insteg.contracts.models import Occupation, PositionType
from insteg.matching import services as matching
from insteg.matching.models import Participant, Placement
from insteg.privacy.models import ConsentPurpose, ConsentText
from insteg.procurement import services as procurement_services
from insteg.procurement.models import Criterion, Procurement
from insteg.reports.reference_data import load_reference_data
from insteg.training import services as training
from insteg.training.models import STOCKHOLM, Course, Registration

PRESCHOOL = {
    "reference": "KS 2024/0288",
    "title": "Ombyggnad av Körfältets förskola",
    "description": "Ombyggnad och tillbyggnad av förskolan Körfältet med nytt tillagningskök och sex avdelningar.",
    "contract_type": "works",
    "cpv_main": "45214100-1",
    "estimated_value_sek": 24_000_000,
    "duration_months": 14,
    "procedure": "below_threshold",
}
TOWN_HALL = {
    "reference": "KS 2024/0342",
    "title": "Lokalvård i Rådhuset och stadsbiblioteket",
    "description": "Daglig lokalvård, storstädning och fönsterputs i Rådhuset och stadsbiblioteket.",
    "contract_type": "services",
    "cpv_main": "90911200-8",
    "estimated_value_sek": 26_000_000,
    "duration_months": 24,
    "procedure": "open",
    "lots_not_divided_reason": "Lokalerna ligger i samma kvarter och sköts av en och samma arbetsledning.",
}
# Losing tenders from larger invented companies (not SMEs), so the SME table compares something.
COMPETITORS = {
    "preschool": ("Mittnorrland Entreprenad AB (demo)", "556901-2346"),
    "town_hall": ("Nordstäd Service AB (demo)", "556812-3458"),
}

# Supervisors at the two companies who took the training: (name, email, company key, attended), per session.
EARLY_SESSION = [
    ("Göran Demo-Wallin", "goran.wallin@storsjobygg.example", "bygg", True),
    ("Anneli Demo-Rask", "anneli.rask@frosostad.example", "stad", True),
    ("Mats Demo-Öberg", "mats.oberg@storsjobygg.example", "bygg", False),
]
LATER_SESSION = [
    ("Sven Demo-Lind", "sven.lind@storsjobygg.example", "bygg", True),
    ("Johanna Demo-Björk", "johanna.bjork@storsjobygg.example", "bygg", True),
    ("Kristoffer Demo-Ahl", "kristoffer.ahl@storsjobygg.example", "bygg", True),
    ("Ulla Demo-Persson", "ulla.persson@storsjobygg.example", "bygg", True),
    ("Nils Demo-Granlund", "nils.granlund@storsjobygg.example", "bygg", True),
    ("Eva Demo-Strömberg", "eva.stromberg@frosostad.example", "stad", True),
    ("Mirja Demo-Koskinen", "mirja.koskinen@frosostad.example", "stad", True),
    ("Faisal Demo-Omar", "faisal.omar@frosostad.example", "stad", True),
    ("Lotta Demo-Hägg", "lotta.hagg@frosostad.example", "stad", True),
]

# title, SSYK, hours a week, supervisor (name, email) -- the supervisors took the training above.
PRESCHOOL_POSITIONS = [
    ("Snickare, praktik", "7111", 32, EARLY_SESSION[0]),
    ("Målare, praktik", "7131", 32, LATER_SESSION[0]),
    ("Anläggningsarbetare, praktik", "7114", 32, EARLY_SESSION[0]),
    ("Golvläggare, praktik", "7122", 32, LATER_SESSION[0]),
]
TOWN_HALL_POSITIONS = [
    ("Lokalvårdare, Rådhuset", "9111", 40, EARLY_SESSION[1]),
    ("Lokalvårdare, stadsbiblioteket", "9111", 30, LATER_SESSION[5]),
    ("Lokalvårdare, kvällsstäd", "9111", 30, LATER_SESSION[5]),
    ("Fönsterputsare", "9111", 40, EARLY_SESSION[1]),
]


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    age: int
    gender: str
    target_group: str
    contract: str  # "preschool" or "town_hall"
    starts_after_days: int  # after the contract's start
    months_done: float | None  # None: the whole planned four months
    end_reason: str
    outcome: str
    evidence: str
    outcome_90: str
    evidence_90: str


P = Person
PEOPLE = [
    P("Ahmad", "Demo-Karimi", 22, "man", "young_people", "preschool", 10, None, "completed",
      "job_at_host", "employer_confirmed", "job_at_host", "register_verified"),
    P("Linnea", "Demo-Strand", 27, "woman", "long_term_unemployed", "preschool", 20, None, "completed",
      "subsidised_job", "register_verified", "subsidised_job", "register_verified"),
    P("Yonas", "Demo-Tesfaye", 34, "man", "newly_arrived", "preschool", 30, None, "completed",
      "other_job", "self_reported", "other_job", "register_verified"),
    P("Maja", "Demo-Eriksson", 19, "woman", "young_people", "preschool", 45, 2.5, "participant",
      "studies", "self_reported", "studies", "self_reported"),
    P("Tomas", "Demo-Lindberg", 52, "man", "long_term_unemployed", "preschool", 140, None, "completed",
      "job_at_host", "employer_confirmed", "job_at_host", "register_verified"),
    P("Hodan", "Demo-Warsame", 31, "woman", "newly_arrived", "preschool", 150, None, "completed",
      "employment_service", "register_verified", "other_job", "self_reported"),
    P("Kim", "Demo-Sjöberg", 26, "other", "young_people", "preschool", 160, 1.5, "employer",
      "employment_service", "register_verified", "employment_service", "register_verified"),
    P("Johan", "Demo-Wikström", 44, "man", "long_term_unemployed", "preschool", 175, None, "completed",
      "job_at_host", "employer_confirmed", "job_at_host", "employer_confirmed"),
    P("Samira", "Demo-Haddad", 38, "woman", "newly_arrived", "preschool", 260, None, "completed",
      "subsidised_job", "register_verified", "job_at_host", "register_verified"),
    P("Peter", "Demo-Olofsson", 57, "man", "reduced_work_capacity", "preschool", 270, 2, "health",
      "other", "self_reported", "unknown", ""),
    P("Elin", "Demo-Forsberg", 24, "woman", "young_people", "preschool", 280, None, "completed",
      "studies", "self_reported", "studies", "register_verified"),
    P("Abdi", "Demo-Nur", 29, "man", "newly_arrived", "preschool", 290, None, "completed",
      "other_job", "employer_confirmed", "other_job", "register_verified"),
    P("Robin", "Demo-Falk", 41, "", "long_term_unemployed", "preschool", 295, 3, "participant",
      "other_job", "employer_confirmed", "other_job", "self_reported"),
    P("Greta", "Demo-Holmqvist", 61, "woman", "long_term_unemployed", "preschool", 300, None, "completed",
      "employment_service", "register_verified", "employment_service", "register_verified"),
    P("Nadia", "Demo-Rahimi", 33, "woman", "newly_arrived", "town_hall", 10, None, "completed",
      "job_at_host", "employer_confirmed", "job_at_host", "register_verified"),
    P("Oskar", "Demo-Lundgren", 23, "man", "young_people", "town_hall", 25, 2, "participant",
      "other_job", "self_reported", "other_job", "register_verified"),
    P("Amina", "Demo-Hussein", 47, "woman", "long_term_unemployed", "town_hall", 40, None, "completed",
      "subsidised_job", "register_verified", "subsidised_job", "register_verified"),
    P("Lars-Erik", "Demo-Norén", 58, "man", "reduced_work_capacity", "town_hall", 60, None, "completed",
      "job_at_host", "employer_confirmed", "job_at_host", "register_verified"),
    P("Ida", "Demo-Blom", 28, "woman", "young_people", "town_hall", 190, None, "completed",
      "employment_service", "register_verified", "studies", "self_reported"),
    P("Mohammed", "Demo-Saleh", 36, "man", "newly_arrived", "town_hall", 200, 1, "employer",
      "employment_service", "register_verified", "employment_service", "register_verified"),
    P("Charlie", "Demo-Dahl", 20, "other", "young_people", "town_hall", 215, None, "completed",
      "studies", "self_reported", "studies", "register_verified"),
    P("Birgitta", "Demo-Sandberg", 55, "woman", "long_term_unemployed", "town_hall", 230, None, "completed",
      "job_at_host", "employer_confirmed", "job_at_host", "register_verified"),
    P("Daniel", "Demo-Åberg", 42, "man", "reduced_work_capacity", "town_hall", 380, 2.5, "health",
      "unknown", "", "unknown", ""),
    P("Leila", "Demo-Moradi", 30, "woman", "newly_arrived", "town_hall", 390, None, "completed",
      "job_at_host", "employer_confirmed", "job_at_host", "register_verified"),
    P("Viktor", "Demo-Hedlund", 26, "man", "long_term_unemployed", "town_hall", 400, None, "completed",
      "subsidised_job", "register_verified", "subsidised_job", "register_verified"),
    P("Fredrika", "Demo-Nordin", 49, "woman", "long_term_unemployed", "town_hall", 420, 2, "other",
      "employment_service", "register_verified", "other_job", "self_reported"),
    P("Hassan", "Demo-Jama", 35, "man", "newly_arrived", "town_hall", 440, None, "completed",
      "other_job", "employer_confirmed", "other_job", "register_verified"),
    P("Sanna", "Demo-Eklund", 25, "woman", "young_people", "town_hall", 460, None, "completed",
      "job_at_host", "employer_confirmed", "job_at_host", "register_verified"),
    P("Alex", "Demo-Berglund", 39, "", "long_term_unemployed", "town_hall", 480, 2, "other",
      "employment_service", "register_verified", "employment_service", "register_verified"),
    P("Erik", "Demo-Mattsson", 51, "man", "long_term_unemployed", "town_hall", 500, None, "completed",
      "subsidised_job", "register_verified", "subsidised_job", "register_verified"),
]  # fmt: skip
PLANNED_MONTHS = 4
FULL_TIME_HOURS = 40


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)


def seed(made: dict) -> dict:
    load_reference_data()  # the impact parameters, if a flushed database lost the migration's rows
    municipality = made["organisations"]["ostersund"]
    if Procurement.objects.filter(organisation=municipality, reference=PRESCHOOL["reference"]).exists():
        return {}
    officer = User.objects.get(username="upphandlare")
    matcher = User.objects.get(username="matchare")
    companies = {"bygg": made["organisations"]["bygg"], "stad": made["organisations"]["stad"]}
    _training_history(municipality, matcher, companies)
    preschool = _preschool(municipality, officer, companies["bygg"])
    town_hall = _town_hall(municipality, officer, companies["stad"])
    pilots = {"preschool": preschool, "town_hall": town_hall}
    placements = _placements(municipality, pilots, matcher)
    for key, contract in pilots.items():
        supplier = User.objects.get(username="leverantor" if key == "preschool" else "leverantor2")
        _quarterly_reports(contract, supplier, [p for p in placements if p.position.contract_id == contract.pk])
        for position in contract.positions.all():
            contracts.save_position(contract, user=supplier, position=position, data={"status": "filled"})
    procurement_services.change_status(preschool.procurement, user=officer, status=Procurement.Status.COMPLETED)
    _still_running(placements, town_hall)
    return {"pilot_history": {"contracts": pilots, "placements": placements}}


RUNNING = 5  # at least the suppression threshold, so "still running" and the completion rate show to the funder


def _still_running(placements: list[Placement], contract) -> None:
    """The town-hall pilot's last people are still in their placements (started in the last months)."""
    today = timezone.localdate()
    latest = sorted((p for p in placements if p.position.contract_id == contract.pk), key=lambda p: p.starts_on)
    for number, placement in enumerate(latest[-RUNNING:]):
        starts = today - datetime.timedelta(days=20 + 15 * number)
        Placement.objects.filter(pk=placement.pk).update(
            status=Placement.Status.ACTIVE, starts_on=starts,
            planned_end_on=starts + relativedelta(months=PLANNED_MONTHS) - datetime.timedelta(days=1),
            ended_on=None, end_reason="", outcome_at_end="", outcome_at_end_evidence="", outcome_90="",
            outcome_90_evidence="", outcome_90_recorded_at=None,
        )  # fmt: skip
        Participant.objects.filter(pk=placement.participant_id).update(status=Participant.Status.PLACED)


# --- Training ---------------------------------------------------------------------------------------------------------


def _training_history(municipality, matcher, companies) -> None:
    """Two past sessions with attendance: the supervisors of the pilot positions among those who came."""
    course = Course.objects.filter(organisation=municipality).order_by("pk").first()
    if course is None:
        course = training.save_course(
            user=matcher,
            organisation=municipality,
            data={"title": "Handledarutbildning", "description": "För handledare på företag med sociala krav."},
        )
    consent = ConsentText.objects.current(ConsentPurpose.TRAINING_REGISTRATION)
    for days_ago, people in ((560, EARLY_SESSION), (230, LATER_SESSION)):
        day = _tuesday_before(_days(-days_ago))
        session = training.create_session(
            user=matcher,
            course=course,
            data={
                "starts_at": _at(day, 8),
                "ends_at": _at(day, 16),
                "location": "Rådhuset, Rådhusgatan 44, Östersund (sal Storsjön)",
                "capacity": 16,
                "deadline_days_before": 8,
                "waitlist_enabled": True,
            },
        )
        attendance = {}
        for number, (name, email, company, attended) in enumerate(people):
            registered = _at(day - datetime.timedelta(days=25 - number), 10)
            registration = Registration.objects.create(
                session=session,
                name=name,
                email=email,
                organisation=companies[company],
                organisation_name=companies[company].name,
                role="Handledare",
                status=Registration.Status.CONFIRMED,
                consent_text=consent,
                consent_at=registered,
                created_at=registered,
            )
            attendance[registration.pk] = attended
        training.mark_attendance(session, user=matcher, attended=attendance)


def _tuesday_before(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=(day.weekday() - 1) % 7)


# --- Procurements and contracts ---------------------------------------------------------------------------------------


def _procurement(municipality, officer, data, *, notice_days_ago, criterion, decision) -> Procurement:
    procurement = procurement_services.create_procurement(
        user=officer,
        organisation=municipality,
        data={**data, "notice_sent": _days(-notice_days_ago), "tender_deadline": _days(-notice_days_ago + 40)},
    )
    requirement = procurement_services.add_requirement(
        procurement, user=officer, criterion=Criterion.objects.get(code=criterion)
    )
    procurement_services.decide_requirement(requirement, user=officer, data=decision)
    return procurement_services.publish(procurement, user=officer)


def _competitor(key: str) -> Organisation:
    name, org_number = COMPETITORS[key]
    organisation, _created = Organisation.objects.get_or_create(
        org_number=org_number, defaults={"name": name, "kind": Organisation.Kind.SUPPLIER, "is_sme": False}
    )
    return organisation


def _award_and_sign(procurement, officer, winner, loser, *, awarded_days_ago, value_sek, months):
    tender = contracts.record_tender(procurement, user=officer, organisation=winner, price_sek=value_sek)
    contracts.record_tender(procurement, user=officer, organisation=loser, price_sek=round(value_sek * 1.12))
    decided = _days(-awarded_days_ago)
    decision = contracts.award(procurement, user=officer, tender=tender, decided_on=decided, notice_sent_on=decided)
    earliest = contracts.standstill(decision).earliest_contract_signing
    starts = earliest + datetime.timedelta(days=14)
    return contracts.sign_contract(
        decision,
        user=officer,
        value_sek=value_sek,
        signed_on=earliest,
        starts_on=starts,
        ends_on=starts + relativedelta(months=months) - datetime.timedelta(days=1),
    )


def _positions(contract, supplier_user, position_type: str, rows) -> list:
    kind = PositionType.objects.get(code=position_type)
    return [
        contracts.save_position(
            contract,
            user=supplier_user,
            data={
                "position_type": kind,
                "occupation": Occupation.objects.get(code=code),
                "title": title,
                "workplace_municipality": "Östersund",
                "hours_per_week": hours,
                "start_from": contract.starts_on,
                "start_until": contract.ends_on - relativedelta(months=PLANNED_MONTHS),
                "duration_months": PLANNED_MONTHS,
                "swedish_level": "basic",
                "supervisor_name": supervisor[0],
                "supervisor_email": supervisor[1],
            },
        )
        for title, code, hours, supervisor in rows
    ]


def _preschool(municipality, officer, builder_company):
    """Ended: 14 months of rebuilding, eight interns promised, fourteen taken."""
    procurement = _procurement(
        municipality,
        officer,
        PRESCHOOL,
        notice_days_ago=780,
        criterion="employment-internships",
        decision={
            "slots_decided": 8,
            "months_fulltime": 24,
            "target_groups": ["long_term_unemployed", "young_people", "newly_arrived"],
            "alternatives": ["c"],
            "reporting_frequency": "quarterly",
            "rationale": "Åtta praktikplatser om fyra månader ryms i en ombyggnad på fjorton månader med flera yrken.",
        },
    )
    contract = _award_and_sign(
        procurement, officer, builder_company, _competitor("preschool"),
        awarded_days_ago=720, value_sek=23_400_000, months=14,
    )  # fmt: skip
    _positions(contract, User.objects.get(username="leverantor"), "arbetspraktik", PRESCHOOL_POSITIONS)
    return contract


def _town_hall(municipality, officer, cleaning_company):
    """Ending now: two years of cleaning, 40 months of work promised, sixteen people taken."""
    procurement = _procurement(
        municipality,
        officer,
        TOWN_HALL,
        notice_days_ago=760,
        criterion="employment-numeric",
        decision={
            "slots_decided": 4,
            "months_fulltime": 40,
            "target_groups": ["long_term_unemployed", "newly_arrived", "reduced_work_capacity"],
            "alternatives": ["a"],
            "reporting_frequency": "quarterly",
            "rationale": (
                "Lokalvård är arbetsintensiv med många instegsjobb; fyra platser och 40 månader på två år är rimligt."
            ),
        },
    )
    contract = _award_and_sign(
        procurement, officer, cleaning_company, _competitor("town_hall"),
        awarded_days_ago=700, value_sek=25_100_000, months=24,
    )  # fmt: skip
    _positions(contract, User.objects.get(username="leverantor2"), "nystartsjobb", TOWN_HALL_POSITIONS)
    return contract


# --- People and placements --------------------------------------------------------------------------------------------


def _participant(person: Person, municipality, referrer, position, starts: datetime.date) -> Participant:
    today = timezone.localdate()
    address = slugify(f"{person.first}.{person.last}".replace("Demo-", "")).replace("-", ".")
    return matching.save_participant(
        referrer,
        municipality=municipality,
        data={
            "first_name": person.first,
            "last_name": person.last,
            "email": f"{address}@historik.deltagare.example",
            "birth_year": today.year - person.age,
            "gender": person.gender,
            "target_group": person.target_group,
            "programme": position.position_type,
            "occupations": [position.occupation],
            "swedish_level": "basic" if person.target_group == "newly_arrived" else "everyday",
            "home_municipality": "Östersund",
            "available_from": starts - datetime.timedelta(days=14),
            "waiting_since": starts - datetime.timedelta(days=400),
            "informed_on": starts - datetime.timedelta(days=21),
        },
    )


def _placements(municipality, pilots: dict, matcher) -> list[Placement]:
    """One placement per person, on the pilot's positions in turn; ended, with outcomes as far as known today."""
    referrer = User.objects.get(username="af")
    today = timezone.localdate()
    free_from = {position: contract.starts_on for contract in pilots.values() for position in contract.positions.all()}
    placements = []
    for person in PEOPLE:
        contract = pilots[person.contract]
        starts = contract.starts_on + datetime.timedelta(days=person.starts_after_days)
        planned_end = starts + relativedelta(months=PLANNED_MONTHS) - datetime.timedelta(days=1)
        ended = planned_end
        if person.months_done is not None:
            ended = starts + datetime.timedelta(days=round(person.months_done * 30.4))
        # The position that has been free longest (no two people on one position at a time, where it can be helped).
        position = min((p for p in free_from if p.contract_id == contract.pk), key=lambda p: (free_from[p], p.pk))
        free_from[position] = max(free_from[position], ended + datetime.timedelta(days=1))
        participant = _participant(person, municipality, referrer, position, starts)
        known_90 = ended + datetime.timedelta(days=90) <= today
        placements.append(
            Placement.objects.create(
                participant=participant,
                position=position,
                starts_on=starts,
                planned_end_on=planned_end,
                supervisor_name=position.supervisor_name,
                status=Placement.Status.ENDED,
                responsible=matcher,
                started_at=_at(starts, 8),
                ended_on=ended,
                end_reason=person.end_reason,
                outcome_at_end=person.outcome,
                outcome_at_end_evidence=person.evidence,
                outcome_90=person.outcome_90 if known_90 else "",
                outcome_90_evidence=person.evidence_90 if known_90 else "",
                outcome_90_recorded_at=_at(ended + datetime.timedelta(days=95), 10) if known_90 else None,
            )
        )
    Participant.objects.filter(pk__in=[p.participant_id for p in placements]).update(status=Participant.Status.INACTIVE)
    return placements


def _quarterly_reports(contract, supplier, placements: list[Placement]) -> None:
    """The supplier's reports for every ended quarter, from the placements it hosted."""
    today = timezone.localdate()
    positions = contract.positions.count()
    for start, end in contracts.periods(contract, today):
        if end >= today:
            continue
        started = [p for p in placements if start <= p.starts_on <= end]
        months = sum((_months_within(p, start, end) for p in placements), Decimal(0))
        contracts.submit_report(
            contract,
            user=supplier,
            data={
                "period_start": start,
                "places_offered": max(positions, len(started)),
                "people_started": len(started),
                "months_completed": months.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
                "confirms_terms": True,
                "confirms_supervision": True,
            },
        )


def _months_within(placement: Placement, start: datetime.date, end: datetime.date) -> Decimal:
    """Full-time months of the placement that fall in the period (days / 30.4, scaled by hours over 40)."""
    first, last = max(placement.starts_on, start), min(placement.ended_on, end)
    if last < first:
        return Decimal(0)
    days = Decimal((last - first).days + 1)
    return days / Decimal("30.4") * placement.position.hours_per_week / FULL_TIME_HOURS
