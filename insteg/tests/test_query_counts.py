"""Every list page and API list runs the same number of SQL queries however much data there is.

The synthetic data of `insteg generate_data` is built at two sizes, each rolled back afterwards, and every role's
lists are fetched with a warmed session at a frozen time (the session's activity stamp is written at most once a
minute, so a moving clock would add a write now and then). A list that fetches a related row per item (an N+1)
shows up as a larger count at the larger size. benchmarks/pages.py measures the same lists for time.
"""

import datetime

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from insteg.core import synthetic

AS_OF = datetime.date(2026, 11, 2)
SMALL, LARGE = 0.02, 0.08

PAGES = {
    "procurement_officer": [
        "procurement:list", "procurement:criterion_list", "notices:list", "contracts:list", "contracts:positions",
        "training:sessions", "reports:dashboard", "api:procurements", "api:contracts", "api:positions",
        "api:criteria", "api:notices", "api:training_sessions",
    ],
    "matching_officer": [
        "matching:participants", "matching:placements", "followup:due", "training:manage", "contracts:positions",
        "api:participants", "api:placements", "api:followups_due", "api:saved_proposals", "api:positions",
    ],
    "administrator": [
        "procurement:list", "privacy:audit_trail", "accounts:organisation_list", "retention:records",
        "retention:holds",
    ],
    "data_protection_officer": ["privacy:view_log"],
    "supplier_contact": [
        "procurement:list", "contracts:list", "contracts:positions", "matching:placements", "training:company",
        "api:contracts", "api:placements", "api:positions",
    ],
    "employment_officer": ["matching:participants", "matching:placements", "api:participants", "api:placements"],
    "funder": ["reports:dashboard"],
}  # fmt: skip
EXTRA_QUERY = {"followup:due": "?team=1"}  # the team's list is the longer one


class _Undo(Exception):
    pass


def _queries_per_list(scale: float) -> dict[tuple[str, str], int]:
    counts = {}
    try:
        with transaction.atomic():
            personas = synthetic.generate(scale, as_of=AS_OF).personas.by_role()
            for role, routes in PAGES.items():
                client = Client(HTTP_ACCEPT_LANGUAGE="en")
                client.force_login(personas[role])
                for route in routes:
                    url = reverse(route) + EXTRA_QUERY.get(route, "")
                    assert client.get(url).status_code == 200, f"{role} {url}"  # warms the session and caches
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(url)
                    assert response.status_code == 200, f"{role} {url}"
                    counts[role, route] = len(queries)
            raise _Undo
    except _Undo:
        pass
    return counts


@pytest.mark.django_db(transaction=False)
def test_every_list_runs_the_same_queries_at_two_sizes():
    with time_machine.travel(datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC), tick=False):
        small = _queries_per_list(SMALL)
        large = _queries_per_list(LARGE)
    grew = {key: (small[key], large[key]) for key in small if small[key] != large[key]}
    assert grew == {}, f"these lists run more queries with more data: {grew}"
