"""How long importing 10 000 participants from a CSV file takes: parse, check every row, preview, commit.

Run: `uv run python benchmarks/imports.py` (see benchmarks/README.md). It builds a throwaway SQLite database in a
temporary folder, writes a referral list as Swedish Excel saves it (cp1252, semicolons), and times the page's
whole path — `check_upload` (read, check every row against the lookups), `save_preview` (keep the rows) and
`commit` (check again, insert all in one transaction) — against, in the same run, the floor: `bulk_create` of the
same people and their occupations with no reading and no checking. Exits 1 when the median is over the budget.
"""

import argparse
import csv
import io
import random
import statistics
import sys
import tempfile
import time

from _django import configure_django  # noqa: E402 -- benchmarks/ is the script's folder

BUDGET_SECONDS = 10.0
JAMTLAND = ["Östersund", "Krokom", "Åre", "Berg", "Bräcke", "Härjedalen", "Ragunda", "Strömsund"]
FIRST = ["Åsa", "Björn", "Märta", "Örjan", "Amina", "Johan", "Sara", "Ali", "Eva", "Lars"]
LAST = ["Öberg", "Lindström", "Yusuf", "Ek", "Åkesson", "Persson", "Nilsson", "Hassan"]
HEADERS = [
    "ärendenummer", "förnamn", "efternamn", "e-post", "födelseår", "målgrupp", "yrken", "svenska", "körkort",
    "hemkommun", "max resväg km", "tillgänglig från", "timmar minst", "timmar högst", "anpassningar", "informerad",
]  # fmt: skip


def referral_list(rows: int, seed: int) -> tuple[bytes, list[dict]]:
    """The file (cp1252, `;`, as Swedish Excel saves it) and the same rows as dicts, for the floor."""
    from insteg.contracts.models import Occupation

    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not secrets
    codes = list(Occupation.objects.values_list("code", flat=True))
    people = []
    for number in range(rows):
        people.append(
            {
                "ärendenummer": f"AF-{number:06d}",
                "förnamn": rng.choice(FIRST),
                "efternamn": f"{rng.choice(LAST)}-{number}",
                "e-post": f"person{number}@example.se",
                "födelseår": str(rng.randrange(1960, 2005)),
                "målgrupp": rng.choice(["long_term_unemployed", "newly_arrived", "young_people"]),
                "yrken": ", ".join(rng.sample(codes, rng.randrange(0, 4))),
                "svenska": rng.choice(["none", "basic", "everyday", "fluent"]),
                "körkort": rng.choice(["ja", "nej"]),
                "hemkommun": rng.choice(JAMTLAND),
                "max resväg km": str(rng.choice([10, 30, 50])),
                "tillgänglig från": "2026-09-01",
                "timmar minst": "20",
                "timmar högst": "40",
                "anpassningar": rng.choice(["", "gradual_start", "quiet_workplace, written_instructions"]),
                "informerad": "2026-08-15",
            }
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows([person[header] for header in HEADERS] for person in people)
    return buffer.getvalue().encode("cp1252"), people


def new_municipality(number: int):
    from insteg.accounts.models import Organisation

    return Organisation.objects.create(name=f"Kommun {number}", kind=Organisation.Kind.MUNICIPALITY)


def import_through_the_page_path(user, municipality, content: bytes) -> int:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from insteg.imports import services

    checked = services.check_upload(
        user, "participants", SimpleUploadedFile("remisser.csv", content), municipality=municipality
    )
    batch = services.save_preview(user, checked)
    return services.commit(batch, user)


def floor(municipality, people: list[dict]) -> int:
    """bulk_create of the same people and occupations: no parsing, no checks, no preview, no audit."""
    import datetime

    from django.db import transaction

    from insteg.matching.models import Participant

    with transaction.atomic():
        created = Participant.objects.bulk_create(
            [
                Participant(
                    municipality=municipality,
                    referral_reference=person["ärendenummer"],
                    first_name=person["förnamn"],
                    last_name=person["efternamn"],
                    email=person["e-post"],
                    birth_year=int(person["födelseår"]),
                    target_group=person["målgrupp"],
                    swedish_level=person["svenska"],
                    driving_licence=person["körkort"] == "ja",
                    home_municipality=person["hemkommun"],
                    max_travel_km=int(person["max resväg km"]),
                    available_from=datetime.date(2026, 9, 1),
                    adaptations=[code for code in person["anpassningar"].split(", ") if code],
                    informed_on=datetime.date(2026, 8, 15),
                )
                for person in people
            ],
            batch_size=1000,
        )
        through = Participant.occupations.through
        through.objects.bulk_create(
            [
                through(participant_id=participant.pk, occupation_id=code)
                for participant, person in zip(created, people, strict=True)
                for code in person["yrken"].split(", ")
                if code
            ],
            batch_size=5000,
        )
    return len(created)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="insteg-benchmark-") as data_dir:
        configure_django(data_dir)
        from django.core.management import call_command
        from django.db import connection

        from insteg.accounts.models import Membership, Role, User

        began = time.perf_counter()
        call_command("migrate", verbosity=0)
        content, people = referral_list(arguments.rows, arguments.seed)
        user = User.objects.create(username="matchare")
        print(f"set-up (migrate, a {len(content) / 1e6:.1f} MB file): {time.perf_counter() - began:.1f} s")

        imports, floors = [], []
        for run in range(arguments.repeat):
            # Each run into a municipality of its own: the same work every time (no row already there).
            municipality = new_municipality(run)
            Membership.objects.create(user=user, organisation=municipality, role=Role.MATCHING_OFFICER)
            user = User.objects.get(pk=user.pk)  # roles are cached on the user
            began = time.perf_counter()
            created = import_through_the_page_path(user, municipality, content)
            imports.append(time.perf_counter() - began)
            assert created == arguments.rows, created
            began = time.perf_counter()
            floor(new_municipality(100 + run), people)
            floors.append(time.perf_counter() - began)
        connection.close()

    import_median, floor_median = statistics.median(imports), statistics.median(floors)
    print(f"import of {arguments.rows} rows (read, check, preview, check again, commit): " + ", ".join(
        f"{t:.2f} s" for t in imports
    ))  # fmt: skip
    print("floor, bulk_create of the same rows: " + ", ".join(f"{t:.2f} s" for t in floors))
    ratio = import_median / floor_median
    print(f"median: import {import_median:.2f} s, floor {floor_median:.2f} s, ratio {ratio:.1f}×")
    if import_median > BUDGET_SECONDS:
        print(f"FAIL: the import takes more than {BUDGET_SECONDS:.0f} s")
        return 1
    print(f"OK: within the {BUDGET_SECONDS:.0f} s budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
