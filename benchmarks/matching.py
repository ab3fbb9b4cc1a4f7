"""How long the optimal matching takes for 5 000 participants × 1 000 open positions, from the database.

Run: `uv run python benchmarks/matching.py` (see benchmarks/README.md). It builds a throwaway SQLite
database in a temporary folder, fills it with bulk_create, times `engine.optimal(...)` end to end (queries,
score matrix, assignment, explanations) and, in the same run, scipy's bare `linear_sum_assignment` on a
random matrix of the same shape. Exits 1 when the median of the runs takes more than the budget.
"""

import argparse
import datetime
import random
import statistics
import sys
import tempfile
import time

from _django import configure_django  # noqa: E402 -- benchmarks/ is the script's folder

BUDGET_SECONDS = 2.0
JAMTLAND = ["Östersund", "Krokom", "Åre", "Berg", "Bräcke", "Härjedalen", "Ragunda", "Strömsund"]


def build(participants: int, positions: int, seed: int):
    """Everything the engine reads, made with bulk_create; returns the municipality."""
    from insteg.accounts.models import Organisation
    from insteg.accounts.tests.factories import OrganisationFactory
    from insteg.contracts.models import Occupation, Position, PositionType
    from insteg.contracts.tests.factories import AwardFactory, ContractFactory, TenderFactory
    from insteg.matching.models import Participant
    from insteg.procurement.tests.factories import ProcurementFactory

    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not secrets
    municipality = OrganisationFactory(name="Östersunds kommun", kind=Organisation.Kind.MUNICIPALITY)
    procurement = ProcurementFactory(organisation=municipality, status="awarded")
    contracts = [
        ContractFactory(award=AwardFactory(winner=TenderFactory(procurement=procurement))) for _supplier in range(20)
    ]
    codes = list(Occupation.objects.values_list("code", flat=True))
    popular = rng.sample(codes, 60)  # places cluster in a few occupations, as they do in practice
    types = list(PositionType.objects.values_list("pk", flat=True))
    start = datetime.date(2026, 9, 1)
    Position.objects.bulk_create(
        Position(
            contract=rng.choice(contracts),
            position_type_id=rng.choice(types),
            occupation_id=rng.choice(popular),
            title=f"Plats {number}",
            workplace_municipality=rng.choice(JAMTLAND),
            hours_per_week=rng.choice([20, 25, 30, 35, 40]),
            start_from=start + datetime.timedelta(days=rng.randrange(0, 90)),
            start_until=start + datetime.timedelta(days=rng.randrange(90, 180)),
            duration_months=rng.choice([3, 6, 12]),
            swedish_level=rng.choice(["none", "basic", "everyday", "everyday", "fluent"]),
            driving_licence=rng.random() < 0.2,
            supervisor_name="Handledare",
            supervisor_email="handledare@example.se",
        )
        for number in range(positions)
    )
    people = Participant.objects.bulk_create(
        Participant(
            municipality=municipality,
            first_name=f"Person{number}",
            last_name="Benchmark",
            target_group="long_term_unemployed",
            programme_id=rng.choice(types) if rng.random() < 0.3 else None,
            swedish_level=rng.choice(["none", "basic", "everyday", "fluent"]),
            driving_licence=rng.random() < 0.5,
            home_municipality=rng.choice(JAMTLAND),
            max_travel_km=rng.choice([10, 30, 50, 80, 150]),
            available_from=start + datetime.timedelta(days=rng.randrange(-60, 150)),
            hours_min=rng.choice([10, 20, 25]),
            hours_max=rng.choice([30, 35, 40]),
            waiting_since=start - datetime.timedelta(days=rng.randrange(0, 1500)),
            informed_on=start,
        )
        for number in range(participants)
    )
    through = Participant.occupations.through
    through.objects.bulk_create(
        through(participant_id=person.pk, occupation_id=code)
        for person in people
        for code in rng.sample(sorted(set(popular + rng.sample(codes, 10))), rng.randrange(0, 4))
    )
    return municipality


def time_call(function, repeat: int) -> list[float]:
    timings = []
    for _run in range(repeat):
        began = time.perf_counter()
        function()
        timings.append(time.perf_counter() - began)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--positions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="insteg-benchmark-") as data_dir:
        configure_django(data_dir)
        import numpy as np
        from django.core.management import call_command
        from django.db import connection
        from scipy.optimize import linear_sum_assignment

        from insteg.matching import engine

        began = time.perf_counter()
        call_command("migrate", verbosity=0)
        municipality = build(arguments.participants, arguments.positions, arguments.seed)
        print(f"set-up (migrate and bulk_create): {time.perf_counter() - began:.1f} s")

        today = datetime.date(2026, 8, 15)
        results = []
        optimal_timings = time_call(lambda: results.append(engine.optimal(municipality, today=today)), arguments.repeat)
        matches = results[-1]

        rng = np.random.default_rng(arguments.seed)
        matrix = rng.integers(0, 101, size=(arguments.participants, arguments.positions)).astype(np.float64)
        bare_timings = time_call(lambda: linear_sum_assignment(matrix, maximize=True), arguments.repeat)
        connection.close()

    optimal_median, bare_median = statistics.median(optimal_timings), statistics.median(bare_timings)
    shape = f"{arguments.participants} × {arguments.positions}"
    print(f"engine.optimal, {shape}, from the database: " + ", ".join(f"{t:.3f} s" for t in optimal_timings))
    print(f"  {len(matches)} people assigned, total score {sum(fit.score for _p, _q, fit in matches)}")
    print(f"bare linear_sum_assignment, random {shape}: " + ", ".join(f"{t:.3f} s" for t in bare_timings))
    ratio = optimal_median / bare_median
    print(f"median: optimal {optimal_median:.3f} s, bare {bare_median:.3f} s, ratio {ratio:.1f}×")
    if optimal_median > BUDGET_SECONDS:
        print(f"FAIL: optimal takes more than {BUDGET_SECONDS:.1f} s")
        return 1
    print(f"OK: within the {BUDGET_SECONDS:.1f} s budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
