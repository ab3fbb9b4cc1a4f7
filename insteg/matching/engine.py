"""Matching: which available people fit which open positions, how well, and why — explained in words.

Hard constraints are never traded against the score: availability, the position being open, hours, driving
licence, Swedish, travel distance (distances.py), the position type the person's programme allows, and not
already proposed or placed for the position. Among feasible pairs a score of 0–100 says how well they fit:
occupation (SSYK prefix at level 4/3/2/1, up to 60), time spent looking for work (up to 25) and how soon
after the position's first start day the person can start (up to 15). Gender, birth year and age band,
languages other than Swedish, target group and adaptations are never read here: they must not change who is
proposed (a test changes them and sees the same ranking).

`optimal` assigns people to positions across a municipality: the score matrix is built with NumPy from a
constant number of queries, and scipy's `linear_sum_assignment` maximises the total score.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from scipy.optimize import linear_sum_assignment

from insteg.contracts.models import Contract, Occupation, Position
from insteg.matching import distances
from insteg.matching.models import Participant, Placement, Proposal

OCCUPATION_POINTS = (0, 15, 30, 45, 60)  # by the SSYK level shared: none, 1 (major group) … 4 (same occupation)
WAITING_POINTS_MAX = 25  # one point per full month of looking for work, at most 25
START_POINTS_MAX = 15  # one point less per full week the person starts after the position's first start day
SWEDISH_RANK = {level: rank for rank, level in enumerate(Position.SwedishLevel.values)}  # none < basic < …
# Proposals that stop the same pair being proposed again: anything but a withdrawn one.
LIVE_PROPOSALS = [s for s in Proposal.Status.values if s != Proposal.Status.WITHDRAWN]
PENDING_PROPOSALS = [Proposal.Status.DRAFT, Proposal.Status.PROPOSED]


@dataclass(frozen=True)
class Part:
    """One explained component of a score."""

    code: str
    points: int
    text: str


@dataclass(frozen=True)
class Fit:
    feasible: bool
    score: int
    parts: tuple[Part, ...]
    reasons_not_feasible: list[str]

    def as_list(self) -> list[dict]:
        return [{"code": part.code, "points": part.points, "text": part.text} for part in self.parts]


# --- The rules for one pair ---------------------------------------------------------------------------------


def shared_ssyk_level(a: str, b: str) -> int:
    """How many leading digits two 4-digit SSYK codes share: 4 the same occupation … 0 different major groups."""
    level = 0
    for digit_a, digit_b in zip(a, b, strict=False):
        if digit_a != digit_b:
            break
        level += 1
    return level


def months_waiting(waiting_since: datetime.date | None, today: datetime.date) -> int:
    if waiting_since is None:
        return 0
    months = (today.year - waiting_since.year) * 12 + today.month - waiting_since.month
    return max(0, months - (today.day < waiting_since.day))


def waiting_points(participant: Participant, today: datetime.date) -> int:
    return min(WAITING_POINTS_MAX, months_waiting(participant.waiting_since, today))


def start_delay_days(participant: Participant, position: Position) -> int:
    return max(0, (participant.available_from - position.start_from).days)


def start_points(delay_days: int) -> int:
    return max(0, START_POINTS_MAX - delay_days // 7)


def _level_name(level: int) -> str:
    return {
        4: _("the same occupation"),
        3: _("the same SSYK minor group"),
        2: _("the same SSYK sub-major group"),
        1: _("the same SSYK major group"),
    }[level]


def _occupation_part(codes: list[str], position: Position) -> Part:
    target = position.occupation_id
    if not codes:
        return Part("occupation", 0, _("No occupations of interest are recorded, so occupation gives no points."))
    level, code = max((shared_ssyk_level(code, target), code) for code in sorted(codes))
    points = OCCUPATION_POINTS[level]
    if level == 0:
        text = _(
            "None of the occupations the person is interested in is in the same SSYK major group as the "
            "position (%(target)s): 0 of %(max)d points."
        ) % {"target": target, "max": OCCUPATION_POINTS[4]}
    else:
        text = _(
            "The person is interested in SSYK %(code)s, %(level)s as the position (%(target)s, SSYK level "
            "%(depth)d): %(points)d of %(max)d points."
        ) % {
            "code": code,
            "level": _level_name(level),
            "target": target,
            "depth": level,
            "points": points,
            "max": OCCUPATION_POINTS[4],
        }
    return Part("occupation", points, text)


def _waiting_part(participant: Participant, today: datetime.date) -> Part:
    if participant.waiting_since is None:
        return Part("waiting", 0, _("No date for when the person started looking for work: no points for waiting."))
    months = months_waiting(participant.waiting_since, today)
    points = waiting_points(participant, today)
    text = _(
        "Looking for work for %(months)d months: %(points)d of %(max)d points (one point a month, at most %(max)d)."
    ) % {"months": months, "points": points, "max": WAITING_POINTS_MAX}
    return Part("waiting", points, text)


def _start_part(participant: Participant, position: Position) -> Part:
    delay = start_delay_days(participant, position)
    points = start_points(delay)
    start = max(participant.available_from, position.start_from)
    if delay == 0:
        text = _("Can start on the position's first start day, %(start)s: %(points)d of %(max)d points.") % {
            "start": start.isoformat(),
            "points": points,
            "max": START_POINTS_MAX,
        }
    else:
        text = _(
            "Can start on %(start)s, %(days)d days after the position's first start day (one point less per "
            "week): %(points)d of %(max)d points."
        ) % {"start": start.isoformat(), "days": delay, "points": points, "max": START_POINTS_MAX}
    return Part("start", points, text)


def _travel_part(participant: Participant, position: Position, km: float | None) -> Part:
    home, workplace = participant.home_municipality, position.workplace_municipality
    if km == 0 and not distances.is_known(workplace):
        text = _(
            "Lives in the workplace's municipality (%(place)s). It is not in our distance table, so the distance "
            "counts as 0 km."
        ) % {"place": workplace}
    elif km == 0:
        text = _("Lives in the workplace's municipality (%(place)s): 0 km.") % {"place": workplace}
    elif km is None:
        text = _("The distance between %(home)s and %(workplace)s is not known.") % {
            "home": home,
            "workplace": workplace,
        }
    else:
        text = _(
            "The workplace in %(workplace)s is about %(km)s km from %(home)s as the crow flies; the person can "
            "travel %(max)d km. Travel gives no points."
        ) % {"workplace": workplace, "km": f"{km:.0f}", "home": home, "max": participant.max_travel_km}
    return Part("travel", 0, text)


def _reasons_not_feasible(participant, position, km, taken: bool) -> list[str]:
    reasons = []
    if participant.erased_at is not None or participant.status != Participant.Status.AVAILABLE:
        reasons.append(_("The person is not available for a new placement."))
    elif participant.restricted_at is not None:
        reasons.append(_("Processing of the person's data is restricted (GDPR art. 18): no matching."))
    elif participant.available_from > position.start_until:
        reasons.append(
            _("The person can start on %(available)s, after the position's last start day %(until)s.")
            % {"available": participant.available_from.isoformat(), "until": position.start_until.isoformat()}
        )
    if position.status != Position.Status.OPEN:
        reasons.append(_("The position is not open."))
    if not participant.hours_min <= position.hours_per_week <= participant.hours_max:
        reasons.append(
            _("The position has %(hours)d hours a week; the person can work %(low)d–%(high)d.")
            % {"hours": position.hours_per_week, "low": participant.hours_min, "high": participant.hours_max}
        )
    if position.driving_licence and not participant.driving_licence:
        reasons.append(_("The position needs a driving licence, which the person does not have."))
    if SWEDISH_RANK[participant.swedish_level] < SWEDISH_RANK[position.swedish_level]:
        reasons.append(
            _("The position needs: %(needed)s. The person has: %(has)s.")
            % {"needed": position.get_swedish_level_display(), "has": participant.get_swedish_level_display()}
        )
    if km is None:
        reasons.append(
            _("The distance between %(home)s and %(workplace)s is not known, so travel cannot be checked.")
            % {"home": participant.home_municipality, "workplace": position.workplace_municipality}
        )
    elif km > participant.max_travel_km:
        reasons.append(
            _("The workplace is about %(km)s km away; the person can travel at most %(max)d km.")
            % {"km": f"{km:.0f}", "max": participant.max_travel_km}
        )
    if participant.programme_id is not None and participant.programme_id != position.position_type_id:
        reasons.append(
            _("The position is of the type %(type)s; the person's programme is %(programme)s.")
            % {"type": position.position_type.name, "programme": participant.programme.name}
        )
    if taken:
        reasons.append(_("The person is already proposed or placed for this position."))
    return reasons


def _assess(participant, position, *, codes: list[str], taken: bool, today: datetime.date) -> Fit:
    km = distances.km_between(participant.home_municipality, position.workplace_municipality)
    reasons = _reasons_not_feasible(participant, position, km, taken)
    parts = (
        _occupation_part(codes, position),
        _waiting_part(participant, today),
        _start_part(participant, position),
        _travel_part(participant, position, km),
    )
    feasible = not reasons
    return Fit(feasible, sum(part.points for part in parts) if feasible else 0, parts, reasons)


# --- Loading ---------------------------------------------------------------------------------------------


def available_participants() -> QuerySet:
    return Participant.objects.matchable()


def open_positions() -> QuerySet:
    return Position.objects.filter(status=Position.Status.OPEN)


def _position_municipality_id(position: Position):
    return Contract.objects.filter(pk=position.contract_id).values("procurement__organisation")[:1]


def _codes(participant: Participant) -> list[str]:
    """The occupation codes of interest; uses a prefetch when there is one."""
    return [occupation.code for occupation in participant.occupations.all()]


def _with_codes(participants) -> list[Participant]:
    if isinstance(participants, QuerySet):
        occupations = Prefetch("occupations", queryset=Occupation.objects.only("code"))
        return list(participants.select_related("programme").prefetch_related(occupations))
    participants = list(participants)
    prefetch_related_objects(participants, "occupations")
    return participants


def _ranked(pairs: list[tuple], key) -> list[tuple]:
    return sorted(((item, fit) for item, fit in pairs if fit.feasible), key=key)


def explain(participant: Participant, position: Position, today: datetime.date | None = None) -> Fit:
    """Whether the person may be proposed for the position, the score and every part of it explained."""
    taken = (
        participant.proposals.filter(position=position, status__in=LIVE_PROPOSALS).exists()
        or participant.placements.filter(position=position).exists()
    )
    return _assess(participant, position, codes=_codes(participant), taken=taken, today=today or timezone.localdate())


def candidates_for(position: Position, participants=None, today: datetime.date | None = None) -> list:
    """Feasible people for a position, best first: [(participant, fit)]."""
    today = today or timezone.localdate()
    if participants is None:
        participants = available_participants().filter(municipality_id=_position_municipality_id(position))
    people = _with_codes(participants)
    taken = set(
        Proposal.objects.filter(position=position, status__in=LIVE_PROPOSALS)
        .order_by()
        .values_list("participant_id", flat=True)
        .union(Placement.objects.filter(position=position).order_by().values_list("participant_id", flat=True))
    )
    pairs = [
        (person, _assess(person, position, codes=_codes(person), taken=person.pk in taken, today=today))
        for person in people
    ]
    return _ranked(pairs, key=lambda pair: (-pair[1].score, pair[0].available_from, pair[0].pk))


def positions_for(participant: Participant, positions=None, today: datetime.date | None = None) -> list:
    """Feasible positions for a person, best first: [(position, fit)]."""
    today = today or timezone.localdate()
    if positions is None:
        positions = open_positions().filter(contract__procurement__organisation_id=participant.municipality_id)
    if isinstance(positions, QuerySet):
        positions = positions.select_related("position_type", "occupation", "contract__supplier")
    taken = set(
        Proposal.objects.filter(participant=participant, status__in=LIVE_PROPOSALS)
        .order_by()
        .values_list("position_id", flat=True)
        .union(Placement.objects.filter(participant=participant).order_by().values_list("position_id", flat=True))
    )
    codes = _codes(participant)
    pairs = [
        (position, _assess(participant, position, codes=codes, taken=position.pk in taken, today=today))
        for position in positions
    ]
    return _ranked(pairs, key=lambda pair: (-pair[1].score, pair[0].start_from, pair[0].pk))


# --- The whole municipality at once ------------------------------------------------------------------------


def _ssyk_int(code: str) -> int:
    return int(code)


def _occupation_levels(people, codes_by_pk: dict[int, list[str]], position_codes: np.ndarray) -> np.ndarray:
    """Best SSYK level shared between each person's codes and each position's code (people × positions).

    Integer division by 1000/100/10/1 keeps the first 1/2/3/4 digits; nested prefixes make the number of
    equal quotients the shared level."""
    owners, codes = [], []
    for row, person in enumerate(people):
        for code in codes_by_pk.get(person.pk, ()):
            owners.append(row)
            codes.append(_ssyk_int(code))
    if not codes:
        return np.zeros((len(people), len(position_codes)), dtype=np.int8)
    # Positions share few distinct occupations: compare against those, then spread back.
    unique_targets, target_index = np.unique(position_codes, return_inverse=True)
    person_codes = np.asarray(codes, dtype=np.int32)[:, None]
    shared = np.zeros((len(codes), len(unique_targets)), dtype=np.int8)
    for divisor in (1000, 100, 10, 1):
        shared += (person_codes // divisor) == (unique_targets[None, :] // divisor)
    # Codes are listed person by person, so each person's rows are one run: reduce each run to its best.
    owners = np.asarray(owners)
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    best = np.zeros((len(people), len(unique_targets)), dtype=np.int8)
    best[owners[starts]] = np.maximum.reduceat(shared, starts, axis=0)
    return best[:, target_index]


def _distance_matrix(people, positions) -> np.ndarray:
    """km between each person's home and each workplace (inf when unknown), from the distinct names only."""
    homes, home_index = np.unique([distances.normalise(p.home_municipality) for p in people], return_inverse=True)
    works, work_index = np.unique(
        [distances.normalise(p.workplace_municipality) for p in positions], return_inverse=True
    )
    table = np.empty((len(homes), len(works)))
    for i, home in enumerate(homes):
        for j, work in enumerate(works):
            km = distances.km_between(home, work)
            table[i, j] = np.inf if km is None else km
    return table[home_index][:, work_index]


def score_matrix(people, codes_by_pk, positions, taken: set[tuple[int, int]], today: datetime.date):
    """(feasible, score) matrices, people × positions, by the same rules as `explain`, vectorised."""
    col = np.asarray
    available_from = col([p.available_from.toordinal() for p in people])[:, None]
    person_ok = col(
        [p.status == Participant.Status.AVAILABLE and p.erased_at is None and p.restricted_at is None for p in people]
    )[:, None]
    hours_min = col([p.hours_min for p in people])[:, None]
    hours_max = col([p.hours_max for p in people])[:, None]
    licence = col([p.driving_licence for p in people], dtype=bool)[:, None]
    swedish = col([SWEDISH_RANK[p.swedish_level] for p in people])[:, None]
    programme = col([p.programme_id or -1 for p in people])[:, None]
    max_km = col([p.max_travel_km for p in people], dtype=float)[:, None]
    waiting = col([waiting_points(p, today) for p in people], dtype=np.int16)[:, None]

    start_from = col([p.start_from.toordinal() for p in positions])[None, :]
    start_until = col([p.start_until.toordinal() for p in positions])[None, :]
    position_ok = col([p.status == Position.Status.OPEN for p in positions])[None, :]
    hours = col([p.hours_per_week for p in positions])[None, :]
    needs_licence = col([p.driving_licence for p in positions], dtype=bool)[None, :]
    needs_swedish = col([SWEDISH_RANK[p.swedish_level] for p in positions])[None, :]
    position_type = col([p.position_type_id for p in positions])[None, :]
    position_codes = col([_ssyk_int(p.occupation_id) for p in positions], dtype=np.int32)

    feasible = (
        person_ok
        & position_ok
        & (available_from <= start_until)
        & (hours_min <= hours)
        & (hours <= hours_max)
        & (licence | ~needs_licence)
        & (swedish >= needs_swedish)
        & ((programme == -1) | (programme == position_type))
        & (_distance_matrix(people, positions) <= max_km)
    )
    if taken:
        row = {p.pk: i for i, p in enumerate(people)}
        column = {p.pk: j for j, p in enumerate(positions)}
        pairs = [(row[a], column[b]) for a, b in taken if a in row and b in column]
        if pairs:
            rows, columns = zip(*pairs, strict=True)
            feasible[list(rows), list(columns)] = False

    delay = np.maximum(0, available_from - start_from)
    start = np.maximum(0, START_POINTS_MAX - delay // 7).astype(np.int16)
    occupation = np.asarray(OCCUPATION_POINTS, dtype=np.int16)[_occupation_levels(people, codes_by_pk, position_codes)]
    score = np.where(feasible, occupation + waiting + start, 0)
    return feasible, score


def _assign(feasible: np.ndarray, score: np.ndarray) -> list[tuple[int, int]]:
    """Maximise the total score over feasible pairs; each person and each position at most once.

    Every feasible pair weighs its score + 1 and every infeasible pair 0, so a feasible pair always beats
    leaving both unassigned, and pairs of weight 0 (infeasible) are dropped from the answer."""
    rows = np.flatnonzero(feasible.any(axis=1))
    columns = np.flatnonzero(feasible.any(axis=0))
    if not len(rows) or not len(columns):
        return []
    sub_feasible = feasible[np.ix_(rows, columns)]
    weights = np.where(sub_feasible, score[np.ix_(rows, columns)].astype(np.float64) + 1, 0.0)
    chosen_rows, chosen_columns = linear_sum_assignment(weights, maximize=True)
    keep = sub_feasible[chosen_rows, chosen_columns]
    return list(zip(rows[chosen_rows[keep]].tolist(), columns[chosen_columns[keep]].tolist(), strict=True))


def optimal(municipality, today: datetime.date | None = None) -> list[tuple[Participant, Position, Fit]]:
    """The best assignment of the municipality's available people to its open positions, in 5 queries.

    People and positions with a proposal waiting for an answer (draft or sent) are left out: they are
    already spoken for until the host decides or the proposal is withdrawn."""
    today = today or timezone.localdate()
    people_qs = available_participants().filter(municipality=municipality)
    positions_qs = open_positions().filter(contract__procurement__organisation=municipality)
    proposals = list(
        Proposal.objects.filter(participant__in=people_qs, status__in=LIVE_PROPOSALS).values_list(
            "participant_id", "position_id", "status"
        )
    )
    placed = Placement.objects.filter(participant__in=people_qs).values_list("participant_id", "position_id")
    taken = {(a, b) for a, b, _status in proposals} | set(placed)
    busy_people = {a for a, _b, status in proposals if status in PENDING_PROPOSALS}
    busy_positions = {b for _a, b, status in proposals if status in PENDING_PROPOSALS}
    people = [p for p in people_qs.select_related("programme") if p.pk not in busy_people]
    positions = [
        p
        for p in positions_qs.select_related("position_type", "occupation", "contract__supplier")
        if p.pk not in busy_positions
    ]
    codes_by_pk = defaultdict(list)
    through = Participant.occupations.through.objects.filter(participant__in=people_qs)
    for participant_id, code in through.values_list("participant_id", "occupation_id"):
        codes_by_pk[participant_id].append(code)
    if not people or not positions:
        return []
    feasible, score = score_matrix(people, codes_by_pk, positions, taken, today)
    result = []
    for row, column in _assign(feasible, score):
        person, position = people[row], positions[column]
        fit = _assess(person, position, codes=codes_by_pk[person.pk], taken=False, today=today)
        result.append((person, position, fit))
    result.sort(key=lambda item: (item[1].start_from, item[1].pk))
    return result
