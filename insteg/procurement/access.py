"""Who may see and change procurements, their requirements and the criteria library. The only door to them."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from insteg.accounts.models import Role
from insteg.procurement.models import Criterion, Procurement, SocialRequirement


def can_design_procurements(user) -> bool:
    return user.is_authenticated and user.has_role(Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR)


def can_edit_criteria(user) -> bool:
    """The criteria library is legal text: administrators keep it."""
    return user.is_authenticated and user.is_administrator


def can_view_criteria(user) -> bool:
    return user.is_authenticated


def procurements_visible_to(user):
    return Procurement.objects.visible_to(user)


def get_procurement_for_user(user, pk: int, *, write: bool = False) -> Procurement:
    """The procurement if `user` may see it (else 404); with write=True, if they may change it (else 403)."""
    procurement = get_object_or_404(procurements_visible_to(user).select_related("organisation", "officer"), pk=pk)
    if write and not can_edit_procurement(user, procurement):
        raise PermissionDenied
    return procurement


def can_edit_procurement(user, procurement: Procurement) -> bool:
    return Procurement.objects.editable_by(user).filter(pk=procurement.pk).exists()


def get_requirement_for_user(user, procurement: Procurement, pk: int) -> SocialRequirement:
    return get_object_or_404(procurement.requirements.select_related("criterion", "lot", "preset"), pk=pk)


def get_criterion_for_user(user, code: str, *, write: bool = False) -> Criterion:
    if not can_view_criteria(user):
        raise PermissionDenied
    if write and not can_edit_criteria(user):
        raise PermissionDenied
    return get_object_or_404(Criterion.objects.all(), code=code)


def organisation_for_new_procurement(user):
    """The municipality a new procurement belongs to: the first where the person designs procurements."""
    for membership in user.active_memberships:
        if membership.role in {Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR} and membership.organisation.kind == (
            "municipality"
        ):
            return membership.organisation
    raise PermissionDenied
