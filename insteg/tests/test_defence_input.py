"""Hostile input is refused cleanly: SQL-injection-shaped filters, oversized bodies and overlong text never give
a 500, and an injection never widens what a filter returns.

Every page and API list of the access matrix is tried by a persona that may open it, in the seeded world of
insteg/tests/world.py. Filter parameters come from each page's own GET forms and, for the API, from its OpenAPI
schema; the parameters the views read by name (a grep of request.GET) are tried everywhere too.
"""

import json
import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from insteg.tests import world as w
from insteg.tests.test_access_matrix import MATRIX

INJECTIONS = ["' OR 1=1 --", "1; DROP TABLE accounts_user", "%' UNION SELECT username, password FROM accounts_user --"]
HONEST = "zzqx-no-such-thing"
# Query parameters the views read without a form (page numbers, switches, preselections).
READ_BY_NAME = ["page", "q", "status", "kind", "position", "course", "preset", "position_type", "team", "format"]
READ_BY_NAME += ["questions", "bilaga", "next", "cancel", "email", "person", "viewer", "purpose", "from", "to"]
# Who tries each page: the first persona of this list that may open it.
TRIERS = ["administrator", "matching_officer", "procurement_officer", "supplier", "employment_officer", "funder"]
TRIERS += ["data_protection_officer", "anonymous"]


def _pages():
    for route, (method, _make, expected) in sorted(MATRIX.items()):
        if method == "get":
            persona = next((name for name in TRIERS if expected.get(name) == 200), None)
            if persona:
                yield route, persona


PAGES = list(_pages())
# Downloads: no forms on them; they are tried with the parameters read by name only.
DOWNLOADS = ("_pdf", "_xlsx", "_csv", "_docx", "_ics", ":feed", ":certificate", ":export", ":open_data_ocds")


def _client_for(client, world, persona_name):
    if persona_name != "anonymous":
        client.force_login(world["users"][persona_name])
    return client


def _rows(response) -> int | None:
    """How many records an answer shows: table rows of a page, items of an API list."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/json"):
        data = response.json()
        if isinstance(data, dict) and "count" in data:
            return data["count"]
        return len(data) if isinstance(data, list) else None
    if content_type.startswith("text/html"):
        return response.content.decode().count("<tr")
    return None


_schema_cache = {}


def _api_query_parameters(path: str) -> list[str]:
    """The query parameters the OpenAPI schema declares for the GET of this path."""
    if not _schema_cache:
        _schema_cache.update(SchemaGenerator().get_schema(request=None, public=True)["paths"])
    for template, operations in _schema_cache.items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), path) and "get" in operations:
            return [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
    return []


def _filter_names(client, route, url) -> list[str]:
    if route.startswith("api:"):
        names = _api_query_parameters(url)
    elif route.endswith(DOWNLOADS):
        return []
    else:
        page = client.get(url)
        if not page.get("Content-Type", "").startswith("text/html"):
            return []
        names = [
            f["name"] for form in w.forms(page.content.decode()) if form["method"] == "get" for f in form["fields"]
        ]
    return sorted(set(names) - {"csrfmiddlewaretoken"})


def _assert_clean(response, url, query):
    assert response.status_code in (200, 400, 404), f"{url} {query}: {response.status_code}"
    if response.status_code == 404:  # the API's page numbers: DRF answers an invalid page "Invalid page."
        assert url.startswith("/api/") and set(query) == {"page"} and response.json()["detail"], f"{url} {query}"
    if response.status_code == 400 and response.get("Content-Type", "").startswith("application/json"):
        assert response.json()["detail"], "a 400 says what is wrong"


@pytest.mark.parametrize(("route", "persona_name"), PAGES)
def test_injection_shaped_filters_are_answered_cleanly_and_widen_nothing(client, world, route, persona_name):
    client = _client_for(client, world, persona_name)
    url = reverse(route, kwargs=world["kwargs"][route])
    for name in _filter_names(client, route, url):
        honest = client.get(url, {name: HONEST})
        for value in INJECTIONS:
            response = client.get(url, {name: value})
            _assert_clean(response, url, {name: value})
            if response.status_code == honest.status_code == 200 and _rows(response) is not None:
                assert _rows(response) <= _rows(honest), f"{url} {name}={value} shows more than an honest filter"
    # The parameters views read by name, all at once (DRF keeps `format` for itself: an unknown one is a 404).
    names = [name for name in READ_BY_NAME if not (route.startswith("api:") and name in ("format", "page"))]
    query = dict.fromkeys(names, INJECTIONS[0])
    _assert_clean(client.get(url, query), url, query)


# Oversized bodies: a form or API body larger than Django accepts is a clean 400, not a crash.
BODY_ROUTES = [
    ("login", "anonymous"),
    ("accounts:register", "anonymous"),
    ("procurement:create", "procurement_officer"),
    ("matching:participant_create", "matching_officer"),
    ("training:session", "anonymous"),
    ("notices:ask", "supplier"),
]
API_BODY_ROUTES = [("api:participants", "matching_officer"), ("api:procurements", "procurement_officer")]
API_BODY_ROUTES += [("api:situation_events", "matching_officer"), ("api:training_session_cancel", "administrator")]


@pytest.mark.parametrize(("route", "persona_name"), BODY_ROUTES)
def test_a_form_body_over_the_upload_limit_is_a_clean_400_page(client, world, route, persona_name):
    client = _client_for(client, world, persona_name)
    url = reverse(route, kwargs=world["kwargs"][route])
    response = client.post(url, {"name": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    assert response.status_code in (400, 413)
    assert "<h1>" in response.content.decode(), "the answer is a page, not a bare error"


@pytest.mark.parametrize(("route", "persona_name"), API_BODY_ROUTES)
def test_an_api_body_over_the_upload_limit_is_a_clean_400_in_json(client, world, route, persona_name):
    client = _client_for(client, world, persona_name)
    url = reverse(route, kwargs=world["kwargs"][route])
    body = json.dumps({"text": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response = client.post(url, body, content_type="application/json")
    assert response.status_code in (400, 413)
    assert response["Content-Type"].startswith("application/json") and response.json()["detail"]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=20_000)
@pytest.mark.parametrize("persona_name", ["administrator", "matching_officer", "supplier", "anonymous"])
def test_every_route_answers_an_oversized_body_without_a_crash(client, world, persona_name):
    client = _client_for(client, world, persona_name)
    crashed = []
    for route, (_method, _make, expected) in sorted(MATRIX.items()):
        if expected[persona_name] not in (200, 302, 400, 415):
            continue
        url = reverse(route, kwargs=world["kwargs"][route])
        if route.startswith("api:"):
            response = client.post(url, json.dumps({"text": "x" * 30_000}), content_type="application/json")
        else:
            response = client.post(url, {"text": "x" * 30_000})
        if response.status_code >= 500:
            crashed.append(route)
    assert crashed == []


LONG = "x" * 10_000


def _main_forms():
    """Every page with a POST form, with a persona that may open it."""
    for route, persona in PAGES:
        if not route.startswith("api:") and not route.endswith(DOWNLOADS):
            yield route, persona


@pytest.mark.parametrize(("route", "persona_name"), list(_main_forms()))
def test_ten_thousand_characters_in_every_text_field_give_form_errors_not_a_crash(client, world, route, persona_name):
    client = _client_for(client, world, persona_name)
    url = reverse(route, kwargs=world["kwargs"][route])
    page = client.get(url)
    if not page.get("Content-Type", "").startswith("text/html"):
        return
    for form in w.forms(page.content.decode()):
        if form["method"] != "post":
            continue
        data = {}
        for field in form["fields"]:
            if field["type"] in ("text", "textarea", "email", "search", "tel", "url", "password"):
                data[field["name"]] = LONG
            elif field["type"] not in ("checkbox", "radio", "submit", "file", "button"):
                data[field["name"]] = field["value"]
        if not any(value == LONG for value in data.values()):
            continue
        response = client.post(form["action"] or url, data)
        assert response.status_code < 500, f"{route}: {form['action']} crashed"
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            text = response.content.decode()
            assert "error" in text.lower() or "fel" in text.lower(), f"{route}: the form says what is wrong"
