import json

import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from insteg.accounts.services import create_api_token


def test_me_answers_401_without_a_token(client):
    response = client.get(reverse("api:me"))
    assert response.status_code == 401
    assert set(response.json()) == {"detail"}


def test_me_answers_401_with_a_wrong_token(client):
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION="Bearer insteg_not-a-real-token")
    assert response.status_code == 401


def test_me_answers_the_user_with_a_bearer_token(client, supplier, supplier_org):
    _token, secret = create_api_token(supplier, name="test")
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json() == {
        "username": "lars",
        "name": supplier.name,
        "role": "supplier_contact",
        "roles": ["supplier_contact"],
        "organisation": {"id": supplier_org.pk, "name": "Storsjöbygg AB", "kind": "supplier"},
    }


def test_a_browser_session_works_too(client, funder):
    client.force_login(funder)
    assert client.get(reverse("api:me")).json()["role"] == "funder_viewer"


def test_errors_come_in_the_users_language(client):
    assert client.get(reverse("api:me"), HTTP_ACCEPT_LANGUAGE="en").json()["detail"] == (
        "Authentication credentials were not provided."
    )
    assert "Autentisering" in client.get(reverse("api:me"), HTTP_ACCEPT_LANGUAGE="sv").json()["detail"]


def test_the_openapi_document_validates_and_names_bearer_auth(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    document = json.loads(response.content)
    validate(document)
    assert "/api/v1/me" in document["paths"]
    schemes = document["components"]["securitySchemes"]
    assert any(scheme.get("scheme") == "bearer" for scheme in schemes.values())


def test_the_browsable_docs_are_served_without_inline_script(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html and "swagger-ui" in html


def test_a_wrong_method_is_a_405_with_a_sentence(client, supplier):
    # There is no write endpoint yet to send malformed JSON to; issue 3 adds those tests with its first one.
    client.force_login(supplier)
    response = client.post(reverse("api:me"), "{not json", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "POST" not allowed.'}


def test_anonymous_clients_are_throttled_with_429(client, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "1000/minute"})
    statuses = [client.get(reverse("api:schema")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "detail" in client.get(reverse("api:schema"), HTTP_ACCEPT="application/json").json()


def test_create_api_token_command_prints_the_token_last(supplier, capsys):
    from django.core.management import call_command

    call_command("create_api_token", supplier.username)
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    from django.test import Client

    assert Client().get(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {secret}").json()["username"] == "lars"


def test_create_api_token_command_refuses_an_unknown_user():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No active user"):
        call_command("create_api_token", "nobody")


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,  # deeper than Python's JSON decoder can go
        json.dumps({"name": "x" * 3_000_000}),  # over DATA_UPLOAD_MAX_MEMORY_SIZE
    ],
    ids=["deeply-nested", "oversized"],
)
def test_hostile_bodies_get_a_400_in_the_error_format(client, body):
    """The parser and the error handler are the API's own, shared by every endpoint; a public one shows it."""
    response = client.post(reverse("api:training_withdraw"), body, content_type="application/json")
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_an_unknown_format_is_bad_input_with_a_sentence(client, supplier):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(supplier)
    response = client.get("/api/v1/me/export", {"format": "' OR 1=1 --"})
    assert response.status_code == 400
    assert response.json()["errors"]["format"] == ["Unknown format. Choose one of: json, pdf."]
    assert client.get("/api/v1/me/export", {"format": "pdf"})["Content-Type"] == "application/pdf"
