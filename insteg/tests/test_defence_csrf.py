"""Every state-changing request needs the CSRF token: a signed-in person's browser cannot be made to post for them.

Each route of the access matrix is posted to without a token, by every persona that may use it, with a client
that checks CSRF like a browser's request would be checked. The answer must be 403 (or 405 where the route does
not take a POST at all), and nothing in the database may have changed. The API is included: a session signs
its calls in, so it must check the token too; a Bearer token is not sent by a browser on its own, so calls
signed with one are exempt by design.
"""

import hashlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from insteg.accounts.services import create_api_token
from insteg.tests.personas import PERSONAS
from insteg.tests.test_access_matrix import MATRIX

MAY_USE = {200, 302, 400, 415}
# Endpoints that take a file read multipart forms; a JSON body would be refused (415) before the token check.
FILE_UPLOADS = {"api:import_participants", "api:import_positions"}


def _database_fingerprint() -> str:
    """Every row of every model of ours, hashed: any change, however small, changes it."""
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if model.__module__.startswith(("insteg.", "django.contrib.auth", "axes", "knox")):
            digest.update(repr(list(model._base_manager.order_by("pk").values_list())).encode())
    return digest.hexdigest()


def _routes_for(persona_name):
    routes = sorted(route for route, (_m, _k, expected) in MATRIX.items() if expected[persona_name] in MAY_USE)
    if persona_name == "anonymous":  # an anonymous API call carries no session for a forged request to ride on
        routes = [route for route in routes if not route.startswith("api:")]
    return routes


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(world, persona_name):
    browser = Client(enforce_csrf_checks=True)
    if persona_name != "anonymous":
        browser.force_login(world["users"][persona_name])
    before = _database_fingerprint()
    accepted = []
    for route in _routes_for(persona_name):
        url = reverse(route, kwargs=world["kwargs"][route])
        if route.startswith("api:") and route not in FILE_UPLOADS:
            # a form body would be refused as unsupported (415) before the token check
            response = browser.post(url, {"status": "published"}, content_type="application/json")
        else:
            response = browser.post(url, {"title": "Forged", "status": "published"})
        posts = MATRIX[route][0] == "post"
        if response.status_code != 403 and (posts or response.status_code != 405):
            accepted.append(f"{route}: {response.status_code}")
    assert accepted == [], f"these routes took a POST without the CSRF token: {accepted}"
    assert _database_fingerprint() == before


def test_the_same_post_with_the_token_is_accepted(world):
    """The control: the refusal above is the missing token's doing, not the route's."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world["users"]["matching_officer"])
    url = reverse("followup:action_done", kwargs=world["kwargs"]["followup:action_done"])
    assert browser.post(url).status_code == 403
    browser.get(reverse("core:home"))
    token = browser.cookies["csrftoken"].value
    assert browser.post(url, HTTP_X_CSRFTOKEN=token).status_code == 302


def test_an_api_call_with_a_bearer_token_needs_no_csrf_token(world):
    user = world["users"]["matching_officer"]
    _token, secret = create_api_token(user, name="Script")
    browser = Client(enforce_csrf_checks=True)
    url = reverse("api:participant_erase", kwargs=world["kwargs"]["api:participant_erase"])
    response = browser.post(url, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200, response.content
    session = Client(enforce_csrf_checks=True)
    session.force_login(user)
    assert session.post(url, content_type="application/json").status_code == 403
