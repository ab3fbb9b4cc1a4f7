"""Sessions end after a while without a request and a number of hours after signing in."""

import time

from django.conf import settings
from django.contrib.auth import logout

SIGNED_IN_AT = "insteg_signed_in_at"
LAST_SEEN_AT = "insteg_last_seen_at"
EXPIRED = "insteg_session_expired"
# Writing the session on every request would cost a database write per page; a minute's precision is enough.
TOUCH_EVERY_SECONDS = 60


def expiry_reason(session, now: float) -> str | None:
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if signed_in_at is not None and now - signed_in_at > settings.INSTEG_SESSION_HOURS * 3600:
        return "absolute"
    if last_seen_at is not None and now - last_seen_at > settings.INSTEG_SESSION_IDLE_MINUTES * 60:
        return "idle"
    return None


def start_clock(sender, request, user, **kwargs) -> None:
    """On user_logged_in (every way of signing in, the tests' force_login too): both clocks start now."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


class SessionExpiryMiddleware:
    """After AuthenticationMiddleware: an expired session is signed out before any view runs, and the
    sign-in page says why (LoginRequiredMiddleware then sends the person there)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        session = request.session
        now = time.time()
        if reason := expiry_reason(session, now):
            logout(request)
            request.session[EXPIRED] = reason
            return
        session.setdefault(SIGNED_IN_AT, now)
        if now - session.get(LAST_SEEN_AT, 0) >= TOUCH_EVERY_SECONDS:
            session[LAST_SEEN_AT] = now


def seconds_left(session, now: float) -> dict[str, int]:
    """Seconds until the session ends for want of a request ("idle") and at the latest ("absolute"), for the page's
    warning before it happens (WCAG 2.2.1). The idle clock is the server's, which may be up to a minute behind."""
    signed_in_at = session.get(SIGNED_IN_AT, now)
    last_seen_at = session.get(LAST_SEEN_AT, now)
    absolute = signed_in_at + settings.INSTEG_SESSION_HOURS * 3600 - now
    idle = last_seen_at + settings.INSTEG_SESSION_IDLE_MINUTES * 60 - now
    return {"idle": max(0, int(min(idle, absolute))), "absolute": max(0, int(absolute))}


def touch(session, now: float) -> None:
    """The person asked to stay signed in: the idle clock starts again (the absolute one never does)."""
    session[LAST_SEEN_AT] = now
