"""Two-step sign-in: the password, then a code from the app or a backup code; setting up the app; managing it."""

import re

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from insteg.accounts import two_factor
from insteg.accounts.apps import check_settings
from insteg.privacy.models import AuditEvent

PASSWORD = "correct horse battery staple"


def _code(device) -> str:
    """What the phone's app shows now."""
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def _enrolled(user) -> tuple[TOTPDevice, list[str]]:
    """A person who set up the app half a minute ago (so the code of "now" is still unused)."""
    device = two_factor.start_enrolment(user)
    codes = two_factor.confirm_enrolment(device, _code(device))
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=device.last_t - 1)
    device.refresh_from_db()
    return device, codes


def _password(client, user, next_url: str = ""):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def _other_browser() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# -- Who must give a code --------------------------------------------------------------------------------------


def test_a_role_that_reads_participant_data_must_set_up_the_app_before_any_session_is_signed_in(
    english, matching_officer
):
    response = _password(english, matching_officer)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login_enrol")
    assert not _signed_in(english)
    assert english.get(reverse("core:home")).wsgi_request.user.is_anonymous


@pytest.mark.parametrize("persona_name", ["matching_officer", "administrator", "data_protection_officer"])
def test_every_role_in_the_setting_needs_a_second_factor(request, persona_name):
    assert two_factor.is_required_for(request.getfixturevalue(persona_name))


@pytest.mark.parametrize("persona_name", ["procurement_officer", "supplier", "employment_officer", "funder"])
def test_other_roles_sign_in_with_the_password_alone(request, client, persona_name):
    user = request.getfixturevalue(persona_name)
    response = _password(client, user)
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert _signed_in(client)


def test_turning_the_requirement_off_lets_the_roles_in_with_a_password(client, settings, matching_officer):
    settings.INSTEG_REQUIRE_TWO_FACTOR = False
    _password(client, matching_officer)
    assert _signed_in(client)


def test_someone_who_turned_it_on_voluntarily_always_gives_a_code(client, settings, supplier):
    settings.INSTEG_REQUIRE_TWO_FACTOR = False
    _enrolled(supplier)
    response = _password(client, supplier)
    assert response["Location"] == reverse("accounts:login_code")
    assert not _signed_in(client)


def test_an_unknown_role_in_the_setting_stops_the_start(settings):
    settings.INSTEG_TWO_FACTOR_ROLES = ["matching_officer", "matchning_officer"]
    with pytest.raises(ImproperlyConfigured, match="matchning_officer"):
        check_settings()


# -- Setting up the app at sign-in -----------------------------------------------------------------------------


def test_setting_up_the_app_shows_a_qr_code_and_the_key_and_ends_with_ten_backup_codes(english, matching_officer):
    _password(english, matching_officer, next_url="/participants/")
    page = english.get(reverse("accounts:login_enrol"))
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    secret = re.search(r'id="totp-secret">([^<]+)<', html).group(1)
    device = TOTPDevice.objects.get(user=matching_officer, confirmed=False)
    assert secret.replace(" ", "") == two_factor.secret_text(device).replace(" ", "")
    # Reloading the page keeps the same key: the phone may have scanned it already.
    assert secret in english.get(reverse("accounts:login_enrol")).content.decode()

    response = english.post(reverse("accounts:login_enrol"), {"code": _code(device)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(codes) == 10 == len(set(codes))
    assert _signed_in(english) and english.session["otp_device_id"] == device.persistent_id
    assert 'href="/participants/"' in response.content.decode()
    assert TOTPDevice.objects.get(user=matching_officer).confirmed
    assert AuditEvent.objects.filter(action="two_factor.enabled", actor=matching_officer).exists()


def test_a_wrong_code_while_setting_up_says_so_and_signs_nobody_in(english, matching_officer):
    _password(english, matching_officer)
    english.get(reverse("accounts:login_enrol"))
    response = english.post(reverse("accounts:login_enrol"), {"code": "12345"})
    assert "The code is not right" in response.content.decode()
    assert not _signed_in(english)
    assert not TOTPDevice.objects.filter(user=matching_officer, confirmed=True).exists()


def test_without_the_password_step_the_second_step_sends_you_back(english, matching_officer):
    for name in ("accounts:login_enrol", "accounts:login_code"):
        response = english.get(reverse(name), follow=True)
        assert response.redirect_chain[-1][0] == reverse("login")
        assert "Sign in again with your password" in response.content.decode()
    assert not TOTPDevice.objects.exists()


def test_a_pending_sign_in_expires_after_five_minutes(english, matching_officer):
    device, _codes = _enrolled(matching_officer)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _password(english, matching_officer)
        traveller.shift(settings.INSTEG_PENDING_LOGIN_SECONDS + 1)
        response = english.post(reverse("accounts:login_code"), {"code": _code(device)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert not _signed_in(english)


def test_a_password_change_voids_a_half_finished_sign_in(english, matching_officer):
    device, _codes = _enrolled(matching_officer)
    _password(english, matching_officer)
    matching_officer.set_password("another long passphrase")
    matching_officer.save()
    english.post(reverse("accounts:login_code"), {"code": _code(device)})
    assert not _signed_in(english)


# -- The code at sign-in ---------------------------------------------------------------------------------------


def test_the_right_code_signs_in_verified_and_goes_where_the_person_was_going(english, matching_officer):
    device, _codes = _enrolled(matching_officer)
    _password(english, matching_officer, next_url="/participants/")
    assert not _signed_in(english)
    page = english.get(reverse("accounts:login_code"))
    assert 'autocomplete="one-time-code"' in page.content.decode()
    response = english.post(reverse("accounts:login_code"), {"code": _code(device)[:3] + " " + _code(device)[3:]})
    assert response.status_code == 302 and response["Location"] == "/participants/"
    assert english.session["otp_device_id"] == device.persistent_id


def test_a_next_address_on_another_site_is_ignored(english, procurement_officer):
    response = _password(english, procurement_officer, next_url="https://evil.example/")
    assert response["Location"] == reverse("core:home")


def test_a_wrong_code_is_refused_with_a_clear_message(english, matching_officer):
    device, _codes = _enrolled(matching_officer)
    _password(english, matching_officer)
    wrong = "000000" if _code(device) != "000000" else "111111"
    response = english.post(reverse("accounts:login_code"), {"code": wrong})
    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert not _signed_in(english)


def test_a_code_is_refused_the_second_time(english, matching_officer):
    device, _codes = _enrolled(matching_officer)
    code = _code(device)
    _password(english, matching_officer)
    english.post(reverse("accounts:login_code"), {"code": code})
    assert _signed_in(english)

    client = _other_browser()
    _password(client, matching_officer)
    response = client.post(reverse("accounts:login_code"), {"code": code})
    assert "The code is not right" in response.content.decode()
    assert not _signed_in(client)


def test_right_after_a_wrong_code_django_otp_asks_to_wait(english, matching_officer):
    device, _codes = _enrolled(matching_officer)
    _password(english, matching_officer)
    english.post(reverse("accounts:login_code"), {"code": "abcdef"})
    english.post(reverse("accounts:login_code"), {"code": "000001" if _code(device) != "000001" else "000002"})
    response = english.post(reverse("accounts:login_code"), {"code": _code(device)})
    assert "Wait a minute" in response.content.decode()
    assert not _signed_in(english)


def test_a_backup_code_works_once(english, matching_officer):
    _device, codes = _enrolled(matching_officer)
    _password(english, matching_officer)
    english.post(reverse("accounts:login_code"), {"code": codes[0].upper()})
    assert _signed_in(english)
    assert StaticToken.objects.filter(device__user=matching_officer).count() == 9

    client = _other_browser()
    _password(client, matching_officer)
    response = client.post(reverse("accounts:login_code"), {"code": codes[0]})
    assert "The code is not right" in response.content.decode()
    assert not _signed_in(client)


def test_someone_with_an_app_is_not_offered_a_new_one_at_sign_in(english, matching_officer):
    device, _codes = _enrolled(matching_officer)
    _password(english, matching_officer)
    response = english.get(reverse("accounts:login_enrol"))
    assert response["Location"] == reverse("accounts:login_code")
    assert TOTPDevice.objects.get(user=matching_officer).key == device.key


# -- Django admin ----------------------------------------------------------------------------------------------


def test_django_admins_own_login_form_is_not_offered(client, administrator):
    response = client.get("/django-admin/login/?next=/django-admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=%2Fdjango-admin%2Faccounts%2Fuser%2F"
    response = client.get("/django-admin/")
    assert response.status_code == 302
    client.force_login(administrator)
    assert client.get("/django-admin/login/").status_code == 403


# -- Managing it when signed in --------------------------------------------------------------------------------


def test_anyone_may_turn_it_on_from_their_own_page(english, supplier):
    english.force_login(supplier)
    page = english.get(reverse("accounts:two_factor"))
    assert "Off. You sign in with your password only." in page.content.decode()
    english.get(reverse("accounts:two_factor_enable"))
    device = TOTPDevice.objects.get(user=supplier, confirmed=False)
    response = english.post(reverse("accounts:two_factor_enable"), {"code": _code(device)})
    assert len(re.findall(r"<li><code>", response.content.decode())) == 10
    assert two_factor.is_enabled(supplier)
    assert "Backup codes left" in english.get(reverse("accounts:two_factor")).content.decode()


def test_new_backup_codes_need_a_code_and_replace_the_old_ones(english, supplier):
    device, old_codes = _enrolled(supplier)
    english.force_login(supplier)
    response = english.post(reverse("accounts:two_factor_backup_codes"), {"code": "999999"}, follow=True)
    assert "The code is not right" in response.content.decode()
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(old_codes)

    response = english.post(reverse("accounts:two_factor_backup_codes"), {"code": old_codes[0]})
    new_codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(new_codes)


def test_a_voluntary_user_turns_it_off_with_a_current_code(english, supplier):
    device, _codes = _enrolled(supplier)
    english.force_login(supplier)
    response = english.post(reverse("accounts:two_factor_reset"), {"code": _code(device)}, follow=True)
    assert "turned off" in response.content.decode()
    assert not two_factor.is_enabled(supplier)
    assert AuditEvent.objects.filter(action="two_factor.reset", actor=supplier).exists()


def test_a_required_user_who_replaces_the_phone_sets_up_the_new_one_straight_away(english, matching_officer):
    device, _codes = _enrolled(matching_officer)
    english.force_login(matching_officer)
    response = english.post(reverse("accounts:two_factor_reset"), {"code": _code(device)})
    assert response["Location"] == reverse("accounts:two_factor_enable")
    assert not two_factor.is_enabled(matching_officer)


def test_resetting_without_the_right_code_changes_nothing(english, supplier):
    _enrolled(supplier)
    english.force_login(supplier)
    english.post(reverse("accounts:two_factor_reset"), {"code": "123456"})
    english.post(reverse("accounts:two_factor_reset"), {"code": ""})
    assert two_factor.is_enabled(supplier)


def test_the_management_pages_need_a_signed_in_person(client):
    for name in ("accounts:two_factor", "accounts:two_factor_enable"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(reverse("accounts:two_factor_reset")).status_code == 302


def test_the_demo_says_that_it_does_not_require_two_factor_authentication(settings):
    import io

    from django.core.management import call_command

    settings.INSTEG_REQUIRE_TWO_FACTOR = False
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert "Two-factor authentication is not required in this demo" in out.getvalue()
