"""Who may see and change retention: the data-protection officer reads, administrators decide. The only door."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from insteg.accounts.access import can_supervise_privacy
from insteg.retention.models import DisposalBatch, LegalHold, RecordType, RetentionRule
from insteg.retention.services import ensure_default_rules


def can_view(user) -> bool:
    return can_supervise_privacy(user)


def can_manage(user) -> bool:
    return user.is_authenticated and user.is_administrator


def require_view(user) -> None:
    if not can_view(user):
        raise PermissionDenied


def require_manage(user) -> None:
    if not can_manage(user):
        raise PermissionDenied


def get_rule_for_user(user, record_type: str, *, write: bool = False) -> RetentionRule:
    require_manage(user) if write else require_view(user)
    if record_type not in RecordType.values:
        raise Http404
    ensure_default_rules()
    return get_object_or_404(RetentionRule, record_type=record_type)


def get_batch_for_user(user, pk: int, *, write: bool = False) -> DisposalBatch:
    require_manage(user) if write else require_view(user)
    return get_object_or_404(DisposalBatch.objects.select_related("rule"), pk=pk)


def get_hold_for_user(user, pk: int, *, write: bool = False) -> LegalHold:
    require_manage(user) if write else require_view(user)
    return get_object_or_404(LegalHold, pk=pk)
