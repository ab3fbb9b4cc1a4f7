"""Every benchmark of issue 12 in one run, their tables gathered in one file a reviewer can read.

Run: `uv run python benchmarks/all.py --database-url postgres://USER:PASS@HOST:PORT/DB` (a server where the user
may create databases; each benchmark makes and drops its own). Without `--database-url` the pages and the report
run on throwaway SQLite files and the registration benchmark starts its own PostgreSQL cluster (as root on
Debian). Writes var/benchmarks/all-<vendor>.md and exits non-zero when any benchmark missed its targets.
"""

import argparse
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE.parent / "var" / "benchmarks"


def _benchmarks(database_url: str | None, quick: bool) -> list[tuple[str, list[str], dict]]:
    on_database = ["--database-url", database_url] if database_url else []
    scales = ["--scales", "0.2", "1", "--runs", "10"] if quick else ["--scales", "1", "10"]
    registration_env = {"BENCHMARK_POSTGRES_URL": database_url} if database_url else {}
    report_scale = ["--scale", "1"] if quick else []
    registration_time = ["--seconds", "3"] if quick else []
    return [
        ("Pages and API lists of every role against the framework floor", ["pages.py", *scales, *on_database], {}),
        ("Matching: 5 000 participants × 1 000 positions against scipy's bare solver", ["matching.py"], {}),
        ("The pilot evaluation page and PDF", ["reports.py", *report_scale, *on_database], {}),
        (
            "Training registration under 50 concurrent clients on gunicorn + PostgreSQL against the floor",
            ["training_registration.py", *registration_time],
            registration_env,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server to create the benchmarks' databases on")
    parser.add_argument("--quick", action="store_true", help="small scales and short runs, to check the set-up")
    arguments = parser.parse_args()
    sections, failed = [], []
    for title, command, extra_env in _benchmarks(arguments.database_url, arguments.quick):
        print(f"\n=== {title}\n$ python benchmarks/{' '.join(command)}", flush=True)
        began = time.perf_counter()
        run = subprocess.run(  # noqa: S603 -- our own scripts, our own arguments
            [sys.executable, str(HERE / command[0]), *command[1:]],
            env={**os.environ, **extra_env},
            capture_output=True,
            text=True,
            check=False,
        )
        output = run.stdout + (run.stderr if run.returncode else "")
        print(output, flush=True)
        verdict = "OK" if run.returncode == 0 else f"MISSED or failed (exit {run.returncode})"
        if run.returncode:
            failed.append(title)
        elapsed = time.perf_counter() - began
        sections.append(f"## {title}\n\n{verdict}, {elapsed:.0f} s\n\n```\n{output.strip()}\n```\n")
    vendor = "postgresql" if arguments.database_url else "sqlite"
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"all-{vendor}.md"
    heading = f"# Insteg benchmarks, {datetime.datetime.now().isoformat(timespec='minutes')}, {os.cpu_count()} cores\n"
    target.write_text(heading + "\n" + "\n".join(sections))
    print(f"\nwritten to {target}; missed or failed: {failed or 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
