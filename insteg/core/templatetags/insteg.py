import time

from django import template
from django.conf import settings

from insteg.accounts.middleware import seconds_left

register = template.Library()


@register.filter
def kronor(value) -> str:
    """Whole SEK in Swedish style with a no-break space between thousands: 12 500 000 kr."""
    if value is None or value == "":
        return "–"
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{number:,}".replace(",", "\u00a0") + "\u00a0kr"


# The warning before a session ends comes this long before the idle limit, and earlier before the absolute one,
# which cannot be extended: time to save one's work (WCAG 2.2.1).
IDLE_WARNING_SECONDS = 2 * 60
ABSOLUTE_WARNING_SECONDS = 10 * 60


@register.inclusion_tag("_session_warning.html", takes_context=True)
def session_warning(context) -> dict:
    """The dialogs static/js/session.js opens before a signed-in person's session ends, with the seconds left."""
    request = context["request"]
    left = seconds_left(request.session, time.time())
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "idle_seconds": left["idle"],
        "absolute_seconds": left["absolute"],
        "idle_limit_seconds": settings.INSTEG_SESSION_IDLE_MINUTES * 60,
        "idle_warning_seconds": IDLE_WARNING_SECONDS,
        "absolute_warning_seconds": ABSOLUTE_WARNING_SECONDS,
        "session_hours": settings.INSTEG_SESSION_HOURS,
    }
