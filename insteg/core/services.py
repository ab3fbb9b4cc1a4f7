"""Accessibility feedback: saved, then sent to every active administrator; a limit per address against floods."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from insteg.accounts.models import Role, User
from insteg.core.models import AccessibilityFeedback
from insteg.privacy import audit

logger = logging.getLogger(__name__)

FEEDBACK_LIMIT_SECONDS = 60 * 60


def feedback_limit() -> int:
    """How many reports one address may send in an hour: more than a person needs, few enough to stop a flood."""
    return settings.INSTEG_FEEDBACK_PER_HOUR


def _limit_key(address: str) -> str:
    return f"insteg:accessibility-feedback:{address}"


def feedback_limit_reached(address: str) -> bool:
    return (cache.get(_limit_key(address)) or 0) >= feedback_limit()


def _count_feedback(address: str) -> None:
    key = _limit_key(address)
    if not cache.add(key, 1, FEEDBACK_LIMIT_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, FEEDBACK_LIMIT_SECONDS)


def administrator_addresses() -> list[str]:
    return sorted(
        set(
            User.objects.filter(is_active=True, memberships__role=Role.ADMINISTRATOR)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def submit_feedback(*, address: str, page: str, problem: str, email: str, language: str) -> AccessibilityFeedback:
    """Save a report and e-mail it to the administrators. A failing mail server does not lose the report: it is
    on the administrators' list whatever happens to the e-mail."""
    with transaction.atomic():
        feedback = AccessibilityFeedback.objects.create(page=page, problem=problem, email=email, language=language)
        audit.record("accessibility_feedback.received", actor=None, target=feedback)
    _count_feedback(address)
    try:
        _notify_administrators(feedback)
    except Exception:  # noqa: BLE001 - the report is saved; the list shows it even if mail is down
        logger.exception("Accessibility feedback %s saved but not e-mailed", feedback.pk)
    return feedback


def _notify_administrators(feedback: AccessibilityFeedback) -> int:
    addresses = administrator_addresses()
    if not addresses:
        logger.warning("Accessibility feedback %s: no active administrator to e-mail", feedback.pk)
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "feedback": feedback,
            "url": settings.INSTEG_SITE_URL.rstrip("/") + reverse("core:feedback_list"),
        }
        subject = " ".join(render_to_string("core/email/feedback_subject.txt", context).split())
        body = render_to_string("core/email/feedback.txt", context)
    reply_to = [feedback.email] if feedback.email else None
    messages = [EmailMessage(subject, body, to=[address], reply_to=reply_to) for address in addresses]
    return get_connection().send_messages(messages)


@transaction.atomic
def mark_handled(feedback: AccessibilityFeedback, *, user) -> AccessibilityFeedback:
    if feedback.status == AccessibilityFeedback.Status.HANDLED:
        return feedback
    feedback.status = AccessibilityFeedback.Status.HANDLED
    feedback.handled_at = timezone.now()
    feedback.handled_by = user
    feedback.save(update_fields=["status", "handled_at", "handled_by"])
    audit.record("accessibility_feedback.handled", actor=user, target=feedback)
    return feedback


def client_address(request) -> str:
    """The visitor's address: behind the proxy X-Forwarded-For's entry the proxy added, not the proxy's own."""
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
