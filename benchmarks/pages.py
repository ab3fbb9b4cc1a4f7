"""How fast each role's main pages and API lists answer at one and at ten municipality-years, next to the floor.

Run: `uv run python benchmarks/pages.py --scales 1 10` (see benchmarks/README.md). For each scale a child process
makes a database of its own (a throwaway SQLite file, or with `--database-url postgres://...` a database it creates
on that server and drops afterwards), runs `migrate`, fills it with `insteg generate_data --scale N`
(insteg.core.synthetic; the build time is printed) and then, through Django's test client with the project's whole
middleware, signed in as each role of the first synthetic municipality, times every page:

- the **floor**: a view that only returns "ok", in a URLconf that exists only in this process, through the same
  middleware as every page (sessions, authentication, CSRF, CSP, locale, ...): what any page costs before it does
  anything. The **layout floor** renders base.html with an empty content block (navigation, context processors),
  and the **API floor** is a DRF view returning `{}` with the API's authentication, permissions and throttles.
- each page's p50 and p95 over `--runs` requests after `--warm-up` ones, and the number of SQL statements of a
  request (an execute wrapper, not the debug cursor; the most frequent count over the runs).

The parent prints one table for all scales and writes it to var/benchmarks/pages-<database>.md. The targets
(issue 12): p95 at most 3 × the floor and at most 150 ms at the largest scale, and the same number of queries at
every scale. It exits 1 when a target is missed, 2 when a page could not be measured, 0 otherwise.
"""

import argparse
import collections
import contextlib
import datetime
import json
import logging
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

from _django import configure_django, postgres_database  # noqa: E402 -- benchmarks/ is the script's folder

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "benchmarks"
BUDGET_MS = 150.0
FLOOR_FACTOR = 3.0
SLOW_SECONDS, SLOW_RUNS = 1.0, 5  # a page slower than a second is timed 5 times, not --runs times


# --- The child: one scale, one database ---------------------------------------------------------------------------


def install_floor_urlconf() -> dict[str, str]:
    """The project's URLs plus the three floors, in a module that exists only in this process."""
    from django.conf import settings
    from django.http import HttpResponse
    from django.template import engines
    from django.urls import include, path
    from rest_framework.decorators import api_view
    from rest_framework.response import Response

    # Compiled once, as a page's template is cached by the loader in production.
    layout = engines["django"].from_string('{% extends "base.html" %}{% block content %}<h1>ok</h1>{% endblock %}')

    def floor(request):
        return HttpResponse("ok")

    def layout_floor(request):
        return HttpResponse(layout.render({}, request))

    @api_view(["GET"])
    def api_floor(request):
        return Response({})

    module = types.ModuleType("insteg_benchmark_pages_urls")
    module.urlpatterns = [
        path("__floor__/", floor),
        path("__layout_floor__/", layout_floor),
        path("__api_floor__/", api_floor),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    return {"floor": "/__floor__/", "layout floor": "/__layout_floor__/", "API floor": "/__api_floor__/"}


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


def nearest_rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(client, url: str, runs: int, warm_up: int, accept: str | None = None) -> dict:
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    timings, counts = [], []
    try:
        run, total = 0, warm_up + runs
        while run < total:
            with counting_queries() as counter:
                began = time.perf_counter()
                response = client.get(url, **headers)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                elapsed = time.perf_counter() - began
            if response.status_code != 200:
                where = response.get("Location", "")
                return {"problem": f"answered {response.status_code} {where}".strip(), "url": url}
            if not body:
                return {"problem": "answered 200 with an empty body", "url": url}
            if run >= warm_up:
                timings.append(1000 * elapsed)
                counts.append(counter[0])
            elif run == warm_up - 1 and elapsed > SLOW_SECONDS:
                total = warm_up + min(runs, SLOW_RUNS)  # it misses its target anyway; don't let it hold the run up
            run += 1
    except Exception as error:  # noqa: BLE001 -- a page that cannot be measured is reported, not a traceback
        return {"problem": f"{type(error).__name__}: {error}".strip()[:200], "url": url}
    # The most frequent count: the session is written at most once a minute, which adds a query now and then.
    queries, _times = collections.Counter(counts).most_common(1)[0]
    return {
        "url": url,
        "p50": statistics.median(timings),
        "p95": nearest_rank(timings, 0.95),
        "queries": queries,
        "queries_min": min(counts),
        "queries_max": max(counts),
        "runs": len(timings),
    }


def pages_of(personas) -> list[tuple[str, str, str, str]]:
    """(role, page, url, kind) for every main page and API list of each role; kind is "page" or "api"."""
    from django.db.models import Count
    from django.urls import reverse

    from insteg.contracts.models import Contract

    officer = personas.procurement_officer
    municipality = officer.organisation
    # The detail pages of the municipality's busiest contract (most positions), and of the supplier's own.
    contracts = Contract.objects.annotate(size=Count("positions")).order_by("-size", "pk")
    busiest = contracts.filter(procurement__organisation=municipality).first()
    supplier = personas.supplier_contact
    own = contracts.filter(supplier=supplier.organisation).first()
    page, api = "page", "api"
    rows = []
    for role in personas.by_role():
        rows.append((role, "home (start page)", reverse("core:home"), page))
    rows += [
        ("procurement_officer", "procurement list", reverse("procurement:list"), page),
        (
            "procurement_officer",
            "procurement detail",
            reverse("procurement:detail", args=[busiest.procurement_id]),
            page,
        ),
        ("procurement_officer", "contract list", reverse("contracts:list"), page),
        ("procurement_officer", "contract detail", reverse("contracts:detail", args=[busiest.pk]), page),
        ("procurement_officer", "reports dashboard", reverse("reports:dashboard"), page),
        ("procurement_officer", "API procurements", reverse("api:procurements"), api),
        ("procurement_officer", "API contracts", reverse("api:contracts"), api),
        ("matching_officer", "participant list", reverse("matching:participants"), page),
        ("matching_officer", "matching page", reverse("matching:optimal"), page),
        ("matching_officer", "due follow-ups", reverse("followup:due"), page),
        ("matching_officer", "due follow-ups, team", reverse("followup:due") + "?team=1", page),
        ("matching_officer", "placement list", reverse("matching:placements"), page),
        ("matching_officer", "contract detail", reverse("contracts:detail", args=[busiest.pk]), page),
        ("matching_officer", "reports dashboard", reverse("reports:dashboard"), page),
        ("matching_officer", "API participants", reverse("api:participants"), api),
        ("matching_officer", "API placements", reverse("api:placements"), api),
        ("matching_officer", "API followups/due", reverse("api:followups_due"), api),
        ("administrator", "procurement list", reverse("procurement:list"), page),
        ("administrator", "audit trail", reverse("privacy:audit_trail"), page),
        ("administrator", "reports dashboard", reverse("reports:dashboard"), page),
        ("data_protection_officer", "view log", reverse("privacy:view_log"), page),
        ("supplier_contact", "procurement list", reverse("procurement:list"), page),
        ("supplier_contact", "contract list", reverse("contracts:list"), page),
        ("supplier_contact", "contract detail", reverse("contracts:detail", args=[own.pk]), page),
        ("supplier_contact", "position list", reverse("contracts:positions"), page),
        ("supplier_contact", "placement list", reverse("matching:placements"), page),
        ("supplier_contact", "API contracts", reverse("api:contracts"), api),
        ("supplier_contact", "API placements", reverse("api:placements"), api),
        ("employment_officer", "participant list", reverse("matching:participants"), page),
        ("employment_officer", "placement list", reverse("matching:placements"), page),
        ("employment_officer", "API participants", reverse("api:participants"), api),
        ("funder", "reports dashboard", reverse("reports:dashboard"), page),
    ]
    return rows


def child(arguments) -> int:
    with contextlib.ExitStack() as stack:
        data_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="insteg-benchmark-pages-"))
        database_url = None
        if arguments.database_url:
            database_url = stack.enter_context(
                postgres_database(arguments.database_url, f"pages_{str(arguments.scale).replace('.', '_')}")
            )
        configure_django(data_dir, database_url)
        from django.db import connection

        stack.callback(connection.close)  # before the database is dropped
        result = run_scale(arguments)
    Path(arguments.json).write_text(json.dumps(result, indent=1))
    return 0


def run_scale(arguments) -> dict:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from insteg.core import synthetic

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    migrated = time.perf_counter() - began
    began = time.perf_counter()
    generated = synthetic.generate(arguments.scale, seed=arguments.seed)
    built = time.perf_counter() - began
    print(
        f"[scale {arguments.scale:g}, {connection.vendor}] migrate {migrated:.1f} s, generate_data {built:.1f} s: "
        + ", ".join(f"{count} {name}" for name, count in generated.counts.items()),
        flush=True,
    )
    # A page that fails is reported in the table; its traceback in the log would only bury the table.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    floors = install_floor_urlconf()
    personas = generated.personas
    # The production entry point: after its first requests a worker moves what it has loaded out of the garbage
    # collector's reach (insteg/wsgi.py); the data generated above is garbage by then and is collected first.
    import insteg.wsgi  # noqa: F401

    load_before = os.getloadavg()[0]
    rows = []
    clients = {}
    for role, user in personas.by_role().items():
        client = Client()
        client.force_login(user)
        clients[role] = client
    # The floors, signed in as the matching officer (every role's floor is the same middleware).
    floor_client = clients["matching_officer"]
    for name, url in floors.items():
        accept = "application/json" if name == "API floor" else None
        measured = measure(floor_client, url, arguments.floor_runs, arguments.warm_up, accept)
        rows.append({"role": "", "page": name, "kind": "floor", **measured})
    for role, page, url, kind in pages_of(personas):
        accept = "application/json" if kind == "api" else None
        measured = measure(clients[role], url, arguments.runs, arguments.warm_up, accept)
        rows.append({"role": role, "page": page, "kind": kind, **measured})
        print(f"  {role:<24} {page:<24} {_short(measured)}", flush=True)
        if page == "reports dashboard":  # what the first visit after the cache period costs
            with override_settings(INSTEG_DASHBOARD_CACHE_SECONDS=0):
                measured = measure(clients[role], url, arguments.runs, arguments.warm_up, accept)
            rows.append({"role": role, "page": page + ", uncached", "kind": kind, **measured})
            print(f"  {role:<24} {page + ', uncached':<24} {_short(measured)}", flush=True)
    return {
        "scale": arguments.scale,
        "vendor": connection.vendor,
        "build_seconds": built,
        "counts": generated.counts,
        "rows": rows,
        "load": [load_before, os.getloadavg()[0]],
        "runs": arguments.runs,
        "floor_runs": arguments.floor_runs,
    }


def _short(measured: dict) -> str:
    if "problem" in measured:
        return f"NOT MEASURED: {measured['problem']}"
    return f"p50 {measured['p50']:7.1f} ms  p95 {measured['p95']:7.1f} ms  {measured['queries']:3d} queries"


# --- The parent: one child per scale, one table --------------------------------------------------------------------


def parent(arguments) -> int:
    results = []
    with tempfile.TemporaryDirectory(prefix="insteg-benchmark-pages-") as folder:
        for scale in arguments.scales:
            out = Path(folder) / f"scale-{scale}.json"
            command = [
                sys.executable,
                str(Path(__file__).resolve()),
                "--child",
                "--scale",
                str(scale),
                "--json",
                str(out),
                "--runs",
                str(arguments.runs),
                "--floor-runs",
                str(arguments.floor_runs),
                "--warm-up",
                str(arguments.warm_up),
                "--seed",
                str(arguments.seed),
            ]
            if arguments.database_url:
                command += ["--database-url", arguments.database_url]
            finished = subprocess.run(command, check=False)  # noqa: S603 -- our own script, our own arguments
            if finished.returncode != 0 or not out.exists():
                print(f"scale {scale}: the child process failed (exit {finished.returncode})")
                return 2
            results.append(json.loads(out.read_text()))
    text, verdict = table(results)
    print()
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"pages-{results[0]['vendor']}.md"
    target.write_text(text + "\n")
    print(f"written to {target.relative_to(ROOT)}")
    return verdict


def table(results: list[dict]) -> tuple[str, int]:
    scales = [result["scale"] for result in results]
    largest = results[-1]
    floors = {row["page"]: row for row in largest["rows"] if row["kind"] == "floor" and "p95" in row}
    keyed = [{(row["role"], row["page"]): row for row in result["rows"]} for result in results]
    lines = [
        f"# Page benchmark, {largest['vendor']}, {datetime.date.today().isoformat()}",
        "",
        "Scales: "
        + ", ".join(
            f"{result['scale']:g} (generate_data {result['build_seconds']:.0f} s, "
            f"{result['counts'].get('check-ins', 0)} check-ins, {result['counts'].get('audit events', 0)} audit events)"
            for result in results
        )
        + f". {largest['runs']} timed requests per page after warm-up ({largest['floor_runs']} for the floors); "
        f"load average {largest['load'][0]:.1f} before the largest scale, {largest['load'][1]:.1f} after.",
        "",
    ]
    header = ["role", "page"]
    for scale in scales:
        header += [f"q @{scale:g}", f"p50 @{scale:g}", f"p95 @{scale:g}"]
    header += [f"p95 / floor @{scales[-1]:g}", "p95 / layout floor", "verdict"]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    missed, unmeasured = [], []
    for key, last in keyed[-1].items():
        role, page = key
        cells = [role.replace("_", " "), page]
        for rows in keyed:
            row = rows.get(key, {})
            if "p95" in row:
                spread = (
                    "" if row["queries_min"] == row["queries_max"] else f" ({row['queries_min']}–{row['queries_max']})"
                )
                few = f" ({row['runs']} runs)" if row["runs"] < results[0]["runs"] and row["kind"] != "floor" else ""
                cells += [f"{row['queries']}{spread}", f"{row['p50']:.1f}", f"{row['p95']:.1f}{few}"]
            else:
                cells += ["–", "–", "–"]
        problems = [rows.get(key, {}).get("problem") for rows in keyed if "problem" in rows.get(key, {})]
        if problems:
            cells += ["", "", f"NOT MEASURED: {problems[0]}"]
            unmeasured.append(f"{role} {page}: {problems[0]}")
        elif last["kind"] == "floor":
            cells += [f"{last['p95'] / floors['floor']['p95']:.1f}×", "", "floor"]
        else:
            floor = floors["API floor" if last["kind"] == "api" else "floor"]
            ratio = last["p95"] / floor["p95"]
            query_counts = {rows[key]["queries"] for rows in keyed}
            reasons = []
            if last["p95"] > BUDGET_MS:
                reasons.append(f"p95 over {BUDGET_MS:.0f} ms")
            if ratio > FLOOR_FACTOR:
                reasons.append(f"over {FLOOR_FACTOR:.0f}× floor")
            if len(query_counts) > 1:
                reasons.append("queries grow")
            # What the page adds to base.html and the navigation, which every HTML page pays.
            layout = f"{last['p95'] / floors['layout floor']['p95']:.1f}×" if last["kind"] == "page" else ""
            cells += [f"{ratio:.0f}×", layout, "MISSED: " + ", ".join(reasons) if reasons else "OK"]
            if reasons:
                missed.append(f"{role} {page}: {', '.join(reasons)}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "q: SQL statements of one request (the most frequent count; a range when runs differ, e.g. the session "
        "written once a minute). Times in ms, server side through the test client (no network, no static files). "
        "p95 by nearest rank. Pages are compared with `floor` (HttpResponse through the whole middleware), API "
        f"lists with `API floor` (a DRF view returning {{}}); `layout floor` is base.html with an empty page, what "
        "every HTML page pays for the layout and the navigation. "
        f"Targets at the largest scale: p95 ≤ {BUDGET_MS:.0f} ms "
        f"and ≤ {FLOOR_FACTOR:.0f}× the floor; the same number of queries at every scale.",
    ]
    text = "\n".join(lines)
    if unmeasured:
        return text, 2
    return text, 1 if missed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10], help="municipality-years (default 1 10)")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--floor-runs", type=int, default=200, help="timed requests per floor (default 200)")
    parser.add_argument("--warm-up", type=int, default=3, help="requests before the timed ones (default 3)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--database-url",
        help="postgres://user:password@host:port/db of a role that may CREATE DATABASE: each scale gets a database "
        "of its own there, dropped afterwards (default: a throwaway SQLite file per scale)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--json", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        return child(arguments)
    return parent(arguments)


if __name__ == "__main__":
    sys.exit(main())
