"""Two-factor sign-in in a real browser: a matching officer sets up the app, signs out and signs in with a code."""

import time
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from insteg.tests.e2e.test_pages_a11y import _assert_accessible

PASSWORD = "correct horse battery staple"


def _code(secret_text: str, *, steps_ahead: int = 0) -> str:
    """What the phone's app would show: TOTP (RFC 6238) from the key the page prints for typing by hand."""
    key = b32decode(secret_text.replace(" ", "") + "=" * (-len(secret_text.replace(" ", "")) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def _password(page, base, user):
    page.goto(base + reverse("login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_matching_officer_sets_up_the_app_then_signs_in_with_a_code(live_server, page, matching_officer, language):
    base = live_server.url
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])

    _password(page, base, matching_officer)
    page.wait_for_url(base + reverse("accounts:login_enrol"))
    _assert_accessible(page, language)
    assert page.locator("img.qr-code").get_attribute("src").startswith("data:image/svg+xml;base64,")
    secret = page.inner_text("#totp-secret")

    page.fill("#id_code", "000000" if _code(secret) != "000000" else "111111")
    page.click("main button[type=submit]")
    assert page.locator(".field-error").is_visible()
    _assert_accessible(page, language)

    time.sleep(1.1)  # django-otp waits a second after a wrong code before it tries again
    page.fill("#id_code", _code(secret))
    page.click("main button[type=submit]")
    codes = page.locator("#backup-codes code").all_inner_texts()
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=matching_officer).values_list("token", flat=True)
    )
    _assert_accessible(page, language)
    page.click("main a.button")
    page.wait_for_url(base + "/")
    assert TOTPDevice.objects.get(user=matching_officer).confirmed

    page.click("form[action='/accounts/logout/'] button")
    page.wait_for_load_state()

    _password(page, base, matching_officer)
    page.wait_for_url(base + reverse("accounts:login_code"))
    _assert_accessible(page, language)
    # The code used to set up the app cannot be used again: the next one from the app can.
    page.fill("#id_code", _code(secret, steps_ahead=1))
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/")
    assert matching_officer.first_name in page.inner_text("header")


def test_a_backup_code_signs_in_once(live_server, page, matching_officer):
    from insteg.accounts import two_factor

    device = two_factor.start_enrolment(matching_officer)
    codes = two_factor.confirm_enrolment(device, f"{TOTP(device.bin_key).token():06d}")
    base = live_server.url

    _password(page, base, matching_officer)
    page.fill("#id_code", codes[0].upper())
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/")
    assert StaticToken.objects.filter(device__user=matching_officer).count() == 9
