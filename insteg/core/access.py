"""Who may read accessibility feedback: the municipality's administrators. The only door to a feedback report."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from insteg.core.models import AccessibilityFeedback


def can_manage_feedback(user) -> bool:
    return user.is_authenticated and user.is_administrator


def require_manage_feedback(user) -> None:
    if not can_manage_feedback(user):
        raise PermissionDenied


def feedback_for_user(user):
    require_manage_feedback(user)
    return AccessibilityFeedback.objects.select_related("handled_by")


def get_feedback_for_user(user, pk: int) -> AccessibilityFeedback:
    return get_object_or_404(feedback_for_user(user), pk=pk)
