"""Who may see and change organisations, people and API tokens. The only door to these objects."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from insteg.accounts.models import Membership, Organisation, Role, User


def get_organisation_for_user(user: User, pk: int, *, write: bool = False) -> Organisation:
    """The organisation if `user` may see it (else 404); with write=True, if they may manage it (else 403)."""
    organisation = get_object_or_404(Organisation.objects.visible_to(user), pk=pk)
    if write and not can_manage_organisation(user, organisation):
        raise PermissionDenied
    return organisation


def can_manage_organisation(user: User, organisation: Organisation) -> bool:
    """Administrators manage every organisation; a supplier's contacts manage their own company."""
    if user.is_administrator:
        return True
    return organisation.is_supplier and organisation.pk in user.organisations_with_role(Role.SUPPLIER_CONTACT)


def can_invite(user: User) -> bool:
    return user.is_authenticated and (user.is_administrator or user.has_role(Role.SUPPLIER_CONTACT))


def can_view_audit_trail(user: User) -> bool:
    return user.is_authenticated and user.is_administrator


def can_supervise_privacy(user: User) -> bool:
    """The data-protection officer and administrators: records of processing, view log, requests, retention."""
    return user.is_authenticated and (user.is_administrator or user.has_role(Role.DATA_PROTECTION_OFFICER))


def can_list_organisations(user: User) -> bool:
    return user.is_authenticated and user.is_administrator


def members_visible_to(user: User, organisation: Organisation):
    return (
        Membership.objects.visible_to(user)
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "role")
    )


def get_api_token_for_user(user: User, digest: str):
    """A person sees and revokes only their own tokens."""
    return get_object_or_404(user.auth_token_set.all(), digest=digest)
