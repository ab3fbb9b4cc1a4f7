"""`insteg generate_data --scale N`: realistic synthetic data for N municipality-years (insteg.core.synthetic)."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError

from insteg.core import synthetic


class Command(BaseCommand):
    help = (
        "Fill the database with deterministic synthetic data for N municipality-years, for benchmarks and load "
        "tests: per year about 200 procurements, 80 contracts, 600 positions, 1 500 participants, 1 200 "
        "placements, 10 000 check-ins, 500 training registrations, 5 000 audit events and the view log. "
        "Never on a database with real people in it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, required=True, help="municipality-years; a fraction (0.02) makes one small year"
        )
        parser.add_argument("--seed", type=int, default=2026, help="the same seed gives the same data (default 2026)")
        parser.add_argument(
            "--municipalities",
            type=int,
            default=1,
            help="spread the municipality-years over this many synthetic municipalities (default 1)",
        )
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            help="the last day of the data, YYYY-MM-DD (default today, so check-ins fall due around now)",
        )
        parser.add_argument(
            "--password",
            help="a password for every synthetic account (default none: they cannot sign in with a password)",
        )
        parser.add_argument(
            "--add",
            action="store_true",
            help="add further municipalities when generated data is already there (default: refuse)",
        )

    def handle(self, *args, scale, seed, municipalities, as_of, password, add, verbosity, **options):
        if municipalities < 1:
            raise CommandError("--municipalities must be at least 1.")
        began = time.perf_counter()
        progress = self._progress if verbosity > 1 else None
        try:
            result = synthetic.generate(
                scale,
                seed=seed,
                municipalities=municipalities,
                as_of=as_of,
                password=password,
                add=add,
                progress=progress,
            )
        except synthetic.AlreadyGenerated as already:
            raise CommandError(
                f"This database already holds generated data (synthetic municipalities: {already.args[0]}). "
                "Generate into an empty database (a new DATABASE_URL, then `insteg migrate`), or pass --add to add "
                "further municipalities beside them."
            ) from None
        except (ValueError, LookupError) as error:
            raise CommandError(str(error)) from None
        elapsed = time.perf_counter() - began
        if verbosity:
            self.stdout.write(f"Generated {scale:g} municipality-years in {elapsed:.1f} s (seed {seed}):")
            for name, count in result.counts.items():
                self.stdout.write(f"  {count:>9,} {name}".replace(",", " "))
            self.stdout.write("Accounts of the first synthetic municipality, by role:")
            for role, user in result.personas.by_role().items():
                self.stdout.write(f"  {role:<24} {user.username}")

    def _progress(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
