"""The only door to data subjects for the data protection officer's pages and API.

Administrators supervise every municipality; a data protection officer their own municipality's participants.
Anyone else gets 403 on the pages (the pages exist for every municipality) and a subject outside the
officer's reach is 404 (its existence is confidential).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from insteg.accounts.access import can_supervise_privacy
from insteg.accounts.models import Role, User
from insteg.matching.models import Participant


def require_supervisor(user) -> None:
    if not can_supervise_privacy(user):
        raise PermissionDenied


def participants_for(user):
    if not can_supervise_privacy(user):
        return Participant.objects.none()
    if user.is_administrator:
        return Participant.objects.all()
    return Participant.objects.filter(municipality__in=user.organisations_with_role(Role.DATA_PROTECTION_OFFICER))


def get_participant(user, pk: int) -> Participant:
    return get_object_or_404(participants_for(user).select_related("municipality", "programme"), pk=pk)


def users_for(user):
    """Accounts are the municipality's to manage as a whole: an officer handles any account's request."""
    return User.objects.all() if can_supervise_privacy(user) else User.objects.none()


def get_user(user, pk: int) -> User:
    return get_object_or_404(users_for(user), pk=pk)


def search_participants(user, query: str, *, limit: int = 20) -> list[Participant]:
    """By pseudonymous id (exact) or by name (every word in the first or last name)."""
    import uuid

    from django.db.models import Q

    query = (query or "").strip()
    people = participants_for(user).filter(erased_at__isnull=True)
    try:
        return list(people.filter(public_id=uuid.UUID(query)))
    except ValueError:
        pass
    words = query.split()
    if not words:
        return []
    for word in words[:4]:
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return list(people.select_related("municipality")[:limit])


def search_users(user, query: str, *, limit: int = 20) -> list[User]:
    from django.db.models import Q

    query = (query or "").strip()
    if not query:
        return []
    return list(users_for(user).filter(Q(username__iexact=query) | Q(email__iexact=query)).order_by("pk")[:limit])
