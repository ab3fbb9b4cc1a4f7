"""Signing in: the password first, then a code from the authenticator app (or a backup code) for everyone who
has two-factor authentication on or whose role requires it. No session is signed in before the second step.

Between the two steps the session holds only a signed note of who gave the right password, valid a few minutes.
Wrong codes count towards django-axes' lockout exactly as wrong passwords do.
"""

import time

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxLengthValidator
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from insteg.accounts import two_factor
from insteg.accounts.forms import AppCodeForm, CodeForm
from insteg.accounts.middleware import EXPIRED
from insteg.accounts.models import User
from insteg.accounts.views import locked_out

PENDING = "insteg_pending_login"
PENDING_SALT = "insteg.accounts.pending_login"


def _next_url(request, candidate: str | None = None) -> str:
    candidate = candidate if candidate is not None else request.POST.get("next", request.GET.get("next", ""))
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _remember_pending(request, user: User, next_url: str) -> None:
    # The password hash's HMAC ties the note to the password: changing it voids a half-finished sign-in.
    note = {"user": user.pk, "hash": user.get_session_auth_hash(), "backend": user.backend, "next": next_url}
    request.session[PENDING] = signing.dumps(note, salt=PENDING_SALT)


def _pending(request) -> tuple[User, str] | None:
    """The person who gave the right password in this session a moment ago, and where they were going."""
    value = request.session.get(PENDING)
    if not value:
        return None
    try:
        note = signing.loads(value, salt=PENDING_SALT, max_age=settings.INSTEG_PENDING_LOGIN_SECONDS)
    except signing.BadSignature:  # expired too (SignatureExpired)
        request.session.pop(PENDING, None)
        return None
    user = User.objects.filter(pk=note["user"], is_active=True).first()
    if user is None or not constant_time_compare(user.get_session_auth_hash(), note["hash"]):
        request.session.pop(PENDING, None)
        return None
    user.backend = note["backend"]
    return user, note["next"]


def _start_again(request):
    messages.info(request, _("Your sign-in took too long or was interrupted. Sign in again with your password."))
    return redirect("login")


def _complete(request, user: User, device, next_url: str) -> None:
    request.session.pop(PENDING, None)
    auth_login(request, user, backend=user.backend)
    if device is not None:
        django_otp.login(request, device)


def _expiry_message(request) -> None:
    reason = request.session.pop(EXPIRED, None)
    if reason == "idle":
        messages.info(
            request,
            _("You were signed out after %(minutes)d minutes without activity. Sign in again.")
            % {"minutes": settings.INSTEG_SESSION_IDLE_MINUTES},
        )
    elif reason == "absolute":
        messages.info(
            request,
            _("You were signed out because you signed in more than %(hours)d hours ago. Sign in again.")
            % {"hours": settings.INSTEG_SESSION_HOURS},
        )


class LoginForm(AuthenticationForm):
    """Django's, with the username's length really enforced: Django only sets `max_length` after the field is
    made, so no validator checks it, and an overlong name reached django-axes' 255-character column (a 500
    on PostgreSQL)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


@login_not_required
@sensitive_post_parameters("password")
@never_cache
def login(request):
    """Step 1: the password (django-axes counts wrong ones and locks the account name)."""
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return redirect(next_url)
    _expiry_message(request)
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if two_factor.is_enabled(user):
            _remember_pending(request, user, next_url)
            return redirect("accounts:login_code")
        if two_factor.is_required_for(user):
            _remember_pending(request, user, next_url)
            return redirect("accounts:login_enrol")
        _complete(request, user, None, next_url)
        return redirect(next_url)
    return render(request, "registration/login.html", {"form": form, "next": request.GET.get("next", "")})


@login_not_required
@sensitive_post_parameters("code")
@never_cache
def login_code(request):
    """Step 2: the code. Only now is the session signed in, and marked as verified with a second factor."""
    pending = _pending(request)
    if pending is None:
        return _start_again(request)
    user, next_url = pending
    if not two_factor.is_enabled(user):
        return redirect("accounts:login_enrol")
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        request.session.pop(PENDING, None)
        return locked_out(request)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device, error = two_factor.verify(user, form.cleaned_data["code"])
        if device is not None:
            _complete(request, user, device, next_url)
            return redirect(next_url)
        # Counted by django-axes like a wrong password; at the limit its middleware answers with the lock page.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            request.session.pop(PENDING, None)
        form.add_error("code", error)
    return render(request, "registration/login_code.html", {"form": form, "pending_user": user})


@login_not_required
@sensitive_post_parameters("code")
@never_cache
def login_enrol(request):
    """Step 2 for a person whose role requires a second factor and who has none yet: set up the app now."""
    pending = _pending(request)
    if pending is None:
        return _start_again(request)
    user, next_url = pending
    if two_factor.is_enabled(user):
        return redirect("accounts:login_code")
    result = _enrol(request, user)
    if isinstance(result, list):
        device = two_factor.app_device(user)
        _complete(request, user, device, next_url)
        return render(request, "accounts/backup_codes.html", {"codes": result, "next_url": next_url})
    return render(request, "accounts/two_factor_enrol.html", result | {"during_login": True})


def _enrol(request, user: User) -> list[str] | dict:
    """The backup codes once the app is confirmed; otherwise the page's context (secret, QR code, form)."""
    device = two_factor.pending_enrolment(user)
    form = AppCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and device is not None and form.is_valid():
        codes = two_factor.confirm_enrolment(device, form.cleaned_data["code"])
        if codes is not None:
            return codes
        form.add_error(
            "code",
            _("The code is not right. Type the six digits the app shows now; check that the phone's clock is right."),
        )
    if device is None or _is_stale(device):
        device = two_factor.start_enrolment(user)
    return {"form": form, "secret": two_factor.secret_text(device), "qr_code": two_factor.qr_code_data_uri(device)}


def _is_stale(device) -> bool:
    """A secret shown earlier than a pending sign-in lasts is replaced: someone else may have seen it."""
    return time.time() - device.created_at.timestamp() > settings.INSTEG_PENDING_LOGIN_SECONDS


@login_not_required
def admin_login(request):
    """Django admin's own login form would skip the second factor: it sends people to ours instead."""
    if request.user.is_authenticated:
        raise PermissionDenied
    next_url = _next_url(request, request.GET.get("next") or reverse("admin:index"))
    return redirect(f"{reverse('login')}?{urlencode({'next': next_url})}")


# -- Managing two-factor authentication when signed in ---------------------------------------------------------


def two_factor_status(request):
    user = request.user
    context = {
        "device": two_factor.app_device(user),
        "backup_codes_left": two_factor.backup_codes_left(user),
        "required": two_factor.is_required_for(user),
        "form": CodeForm(),
    }
    return render(request, "accounts/two_factor.html", context)


@sensitive_post_parameters("code")
def two_factor_enable(request):
    if two_factor.is_enabled(request.user):
        return redirect("accounts:two_factor")
    result = _enrol(request, request.user)
    if isinstance(result, list):
        django_otp.login(request, two_factor.app_device(request.user))
        return render(
            request, "accounts/backup_codes.html", {"codes": result, "next_url": reverse("accounts:two_factor")}
        )
    return render(request, "accounts/two_factor_enrol.html", result | {"during_login": False})


def _confirmed_by_code(request) -> bool:
    form = CodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Type a code from your app or a backup code."))
        return False
    device, error = two_factor.verify(request.user, form.cleaned_data["code"])
    if device is None:
        messages.error(request, error)
        return False
    return True


@require_POST
@sensitive_post_parameters("code")
def two_factor_backup_codes(request):
    """New backup codes replace the old ones; a current code confirms it is the person and not an open browser."""
    if not two_factor.is_enabled(request.user) or not _confirmed_by_code(request):
        return redirect("accounts:two_factor")
    codes = two_factor.new_backup_codes(request.user)
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next_url": reverse("accounts:two_factor")})


@require_POST
@sensitive_post_parameters("code")
def two_factor_reset(request):
    """Removes the app and backup codes (a new phone); a person whose role requires them sets up a new app now."""
    if not two_factor.is_enabled(request.user) or not _confirmed_by_code(request):
        return redirect("accounts:two_factor")
    two_factor.turn_off(request.user, by=request.user)
    if two_factor.is_required_for(request.user):
        messages.info(
            request, _("The old app no longer works. Your role requires a second factor: set up the new app now.")
        )
        return redirect("accounts:two_factor_enable")
    messages.success(request, _("Two-factor authentication is turned off."))
    return redirect("accounts:two_factor")
