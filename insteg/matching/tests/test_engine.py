import datetime
import itertools
import random

import pytest
from django.utils import timezone, translation

from insteg.contracts.models import Occupation, Position, PositionType
from insteg.contracts.tests.factories import PositionFactory
from insteg.matching import distances, engine
from insteg.matching.models import Adaptation, Gender, Participant, Proposal
from insteg.matching.tests.factories import PlacementFactory, ProposalFactory
from insteg.procurement.models import TargetGroup

TODAY = datetime.date(2026, 8, 15)
JAMTLAND = ["Berg", "Bräcke", "Härjedalen", "Krokom", "Ragunda", "Strömsund", "Åre", "Östersund"]
SWEDISH = list(Position.SwedishLevel.values)


@pytest.fixture(autouse=True)
def english():
    """The assertions read the English source texts (the Swedish catalogue is made later)."""
    with translation.override("en"):
        yield


def _occupation(code):
    return Occupation.objects.get(code=code)


def _random_people(rng, municipality, count):
    from insteg.matching.tests.factories import ParticipantFactory

    types = list(PositionType.objects.all())
    codes = ["9111", "9119", "9120", "9210", "5120", "4111", "9111", "9622"]
    people = []
    for _number in range(count):
        person = ParticipantFactory(
            municipality=municipality,
            programme=rng.choice(types) if rng.random() < 0.3 else None,
            swedish_level=rng.choice(SWEDISH),
            driving_licence=rng.random() < 0.5,
            home_municipality=rng.choice([*JAMTLAND, "Stockholm", "Ankeborg"]),
            max_travel_km=rng.choice([0, 20, 60, 120]),
            available_from=datetime.date(2026, 8, 1) + datetime.timedelta(days=rng.randrange(-30, 120)),
            hours_min=rng.choice([10, 20, 30]),
            hours_max=rng.choice([30, 35, 40]),
            waiting_since=rng.choice([None, datetime.date(2026, 1, 1) - datetime.timedelta(days=rng.randrange(900))]),
            gender=rng.choice(Gender.values),
            birth_year=rng.randrange(1960, 2006),
            adaptations=rng.sample(Adaptation.values, rng.randrange(3)),
            occupations=[_occupation(code) for code in set(rng.sample(codes, rng.randrange(3)))],
        )
        people.append(person)
    return people


def _random_positions(rng, contract, count):
    types = list(PositionType.objects.all())
    return [
        PositionFactory(
            contract=contract,
            position_type=rng.choice(types),
            occupation=_occupation(rng.choice(["9111", "9119", "9120", "9210", "5120"])),
            workplace_municipality=rng.choice([*JAMTLAND, "Ankeborg"]),
            hours_per_week=rng.choice([20, 30, 40]),
            start_from=datetime.date(2026, 8, 1) + datetime.timedelta(days=rng.randrange(30)),
            start_until=datetime.date(2026, 9, 15) + datetime.timedelta(days=rng.randrange(60)),
            swedish_level=rng.choice(SWEDISH),
            driving_licence=rng.random() < 0.3,
        )
        for _number in range(count)
    ]


def _violations(person: Participant, position: Position) -> list[str]:
    """The hard constraints, checked straight from the data (not through the engine)."""
    km = distances.km_between(person.home_municipality, position.workplace_municipality)
    checks = {
        "available": person.status == "available" and person.erased_at is None,
        "start": person.available_from <= position.start_until,
        "open": position.status == "open",
        "hours": person.hours_min <= position.hours_per_week <= person.hours_max,
        "licence": person.driving_licence or not position.driving_licence,
        "swedish": SWEDISH.index(person.swedish_level) >= SWEDISH.index(position.swedish_level),
        "travel": km is not None and km <= person.max_travel_km,
        "programme": person.programme_id is None or person.programme_id == position.position_type_id,
        "not taken": not person.proposals.exclude(status="withdrawn").filter(position=position).exists()
        and not person.placements.filter(position=position).exists(),
    }
    return [name for name, ok in checks.items() if not ok]


# --- One pair ---------------------------------------------------------------------------------------------


def test_a_good_fit_is_feasible_and_every_part_is_explained(participant, position):
    fit = engine.explain(participant, position, today=TODAY)

    assert fit.feasible and fit.reasons_not_feasible == []
    points = {part.code: part.points for part in fit.parts}
    # Same occupation 60; looking since 2025-01-01 → 19 months; can start on the first start day 15.
    assert points == {"occupation": 60, "waiting": 19, "start": 15, "travel": 0}
    assert fit.score == 94
    assert all(item["text"] and set(item) == {"code", "points", "text"} for item in fit.as_list())
    assert "9111" in fit.parts[0].text and "19 months" in fit.parts[1].text


@pytest.mark.parametrize(
    ("code", "level", "points"), [("9111", 4, 60), ("9119", 3, 45), ("9120", 2, 30), ("9210", 1, 15), ("5120", 0, 0)]
)
def test_occupation_fit_counts_the_ssyk_levels_shared(participant, position, code, level, points):
    participant.occupations.set([_occupation(code)])

    fit = engine.explain(participant, position, today=TODAY)

    assert engine.shared_ssyk_level(code, "9111") == level
    assert fit.parts[0].points == points
    assert fit.score == points + 19 + 15


def test_without_occupations_of_interest_occupation_gives_no_points_and_says_so(participant, position):
    participant.occupations.clear()

    fit = engine.explain(participant, position, today=TODAY)

    assert fit.feasible and fit.parts[0].points == 0 and "No occupations" in fit.parts[0].text


def test_longer_waiting_gives_more_points_up_to_a_cap(participant, position):
    scores = []
    for since in [None, datetime.date(2026, 6, 1), datetime.date(2025, 1, 1), datetime.date(2020, 1, 1)]:
        participant.waiting_since = since
        scores.append(engine.explain(participant, position, today=TODAY).parts[1].points)

    assert scores == [0, 2, 19, engine.WAITING_POINTS_MAX]


def test_a_later_start_gives_fewer_points(participant, position):
    participant.available_from = position.start_from + datetime.timedelta(days=15)

    part = engine.explain(participant, position, today=TODAY).parts[2]

    assert part.points == 13 and "15 days after" in part.text


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"hours_min": 35}, "30 hours a week"),
        ({"hours_max": 25}, "30 hours a week"),
        ({"swedish_level": "basic", "_position": {"swedish_level": "fluent"}}, "Fluent Swedish"),
        ({"_position": {"driving_licence": True}}, "driving licence"),
        ({"home_municipality": "Stockholm"}, "km away"),
        ({"home_municipality": "Åre", "max_travel_km": 50}, "km away"),
        ({"home_municipality": "Ankeborg"}, "not known"),
        ({"available_from": datetime.date(2026, 10, 1)}, "after the position's last start day"),
        ({"status": "placed"}, "not available"),
        ({"erased_at": timezone.now()}, "not available"),
        ({"_position": {"status": "filled"}}, "not open"),
        ({"programme": "lonebidrag"}, "programme"),
    ],
)
def test_each_hard_constraint_makes_a_pair_infeasible_with_a_reason(participant, position, change, reason):
    for field, value in change.pop("_position", {}).items():
        setattr(position, field, value)
    for field, value in change.items():
        setattr(participant, field, PositionType.objects.get(code=value) if field == "programme" else value)

    fit = engine.explain(participant, position, today=TODAY)

    assert not fit.feasible and fit.score == 0
    assert any(reason in text for text in fit.reasons_not_feasible), fit.reasons_not_feasible


def test_the_programme_allows_its_own_position_type(participant, position):
    participant.programme = position.position_type

    assert engine.explain(participant, position, today=TODAY).feasible


@pytest.mark.parametrize("status", ["draft", "proposed", "accepted", "declined"])
def test_a_person_already_proposed_for_a_position_is_not_proposed_again(participant, position, status):
    ProposalFactory(participant=participant, position=position, status=status)

    fit = engine.explain(participant, position, today=TODAY)

    assert not fit.feasible and "already proposed" in fit.reasons_not_feasible[0]


def test_a_withdrawn_proposal_does_not_block_a_new_one(participant, position):
    ProposalFactory(participant=participant, position=position, status="withdrawn")

    assert engine.explain(participant, position, today=TODAY).feasible


def test_a_person_placed_in_a_position_is_not_proposed_for_it_again(participant, position):
    PlacementFactory(participant=participant, position=position)

    assert not engine.explain(participant, position, today=TODAY).feasible


# --- Travel -------------------------------------------------------------------------------------------------


def test_every_municipality_of_jamtland_and_the_larger_cities_are_in_the_table():
    for name in [*JAMTLAND, "Stockholm", "Göteborg", "Malmö", "Uppsala", "Umeå", "Sundsvall"]:
        assert distances.is_known(name), name


@pytest.mark.parametrize(
    ("home", "workplace", "low", "high"),
    [
        ("Östersund", "Krokom", 12, 25),
        ("Östersund", "Åre", 55, 75),
        ("Östersund", "Sundsvall", 140, 175),
        ("Östersund", "Stockholm", 430, 500),
        ("Malmö", "Lund", 10, 25),
    ],
)
def test_distances_are_straight_lines_between_the_seats(home, workplace, low, high):
    assert low <= distances.km_between(home, workplace) <= high
    assert distances.km_between(home, workplace) == distances.km_between(workplace, home)


def test_the_same_municipality_is_0_km_however_it_is_written():
    assert distances.km_between("Östersunds kommun", "östersund") == 0
    assert distances.km_between("Krokoms kommun", "Krokom") == 0
    assert distances.km_between("Bergs kommun", "Svenstavik") == 0
    assert distances.km_between("Göteborgs stad", "Gothenburg") == 0


def test_an_unknown_municipality_fits_only_its_own_name_and_the_explanation_says_so(participant, position):
    participant.home_municipality = position.workplace_municipality = "Ankeborg"

    fit = engine.explain(participant, position, today=TODAY)

    assert fit.feasible
    assert "not in our distance table" in fit.parts[3].text
    assert distances.km_between("Ankeborg", "Östersund") is None


# --- Rankings and the optimal assignment --------------------------------------------------------------------


@pytest.fixture
def market(municipality, host_contract):
    rng = random.Random(20260815)  # noqa: S311 -- reproducible test data
    return _random_people(rng, municipality, 40), _random_positions(rng, host_contract, 15)


def test_optimal_never_violates_a_constraint_and_uses_each_person_and_position_once(market, municipality):
    people, positions = market
    ProposalFactory(participant=people[0], position=positions[0], status="declined")
    PlacementFactory(participant=people[1], position=positions[1])

    pairs = engine.optimal(municipality, today=TODAY)

    assert len(pairs) >= 5  # the random market has plenty of feasible pairs
    for person, position, fit in pairs:
        assert _violations(person, position) == []
        assert fit.feasible and fit.parts and all(part.text for part in fit.parts)
        assert fit.score == engine.explain(person, position, today=TODAY).score
    assert len({person.pk for person, _position, _fit in pairs}) == len(pairs)
    assert len({position.pk for _person, position, _fit in pairs}) == len(pairs)


def test_rankings_list_only_feasible_pairs_best_first(market):
    people, positions = market
    for position in positions:
        ranked = engine.candidates_for(position, today=TODAY)
        assert [fit.score for _person, fit in ranked] == sorted((fit.score for _p, fit in ranked), reverse=True)
        assert all(_violations(person, position) == [] for person, _fit in ranked)
        feasible = {p.pk for p in people if not _violations(p, position)}
        assert {person.pk for person, _fit in ranked} == feasible
    for person in people[:10]:
        ranked = engine.positions_for(person, today=TODAY)
        assert all(_violations(person, position) == [] for position, _fit in ranked)
        assert {p.pk for p, _fit in ranked} == {p.pk for p in positions if not _violations(person, p)}


def test_the_vectorised_scores_agree_with_the_explanations(market):
    people, positions = market
    people = list(Participant.objects.filter(pk__in=[p.pk for p in people]).prefetch_related("occupations"))
    codes = {p.pk: [o.code for o in p.occupations.all()] for p in people}

    feasible, score = engine.score_matrix(people, codes, positions, set(), TODAY)

    for (i, person), (j, position) in itertools.product(enumerate(people), enumerate(positions)):
        fit = engine.explain(person, position, today=TODAY)
        assert (bool(feasible[i, j]), int(score[i, j])) == (fit.feasible, fit.score), (person.pk, position.pk)


def test_the_assignment_maximises_the_total_score(municipality, host_contract):
    rng = random.Random(7)  # noqa: S311 -- reproducible test data
    people, positions = _random_people(rng, municipality, 6), _random_positions(rng, host_contract, 4)
    for person in people:  # everyone fits somewhere, so the optimum is interesting
        person.home_municipality, person.max_travel_km, person.programme = "Östersund", 500, None
        person.hours_min, person.hours_max, person.swedish_level = 10, 40, "fluent"
        person.driving_licence, person.available_from = True, datetime.date(2026, 8, 1)
        person.save()
    fits = {(a.pk, b.pk): engine.explain(a, b, today=TODAY) for a in people for b in positions}

    best = 0
    for chosen in itertools.permutations([*people, None, None, None, None], len(positions)):
        pairs = [(a, b) for a, b in zip(chosen, positions, strict=True) if a is not None]
        if all(fits[a.pk, b.pk].feasible for a, b in pairs):
            best = max(best, sum(fits[a.pk, b.pk].score + 1 for a, b in pairs))

    result = engine.optimal(municipality, today=TODAY)
    assert sum(fit.score + 1 for *_pair, fit in result) == best


def test_protected_attributes_never_change_scores_or_rankings(market, municipality):
    people, positions = market

    def outcome():
        optimal = [(a.pk, b.pk, fit.score) for a, b, fit in engine.optimal(municipality, today=TODAY)]
        candidates = [
            [(person.pk, fit.score, fit.as_list()) for person, fit in engine.candidates_for(position, today=TODAY)]
            for position in positions
        ]
        return optimal, candidates

    before = outcome()
    rng = random.Random(99)  # noqa: S311 -- reproducible test data
    for person in people:
        person.gender = rng.choice(["", *Gender.values])
        person.birth_year = rng.randrange(1950, 2008)
        person.age_band = Participant.band_for(person.birth_year, on=TODAY)
        person.other_languages = rng.choice(["", "arabiska (modersmål)", "somaliska, engelska"])
        person.target_group = rng.choice(TargetGroup.values)
        person.adaptations = rng.sample(Adaptation.values, rng.randrange(4))
        person.save()

    assert outcome() == before


def test_people_and_positions_with_a_pending_proposal_are_left_out_of_the_optimal_proposal(
    participant, position, municipality, host_contract
):
    other = PositionFactory(contract=host_contract)
    ProposalFactory(participant=participant, position=other, status="draft")

    assert engine.optimal(municipality, today=TODAY) == []


def test_optimal_loads_everything_in_a_constant_number_of_queries(market, municipality, django_assert_num_queries):
    with django_assert_num_queries(5):
        big = engine.optimal(municipality, today=TODAY)
    Proposal.objects.all().delete()
    Participant.objects.filter(pk__in=[p.pk for p in market[0][2:]]).update(status="inactive")
    with django_assert_num_queries(5):
        small = engine.optimal(municipality, today=TODAY)
    assert len(small) <= 2 < len(big)
