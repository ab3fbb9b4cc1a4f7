"""Schemathesis fuzzes every operation of the served OpenAPI document, as each role and as an anonymous client.

The document is the one the application serves at `/api/v1/openapi.json`, fetched through WSGI at collection; the
requests go to the application in-process (WSGI, the full middleware stack), inside the test's transaction, so
nothing is left behind. The data is the demo's plus an object for every route of the access matrix
(insteg/tests/world.py), seeded once for the module; half of an operation's cases are sent to those real objects
(a random id mostly finds nothing), the other half keep the generated ids (huge, negative or unknown ones must
be a 404 too).

A case fails on a 5xx, or on an answer the document does not describe: an undocumented status code, another
content type, a body or a header not matching its schema. Bounded and reproducible: the document's own examples
plus `MAX_EXAMPLES` derandomised generated cases (valid and invalid) per operation and role; no shrinking.
Schemathesis's coverage phase (every boundary value of every parameter: ~15 times the requests) is off; run it
by hand before a release: `uv run schemathesis run` against a server (docs/api.md, "Fuzzing").

One operation: `-k "POST and participants and matching_officer"`. One role: `-k supplier_contact`.
"""

import zlib
from unittest import mock

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import Resolver404, resolve
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.config import HealthCheck
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

import insteg.wsgi
from insteg.accounts.services import create_api_token
from insteg.tests.world import ModuleWorld

# Each role, and the persona of the seeded world who holds it; anonymous sends no token.
ROLES = {
    "anonymous": None,
    "procurement_officer": "procurement_officer",
    "matching_officer": "matching_officer",
    "administrator": "administrator",
    "data_protection_officer": "data_protection_officer",
    "supplier_contact": "supplier",
    "employment_officer": "employment_officer",
    "funder_viewer": "funder",
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
MAX_EXAMPLES = 4
# No rate at all: thousands of requests a minute would otherwise be answered 429 (test_api.py tests throttling).
UNTHROTTLED = {"anon": None, "user": None, "training_registration": None}


def _served_document() -> schemathesis.BaseSchema:
    """The document as the application serves it, fetched at collection, before any test database exists.

    Throttling is off for the fetch: counting requests is the one part of serving the document that reads the
    database (the cache is a table)."""
    with mock.patch.object(SimpleRateThrottle, "THROTTLE_RATES", UNTHROTTLED):
        served = schemathesis.openapi.from_wsgi(
            "/api/v1/openapi.json", insteg.wsgi.application, headers={"Accept": "application/json"}
        )
    served.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True, database="none", no_shrink=True)
    served.config.update(suppress_health_check=[HealthCheck.all])
    served.config.phases.coverage.enabled = False
    return served


schema = _served_document()


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """The seeded world and a read-and-write token for every persona, rolled back at the module's end."""
    with ModuleWorld(django_db_blocker) as world:
        tokens = {persona: create_api_token(user, name="fuzz")[1] for persona, user in world["users"].items()}
        yield {**world, "tokens": tokens}


@pytest.fixture(scope="module")
def _connection_kept_open():
    """As Django's test client does: after each request the application closes the database connection, which
    would end the test's transaction (on SQLite, close the database under it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_throttling(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", UNTHROTTLED)


class _Placeholders(dict):
    def __missing__(self, key):
        return "1"


def _route(case) -> str | None:
    """The URL name of the case's operation, found by resolving its path with placeholder values."""
    try:
        return resolve(case.operation.full_path.format_map(_Placeholders())).view_name
    except Resolver404:
        return None


def _with_real_objects(case, world) -> None:
    """Point a stable half of the cases (the choice hashes the generated values) at the world's real objects."""
    if not case.path_parameters or zlib.crc32(repr(sorted(case.path_parameters.items())).encode()) % 2:
        return
    for name, value in (world["kwargs"].get(_route(case)) or {}).items():
        parameter = "id" if name == "pk" else name  # drf-spectacular documents `pk` as `id`
        if parameter in case.path_parameters:
            case.path_parameters[parameter] = value


@schema.parametrize()
@pytest.mark.parametrize("role", ROLES)
def test_every_answer_is_documented_and_no_server_error(case, role, fuzz_world, _connection_kept_open):
    persona = ROLES[role]
    headers = {"Authorization": f"Bearer {fuzz_world['tokens'][persona]}"} if persona else {}
    _with_real_objects(case, fuzz_world)
    case.call_and_validate(headers=headers, checks=CHECKS)
