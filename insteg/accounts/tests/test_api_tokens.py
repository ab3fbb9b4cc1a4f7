"""API tokens with a scope and an expiry: read-only tokens change nothing, expired and revoked ones get 401."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from insteg.accounts.models import ApiToken
from insteg.accounts.services import create_api_token
from insteg.privacy.models import AuditEvent


def _api(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_ACCEPT_LANGUAGE="en")


def _days(token) -> int:
    return round((token.expiry - token.created).total_seconds() / 86400)


def test_the_tokens_page_creates_a_read_only_token_with_a_chosen_expiry(english, supplier):
    english.force_login(supplier)
    page = english.get(reverse("accounts:tokens")).content.decode()
    assert 'name="scope"' in page and 'value="90"' in page
    english.post(reverse("accounts:tokens"), {"name": "Rapporter", "scope": "read", "days": "30"})
    token = ApiToken.objects.get(user=supplier)
    assert token.scope == ApiToken.Scope.READ
    assert _days(token) == 30
    assert "Read only" in english.get(reverse("accounts:tokens")).content.decode()
    assert AuditEvent.objects.filter(action="api_token.created", data__scope="read", data__days=30).exists()


@pytest.mark.parametrize("days", ["0", "366", "-4", "ett år", ""])
def test_an_expiry_outside_one_to_365_days_is_refused(english, supplier, days):
    english.force_login(supplier)
    response = english.post(reverse("accounts:tokens"), {"name": "X", "scope": "read", "days": days})
    assert response.status_code == 200 and 'class="error-summary' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_read_only_token_reads_but_every_change_is_refused_with_a_reason(supplier):
    _token, secret = create_api_token(supplier, name="läsare", scope=ApiToken.Scope.READ)
    api = _api(secret)
    assert api.get(reverse("api:me")).status_code == 200
    assert api.get(reverse("api:tokens")).status_code == 200
    for method in (api.post, api.put, api.patch, api.delete):
        response = method(
            reverse("api:tokens"), {"name": "mer", "scope": "read_write"}, content_type="application/json"
        )
        assert response.status_code == 403
        assert "may only read" in response.json()["detail"]
    assert ApiToken.objects.count() == 1


def test_a_read_write_token_may_change_things(supplier):
    _token, secret = create_api_token(supplier, name="skrivare")
    response = _api(secret).post(
        reverse("api:tokens"), {"name": "läsare", "scope": "read", "days": 7}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["scope"] == "read" and body["token"].startswith("insteg_") and body["name"] == "läsare"
    assert _api(body["token"]).get(reverse("api:me")).status_code == 200


def test_a_token_made_with_a_token_lasts_no_longer_than_it(supplier):
    _token, secret = create_api_token(supplier, name="kort", days=5)
    response = _api(secret).post(
        reverse("api:tokens"), {"name": "lång", "scope": "read_write", "days": 365}, content_type="application/json"
    )
    new = ApiToken.objects.get(name="lång")
    assert response.status_code == 201 and _days(new) <= 5


def test_bad_token_input_gets_400_with_the_field_named(supplier):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(supplier)
    for data, field in [
        ({"name": "x", "scope": "admin"}, "scope"),
        ({"name": "x", "scope": "read", "days": 0}, "days"),
        ({"name": "x", "scope": "read", "days": "30"}, "days"),
        ({"name": "x", "scope": "read", "owner": 1}, "owner"),
        ({"scope": "read"}, "name"),
    ]:
        response = client.post(reverse("api:tokens"), data, content_type="application/json")
        assert response.status_code == 400, data
        assert field in response.json()["errors"]
    assert not ApiToken.objects.exists()


def test_an_expired_token_gets_401(supplier):
    _token, secret = create_api_token(supplier, name="kort", days=1)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=1)):
        assert _api(secret).get(reverse("api:me")).status_code == 401
    assert not ApiToken.objects.exists()


def test_a_revoked_token_gets_401_and_only_its_owner_can_revoke_it(supplier, other_supplier):
    token, secret = create_api_token(supplier, name="gammal")
    _other, other_secret = create_api_token(other_supplier, name="grannen")
    assert _api(other_secret).delete(reverse("api:token", args=[token.digest])).status_code == 404
    listed = _api(secret).get(reverse("api:tokens")).json()["results"]
    assert [item["name"] for item in listed] == ["gammal"]
    assert _api(secret).delete(reverse("api:token", args=[token.digest])).status_code == 204
    assert _api(secret).get(reverse("api:me")).status_code == 401


def test_anonymous_gets_401_from_the_token_api(db):
    assert Client().get(reverse("api:tokens")).status_code == 401


def test_the_command_takes_scope_and_days_and_prints_the_token_last(supplier):
    out = io.StringIO()
    call_command(
        "create_api_token", supplier.username, "--scope", "read", "--days", "10", stdout=out, stderr=io.StringIO()
    )
    secret = out.getvalue().strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert secret.startswith("insteg_") and token.scope == "read" and _days(token) == 10


def test_the_command_defaults_to_read_and_write_for_ninety_days(supplier):
    call_command("create_api_token", supplier.username, stdout=io.StringIO(), stderr=io.StringIO())
    token = ApiToken.objects.get()
    assert token.scope == "read_write" and _days(token) == 90


@pytest.mark.parametrize("args", [["--days", "0"], ["--days", "400"], ["--scope", "admin"]])
def test_the_command_refuses_bad_options(supplier, args):
    with pytest.raises(Exception):  # noqa: B017 - CommandError or argparse's SystemExit-based error
        call_command("create_api_token", supplier.username, *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert not ApiToken.objects.exists()
