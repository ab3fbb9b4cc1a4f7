"""Supervisor-training registration throughput under 50 concurrent clients: gunicorn on PostgreSQL, loopback.

Run: `uv run python benchmarks/training_registration.py` (see benchmarks/README.md). Two phases in one run,
each bounded in time and driven by the same load generator:

1. **Insteg**: `POST /api/v1/training/sessions/{id}/registrations` on the real app under gunicorn — the
   whole path: middleware, DRF, validation, the session row lock, counting seats, the insert, the audit
   event, the rendered confirmation email and its .ics queued in the same transaction.
2. **Floor**: the same gunicorn and PostgreSQL serving `benchmarks/registration_floor.py`, a bare Django
   view that does only what any correct registration must: lock the session row, count, insert.

The ratio of the two is what Insteg's own work costs. The script also checks the outcome: no 5xx, no
overbooking, every 201 stored exactly once. Exits 1 when a check fails.

PostgreSQL: with `BENCHMARK_POSTGRES_URL=postgres://user:password@host:port/postgres` it creates and drops
its own database on that server; without it, run as root on Debian with PostgreSQL 15 installed, it starts a
throwaway cluster in a temporary folder (the recipe of `.ci/run`). It never touches DATABASE_URL's database.
"""

import argparse
import contextlib
import http.client
import itertools
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PGBIN = Path("/usr/lib/postgresql/15/bin")
SEATS = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def postgres_server():
    """Yield an admin URL of a PostgreSQL server: the one given, or a throwaway cluster."""
    given = os.environ.get("BENCHMARK_POSTGRES_URL")
    if given:
        yield given
        return
    if not (PGBIN / "initdb").exists() or os.geteuid() != 0:
        sys.exit("Set BENCHMARK_POSTGRES_URL, or run as root with PostgreSQL 15 installed (/usr/lib/postgresql/15).")
    root = Path(tempfile.mkdtemp(prefix="insteg-bench-pg-"))
    shutil.chown(root, "postgres", "postgres")
    port = free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_postgres, PGBIN / "initdb", "-D", root / "data", "-U", "postgres", "-A", "trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200"
    subprocess.run(
        [*as_postgres, PGBIN / "pg_ctl", "-D", root / "data", "-l", root / "log", "-w", "-o", options, "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_postgres, PGBIN / "pg_ctl", "-D", root / "data", "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def benchmark_database(admin_url: str):
    import psycopg

    name = f"insteg_bench_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(database_url: str, data_dir: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "INSTEG_DATA_DIR": data_dir,
        "SECRET_KEY": "benchmark-only-" + os.urandom(16).hex(),
        "DEBUG": "false",
        "INSTEG_DEMO": "false",
        "INSTEG_HTTPS": "false",
        "INSTEG_COLLECTED_STATIC": "false",
        # As behind the production reverse proxy: each registration comes from its own address (X-Forwarded-For),
        # so the API's throttles work at their real rates, per client, as they do for real registrants.
        "INSTEG_BEHIND_PROXY": "true",
        "CONN_MAX_AGE": "60",
        "PYTHONPATH": str(ROOT),
    }


SETUP = """
import datetime
from django.utils import timezone
from insteg.accounts.models import Organisation
from insteg.training.models import Course, Session
municipality = Organisation.objects.create(name="Bench kommun", kind="municipality", org_number="212000-2627")
course = Course.objects.create(organisation=municipality, title="Handledarutbildning", description="Benchmark")
start = timezone.now() + datetime.timedelta(days=30)
session = Session.objects.create(course=course, starts_at=start, ends_at=start + datetime.timedelta(hours=7),
    location="Rådhuset", capacity={seats}, waitlist_enabled=True)
print(session.pk)
"""

FLOOR_TABLES = """
CREATE TABLE floor_session (id integer PRIMARY KEY, capacity integer NOT NULL);
CREATE TABLE floor_registration (id bigserial PRIMARY KEY, session_id integer NOT NULL REFERENCES floor_session,
    email varchar(254) NOT NULL, status varchar(12) NOT NULL);
INSERT INTO floor_session VALUES (1, {seats});
"""


def prepare(env: dict, database_url: str) -> int:
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "createcachetable"], env=env, check=True, cwd=ROOT)
    made = subprocess.run(
        [*manage, "shell", "-c", SETUP.format(seats=SEATS)], env=env, check=True, cwd=ROOT, capture_output=True
    )
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute(FLOOR_TABLES.format(seats=SEATS))
    return int(made.stdout.decode().strip().splitlines()[-1])


@contextlib.contextmanager
def gunicorn(app: str, env: dict, workers: int):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
        + ["--log-level", "warning", "--timeout", "60"],
        env=env,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"gunicorn did not start: {app}")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def load(port: int, path: str, *, clients: int, seconds: float, warmup: float) -> dict:
    """`clients` threads POST registrations back to back; only requests that start after the warm-up and
    end before the deadline are counted."""
    numbers = itertools.count()
    numbers_lock = threading.Lock()
    results: list[tuple[float, float, int]] = []
    results_lock = threading.Lock()
    first_bodies: dict[int, bytes] = {}
    began = time.monotonic()
    measure_from, stop_at = began + warmup, began + warmup + seconds

    def client() -> None:
        while time.monotonic() < stop_at:
            with numbers_lock:
                number = next(numbers)
            body = json.dumps(
                {
                    "name": f"Bench Handledare {number}",
                    "email": f"bench{number}@bench.example",
                    "organisation_name": "Bench AB",
                    "consent": True,
                }
            )
            started = time.monotonic()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                address = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
                headers = {"Content-Type": "application/json", "X-Forwarded-For": address}
                connection.request("POST", path, body, headers)
                response = connection.getresponse()
                answer = response.read()
                status = response.status
                if status != 201:
                    first_bodies.setdefault(status, answer[:300])
            except OSError:
                status = 0
            finally:
                connection.close()
            ended = time.monotonic()
            with results_lock:
                results.append((started, ended, status))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + warmup + 60)
    counted = [(s, e, status) for s, e, status in results if s >= measure_from and e <= stop_at]
    latencies = sorted(e - s for s, e, _status in counted)
    return {
        "requests": len(counted),
        "per_second": len(counted) / seconds,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else 0.0,
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0,
        "statuses": Counter(status for _s, _e, status in results),
        "created": sum(1 for _s, _e, status in results if status == 201),
        "first_bodies": first_bodies,
    }


def check_outcome(database_url: str, session_pk: int, app: dict, floor: dict) -> list[str]:
    import psycopg

    problems = []
    with psycopg.connect(database_url) as connection:
        stored, confirmed, distinct = connection.execute(
            "SELECT count(*), count(*) FILTER (WHERE status = 'confirmed'), count(DISTINCT email) "
            "FROM training_registration WHERE session_id = %s",
            [session_pk],
        ).fetchone()
        floor_confirmed = connection.execute(
            "SELECT count(*) FILTER (WHERE status = 'confirmed') FROM floor_registration"
        ).fetchone()[0]
    if stored != app["created"] or distinct != stored:
        problems.append(f"Insteg answered 201 {app['created']} times but stored {stored} ({distinct} distinct)")
    if confirmed != min(SEATS, stored):
        problems.append(f"Insteg confirmed {confirmed} for {SEATS} seats")
    if floor_confirmed != min(SEATS, floor["created"]):
        problems.append(f"the floor confirmed {floor_confirmed} for {SEATS} seats")
    for name, result in (("Insteg", app), ("floor", floor)):
        failed = {status: n for status, n in result["statuses"].items() if status != 201}
        if failed:
            problems.append(f"{name} answered other than 201: {failed}, for example {result['first_bodies']}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0, help="measured time per phase")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    arguments = parser.parse_args()

    with (
        postgres_server() as admin_url,
        benchmark_database(admin_url) as database_url,
        tempfile.TemporaryDirectory(prefix="insteg-bench-") as data_dir,
    ):
        env = environment(database_url, data_dir)
        session_pk = prepare(env, database_url)
        phases = {}
        for name, app, path in (
            ("Insteg", "insteg.wsgi:application", f"/api/v1/training/sessions/{session_pk}/registrations"),
            ("floor", "benchmarks.registration_floor:application", "/register"),
        ):
            with gunicorn(app, env, arguments.workers) as port:
                phases[name] = load(
                    port, path, clients=arguments.clients, seconds=arguments.seconds, warmup=arguments.warmup
                )
        problems = check_outcome(database_url, session_pk, phases["Insteg"], phases["floor"])

    print(f"{arguments.clients} clients, {arguments.workers} gunicorn workers, {arguments.seconds:.0f} s measured")
    for name, result in phases.items():
        print(
            f"{name:>7}: {result['per_second']:7.1f} registrations/s, p50 {result['p50_ms']:6.1f} ms, "
            f"p95 {result['p95_ms']:6.1f} ms ({result['requests']} requests)"
        )
    ratio = phases["floor"]["per_second"] / phases["Insteg"]["per_second"] if phases["Insteg"]["per_second"] else 0
    print(f"floor / Insteg throughput: {ratio:.1f}×")
    for problem in problems:
        print(f"FAIL: {problem}")
    if not problems:
        print(f"OK: no 5xx, {SEATS} seats confirmed, every 201 stored once")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
