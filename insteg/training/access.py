"""Who reaches which session, course and registration. The only door to them.

Sessions are public information: anyone sees the upcoming ones and any session's own page. Registrations
name people: only the organiser's matching officers and administrators see them, and a supplier contact
sees its own company's. Everyone else gets 404 for a registration.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from insteg.accounts.models import Role
from insteg.training.models import Course, Registration, Session

ORGANISER_ROLES = (Role.MATCHING_OFFICER, Role.ADMINISTRATOR)


def organiser_organisations(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return user.organisations_with_role(*ORGANISER_ROLES)


def can_organise(user) -> bool:
    """May create courses and sessions and see registrations (navigation and the staff pages)."""
    return bool(organiser_organisations(user))


def is_organiser_of(user, session: Session) -> bool:
    return session.course.organisation_id in organiser_organisations(user)


def public_sessions():
    """The public list: upcoming sessions that are not cancelled, with their seat counts."""
    return Session.objects.listed_publicly().with_counts().select_related("course")


def get_public_session(pk: int) -> Session:
    """Any session's own page is public (a link in an old email still tells what happened to it)."""
    return get_object_or_404(Session.objects.with_counts().select_related("course"), pk=pk)


def managed_sessions(user):
    return Session.objects.filter(course__organisation__in=organiser_organisations(user)).select_related("course")


def get_managed_session(user, pk: int) -> Session:
    return get_object_or_404(managed_sessions(user).with_counts(), pk=pk)


def managed_courses(user):
    return Course.objects.filter(organisation__in=organiser_organisations(user)).select_related("organisation")


def get_managed_course(user, pk: int) -> Course:
    return get_object_or_404(managed_courses(user), pk=pk)


def get_managed_registration(user, session: Session, pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.filter(
            session=session, session__course__organisation__in=organiser_organisations(user)
        ).select_related("session__course", "consent_text", "organisation"),
        pk=pk,
    )


def company_registrations(user):
    """A supplier contact's view: its own company's registrations, never another company's."""
    if not user.is_authenticated:
        return Registration.objects.none()
    companies = user.organisations_with_role(Role.SUPPLIER_CONTACT)
    return (
        Registration.objects.filter(Q(organisation__in=companies))
        .exclude(anonymised_at__isnull=False)
        .select_related("session__course")
    )
