"""Lockout after wrong passwords or codes, session expiry, password rules and the password change page."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.oath import TOTP

from insteg.accounts import two_factor
from insteg.accounts.models import User

PASSWORD = "correct horse battery staple"
LOCKED = "Kontot är tillfälligt låst"


def _code(device) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def _password(client, user, password=PASSWORD):
    return client.post(reverse("login"), {"username": user.username, "password": password})


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _with_app(user):
    device = two_factor.start_enrolment(user)
    two_factor.confirm_enrolment(device, _code(device))
    device.refresh_from_db()
    device.last_t -= 1
    device.save()
    return device


# -- Lockout ---------------------------------------------------------------------------------------------------


def test_ten_wrong_passwords_lock_the_name_with_a_swedish_page_until_the_cool_off_ends(swedish, supplier):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for _attempt in range(9):
            assert _password(swedish, supplier, "fel").status_code == 200
        response = _password(swedish, supplier, "fel")
        assert response.status_code == 429
        assert LOCKED in response.content.decode()
        assert _password(swedish, supplier).status_code == 429  # the right password too

        # Each try during the lock counts as well, so the quarter of an hour runs from the last one.
        traveller.shift(settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=5))
        assert _password(swedish, supplier).status_code == 429
        traveller.shift(settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1))
        response = _password(swedish, supplier)
    assert response.status_code == 302 and _signed_in(swedish)


def test_wrong_codes_count_towards_the_same_lock(swedish, matching_officer):
    device = _with_app(matching_officer)
    wrong = "000000" if _code(device) != "000000" else "111111"
    assert _password(swedish, matching_officer).status_code == 302
    for _attempt in range(9):
        assert swedish.post(reverse("accounts:login_code"), {"code": wrong}).status_code == 200
    response = swedish.post(reverse("accounts:login_code"), {"code": wrong})
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert not _signed_in(swedish)
    # Locked: neither the code step nor the password lets anyone in now.
    assert swedish.post(reverse("accounts:login_code"), {"code": _code(device)}).status_code in (302, 429)
    assert not _signed_in(swedish)
    assert _password(swedish, matching_officer).status_code == 429


def test_wrong_passwords_and_wrong_codes_add_up(swedish, matching_officer):
    device = _with_app(matching_officer)
    for _attempt in range(5):
        _password(swedish, matching_officer, "fel")
    _password(swedish, matching_officer)
    for _attempt in range(4):
        swedish.post(reverse("accounts:login_code"), {"code": "abcdefgh"})
    response = swedish.post(reverse("accounts:login_code"), {"code": "abcdefgh"})
    assert response.status_code == 429
    assert not _signed_in(swedish)
    assert device.user == matching_officer


def test_the_right_code_clears_the_count(client, matching_officer):
    device = _with_app(matching_officer)
    for _attempt in range(9):
        _password(client, matching_officer, "fel")
    _password(client, matching_officer)
    client.post(reverse("accounts:login_code"), {"code": _code(device)})
    assert _signed_in(client)
    client.logout()
    for _attempt in range(9):
        assert _password(client, matching_officer, "fel").status_code == 200


# -- Sessions --------------------------------------------------------------------------------------------------


def test_a_session_ends_after_the_idle_time_and_the_sign_in_page_says_why(english, procurement_officer):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        _password(english, procurement_officer)
        traveller.shift(datetime.timedelta(minutes=settings.INSTEG_SESSION_IDLE_MINUTES - 1))
        assert english.get(reverse("accounts:profile")).status_code == 200
        traveller.shift(datetime.timedelta(minutes=settings.INSTEG_SESSION_IDLE_MINUTES - 1))
        assert english.get(reverse("accounts:profile")).status_code == 200  # each request restarts the idle clock
        traveller.shift(datetime.timedelta(minutes=settings.INSTEG_SESSION_IDLE_MINUTES + 1))
        response = english.get(reverse("accounts:profile"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert f"after {settings.INSTEG_SESSION_IDLE_MINUTES} minutes without activity" in response.content.decode()
    assert not _signed_in(english)


def test_a_session_ends_hours_after_signing_in_however_busy(english, procurement_officer):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        english.force_login(procurement_officer)
        for _step in range(settings.INSTEG_SESSION_HOURS * 3):
            traveller.shift(datetime.timedelta(minutes=20))
            english.get(reverse("accounts:profile"))
        traveller.shift(datetime.timedelta(minutes=20))
        response = english.get(reverse("accounts:profile"), follow=True)
    assert "more than 8 hours ago" in response.content.decode()
    assert not _signed_in(english)


def test_the_session_cookie_lasts_the_configured_hours():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY


def test_signing_out_needs_a_post(client, supplier):
    client.force_login(supplier)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert not _signed_in(client)


# -- Passwords -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-ord", "too short"),
        ("password123", "too common"),
        ("48201937465", "entirely numeric"),
        ("karin.lindqvist", "too similar"),
    ],
)
def test_password_rules(db, password, message):
    user = User(username="karin.lindqvist", first_name="Karin", last_name="Lindqvist", email="karin@example.org")
    with pytest.raises(ValidationError) as error, translation.override("en"):
        password_validation.validate_password(password, user)
    assert any(message in text for text in error.value.messages)


def test_a_good_passphrase_passes_every_rule(db):
    user = User(username="karin.lindqvist", email="karin@example.org")
    password_validation.validate_password("granskog vid storsjön", user)


def test_the_password_change_page_applies_the_rules_and_keeps_the_person_signed_in(english, procurement_officer):
    english.force_login(procurement_officer)
    url = reverse("password_change")
    page = english.get(url)
    assert page.status_code == 200 and "Change password" in page.content.decode()
    data = {"old_password": PASSWORD, "new_password1": "12345678901", "new_password2": "12345678901"}
    response = english.post(url, data)
    assert response.status_code == 200 and "entirely numeric" in response.content.decode()
    data = {"old_password": "wrong", "new_password1": "fjällen i oviken", "new_password2": "fjällen i oviken"}
    assert english.post(url, data).status_code == 200
    data["old_password"] = PASSWORD
    response = english.post(url, data)
    assert response["Location"] == reverse("password_change_done")
    assert english.get(response["Location"]).status_code == 200
    procurement_officer.refresh_from_db()
    assert procurement_officer.check_password("fjällen i oviken")
    assert _signed_in(english)
