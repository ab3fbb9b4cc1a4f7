"""Two-factor authentication: a TOTP app (django-otp) and ten single-use backup codes.

Who must use it is a setting (INSTEG_TWO_FACTOR_ROLES, INSTEG_REQUIRE_TWO_FACTOR); anyone may turn it on.
A person who has it turned on gives a code at every sign-in, whatever the setting says.
"""

import base64
from base64 import b32encode
from binascii import unhexlify

import segno
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from insteg.accounts.models import User
from insteg.privacy import audit

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "app"
BACKUP_DEVICE_NAME = "backup codes"


def is_required_for(user: User) -> bool:
    """The deployment requires a second factor of this person because of a role they hold."""
    return settings.INSTEG_REQUIRE_TWO_FACTOR and user.has_role(*settings.INSTEG_TWO_FACTOR_ROLES)


def app_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_enabled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalise(code: str) -> str:
    """People type codes with spaces or dashes (the app shows "123 456"); backup codes in any case."""
    return "".join(code.split()).replace("-", "").lower()


def is_app_code(code: str) -> bool:
    return len(code) == 6 and code.isdigit()


# -- Setting up -------------------------------------------------------------------------------------


@transaction.atomic
def start_enrolment(user: User) -> TOTPDevice:
    """A new secret for the app, unconfirmed until the person types a code from it. Replaces an earlier try."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def pending_enrolment(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(unhexlify(device.key)).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// link as an SVG QR code in a data: URI (the CSP allows data: images, not inline SVG styles)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@transaction.atomic
def confirm_enrolment(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirms the app when the code is right and returns new backup codes (shown once); else None."""
    code = normalise(code)
    if not is_app_code(code) or not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record("two_factor.enabled", actor=device.user, target=device.user)
    return _replace_backup_codes(device.user)


def _replace_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


# -- Signing in and managing ------------------------------------------------------------------------


def verify(user: User, code: str):
    """(device, None) when the code is right, else (None, a sentence saying why). Each code works once:
    an app code is refused when its 30-second step was used already, a backup code is deleted on use."""
    code = normalise(code)
    if is_app_code(code):
        devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    else:
        devices = list(StaticDevice.objects.filter(user=user, confirmed=True))
    for device in devices:
        allowed, _data = device.verify_is_allowed()
        if not allowed:
            return None, _("Too many wrong codes in a row. Wait a minute and try again with a new code.")
        if device.verify_token(code):
            return device, None
    return None, _(
        "The code is not right. Type the six digits your app shows now, or one of your backup codes. "
        "Each code works only once."
    )


@transaction.atomic
def new_backup_codes(user: User) -> list[str]:
    codes = _replace_backup_codes(user)
    audit.record("two_factor.backup_codes_replaced", actor=user, target=user)
    return codes


@transaction.atomic
def turn_off(user: User, *, by: User) -> None:
    """Removes the app and the backup codes. A person whose role requires it sets up a new app at next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record("two_factor.reset", actor=by, target=user)
