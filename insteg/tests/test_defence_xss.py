"""A script put into every free-text field of every record is shown as text on every page, never run.

The payload is written straight into the database (as if an earlier bug, an import or the admin had stored
it), so the test proves the output is escaped whatever the forms accept. Fields that cannot hold free text are
listed with the reason in insteg/tests/world.py (NOT_FREE_TEXT).
"""

import pytest
from django.urls import reverse

from insteg.tests import world as w
from insteg.tests.personas import PERSONAS
from insteg.tests.test_access_matrix import MATRIX

# Content types in which markup would run or be parsed: the payload must appear escaped.
MARKUP = ("text/html", "application/xhtml+xml", "application/xml", "text/xml", "application/atom+xml")
MARKUP += ("application/rss+xml", "image/svg+xml")
# Downloads and data: the payload is plain text there (a browser neither runs nor sniffs them: nosniff).
AS_TEXT = ("application/json", "text/csv", "text/calendar", "application/pdf", "application/vnd.", "text/plain")
AS_TEXT += ("application/vnd.oai.openapi",)


@pytest.fixture(scope="module")
def poisoned(world, django_db_blocker):
    with django_db_blocker.unblock():
        assert w.poison() > 0
    return world


def _pages(persona_name):
    return sorted(
        route
        for route, (method, _make, expected) in MATRIX.items()
        if method == "get" and expected[persona_name] == 200
    )


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_a_stored_script_is_shown_escaped_on_every_page(client, poisoned, persona_name):
    if persona_name != "anonymous":
        client.force_login(poisoned["users"][persona_name])
    unsafe, escaped, not_json, unknown = [], [], [], []
    for route in _pages(persona_name):
        response = client.get(reverse(route, kwargs=poisoned["kwargs"][route]))
        assert response.status_code == 200, f"{route}: {response.status_code}"
        content_type = response.get("Content-Type", "")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if content_type.startswith(MARKUP):
            text = body.decode()
            if w.unescaped_marks(text):
                unsafe.append(route)
            if w.has_escaped_payload(text):
                escaped.append(route)
        elif not content_type.startswith(AS_TEXT):
            unknown.append(f"{route}: {content_type}")
        is_api = route.startswith("api:") and route not in ("api:docs", "api:schema")
        if is_api and not content_type.startswith("application/json"):
            not_json.append(route)
    assert unsafe == [], "the payload runs on these pages"
    assert not_json == [], "API answers must be served as JSON"
    assert unknown == [], "decide whether these content types are markup"
    assert escaped, "no page showed the payload at all: the test would prove nothing"
