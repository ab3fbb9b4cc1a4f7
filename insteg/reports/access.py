"""Who sees which reports. The only door to them.

Aggregate reports: the municipality's staff (procurement officers, matching officers, administrators) and the
funder. The municipality's staff see exact counts; everyone else sees counts of people below
INSTEG_REPORT_MIN_CELL suppressed. Nobody reaches individuals through a report: drill-down links go to lists
only for roles that may see those lists.
"""

from django.conf import settings

from insteg.accounts.models import Organisation, Role
from insteg.procurement.models import Procurement

STAFF_ROLES = (Role.PROCUREMENT_OFFICER, Role.MATCHING_OFFICER, Role.ADMINISTRATOR)


def can_read_reports(user) -> bool:
    return user.is_authenticated and user.has_role(*STAFF_ROLES, Role.FUNDER_VIEWER)


def is_municipality_staff(user) -> bool:
    return user.is_authenticated and user.has_role(*STAFF_ROLES)


def threshold_for(user) -> int:
    """0 (exact counts) for the municipality's staff, the small-cell threshold for everyone else."""
    return 0 if is_municipality_staff(user) else settings.INSTEG_REPORT_MIN_CELL


def reportable_procurements(user):
    """Published or later procurements: the staff's own municipality's; a funder's: every municipality's (the
    funder finances the work across the county)."""
    if not can_read_reports(user):
        return Procurement.objects.none()
    published = Procurement.objects.exclude(status=Procurement.Status.DRAFT)
    if is_municipality_staff(user):
        return published.filter(organisation__in=user.organisations_with_role(*STAFF_ROLES))
    return published.filter(organisation__kind=Organisation.Kind.MUNICIPALITY)
