import pytest
from django.core.management import call_command
from django.urls import reverse

from insteg.accounts.models import Membership, Organisation, User
from insteg.core.navigation import ROLE_GUIDES


@pytest.mark.parametrize(
    "persona_name",
    ["procurement_officer", "matching_officer", "administrator", "supplier", "employment_officer", "funder"],
)
def test_each_role_gets_a_start_page_saying_what_it_can_do(request, english, persona_name):
    user = request.getfixturevalue(persona_name)
    english.force_login(user)
    html = english.get(reverse("core:home")).content.decode()
    guide = ROLE_GUIDES[user.membership.role]
    assert str(guide.intro).replace("'", "&#x27;") in html
    assert html.count("<h1") == 1


def test_only_privacy_supervisors_see_data_protection_in_the_navigation(
    client, administrator, data_protection_officer, supplier
):
    for supervisor in (administrator, data_protection_officer):
        client.force_login(supervisor)
        assert f'href="{reverse("privacy:overview")}"' in client.get("/").content.decode()
    client.force_login(supplier)
    assert f'href="{reverse("privacy:overview")}"' not in client.get("/").content.decode()


def test_the_page_is_swedish_by_default_and_english_on_request(client):
    html = client.get("/").content.decode()
    assert '<html lang="sv">' in html and "Logga in" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html and "Sign in" in html


@pytest.mark.parametrize(("language", "text"), [("sv", "Sidan finns inte"), ("en", "Page not found")])
def test_404_page_is_in_the_users_language(client, language, text):
    response = client.get("/finns-inte/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert text in response.content.decode()


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in client.get("/").content.decode()


def test_demo_is_idempotent_and_creates_the_contract_accounts(client):
    call_command("demo", no_serve=True)
    snapshot = (
        list(User.objects.order_by("pk").values_list("username", "password", "email")),
        list(Organisation.objects.order_by("pk").values_list("name", "org_number")),
        Membership.objects.count(),
    )
    call_command("demo", no_serve=True)
    assert snapshot == (
        list(User.objects.order_by("pk").values_list("username", "password", "email")),
        list(Organisation.objects.order_by("pk").values_list("name", "org_number")),
        Membership.objects.count(),
    )
    expected = {"upphandlare", "matchare", "admin", "dataskydd", "leverantor", "leverantor2", "af", "finansiar"}
    assert expected <= set(User.objects.values_list("username", flat=True))
    for username in expected:
        response = client.post(reverse("login"), {"username": username, "password": "demo"})
        assert response.status_code == 302, username
        assert client.get("/").status_code == 200
        client.post(reverse("logout"))


def test_production_hashes_passwords_with_argon2():
    from django.conf import settings as django_settings

    from insteg import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert django_settings.AUTH_USER_MODEL == "accounts.User"


def test_run_scheduled_forgets_expired_lockouts_and_is_idempotent(supplier):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    old = AccessAttempt.objects.create(username="lars", failures_since_start=10, ip_address="127.0.0.1")
    AccessAttempt.objects.filter(pk=old.pk).update(attempt_time=timezone.now() - timedelta(hours=2))
    fresh = AccessAttempt.objects.create(username="anna", failures_since_start=10, ip_address="127.0.0.1")
    call_command("run_scheduled")
    call_command("run_scheduled")
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [fresh.pk]
