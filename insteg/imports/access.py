"""Who may import what, where. The same doors as creating one by one:

- participants: the municipality's matching officers into their municipality, employment-service officers into
  any municipality (as on the participant page); anyone else gets 403;
- positions: the contract's supplier contacts and the buyer's procurement officers and administrators (as on
  the position page); a contract the user cannot see is 404, one they may only read is 403;
- an upload waiting for its decision is seen only by the person who uploaded it (404 for anyone else).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from insteg.accounts.models import Organisation, Role
from insteg.contracts import access as contracts_access
from insteg.imports.models import ImportBatch
from insteg.matching import services as matching_services
from insteg.procurement.models import Procurement


def may_import_participants(user) -> bool:
    return user.is_authenticated and user.has_role(Role.MATCHING_OFFICER, Role.EMPLOYMENT_OFFICER)


def require_participant_importer(user) -> None:
    if not may_import_participants(user):
        raise PermissionDenied


def participant_municipalities(user):
    """Where the user may register people: a matching officer's own municipality; an employment officer any."""
    pks = set(user.organisations_with_role(Role.MATCHING_OFFICER))
    if user.has_role(Role.EMPLOYMENT_OFFICER):
        pks |= {organisation.pk for organisation in matching_services.municipalities_for(user)}
    return Organisation.objects.filter(pk__in=pks, kind=Organisation.Kind.MUNICIPALITY).order_by("name")


def position_contracts(user):
    """The contracts whose positions the user may add: its company's, or its municipality's."""
    return (
        contracts_access.contracts_visible_to(user)
        .filter(
            Q(supplier__in=user.organisations_with_role(Role.SUPPLIER_CONTACT))
            | Q(procurement__in=Procurement.objects.editable_by(user))
        )
        .select_related("procurement", "supplier")
    )


def may_import_positions(user) -> bool:
    return user.is_authenticated and position_contracts(user).exists()


def get_position_contract(user, pk: int):
    """404 when the contract is not the user's to see; 403 when they may only read it."""
    return contracts_access.get_contract_for_user(user, pk, write=True)


def get_batch_for_user(user, pk: int) -> ImportBatch:
    return get_object_or_404(
        ImportBatch.objects.filter(created_by=user).select_related("municipality", "contract__procurement"), pk=pk
    )
