"""Who sees which contracts, positions and reports. The only door to them.

The buyer's staff (procurement officers, administrators; matching officers read) see their municipality's
contracts; a supplier's contacts see only their own company's. Anyone else gets 404, never a hint.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from insteg.accounts.models import Role
from insteg.contracts.models import Award, Contract, Position
from insteg.procurement.models import Procurement


def contracts_visible_to(user):
    return Contract.objects.visible_to(user)


def is_buyer(user, contract_or_procurement) -> bool:
    procurement_id = getattr(contract_or_procurement, "procurement_id", None) or contract_or_procurement.pk
    return Procurement.objects.editable_by(user).filter(pk=procurement_id).exists()


def is_contract_supplier(user, contract: Contract) -> bool:
    return contract.supplier_id in user.organisations_with_role(Role.SUPPLIER_CONTACT)


def get_contract_for_user(user, pk: int, *, write: bool = False) -> Contract:
    """404 when the contract is not the user's to see; with write=True, 403 unless buyer staff or its supplier."""
    contract = get_object_or_404(
        contracts_visible_to(user).select_related("procurement__organisation", "supplier", "lot", "award"), pk=pk
    )
    if write and not (is_buyer(user, contract) or is_contract_supplier(user, contract)):
        raise PermissionDenied
    return contract


def get_buyer_contract(user, pk: int) -> Contract:
    contract = get_contract_for_user(user, pk)
    if not is_buyer(user, contract):
        raise PermissionDenied
    return contract


def get_position_for_user(user, contract: Contract, pk: int) -> Position:
    return get_object_or_404(contract.positions.select_related("position_type", "occupation"), pk=pk)


def positions_visible_to(user):
    return Position.objects.filter(contract__in=contracts_visible_to(user))


def get_award_for_buyer(user, pk: int) -> Award:
    award = get_object_or_404(
        Award.objects.filter(procurement__in=Procurement.objects.visible_to(user)).select_related(
            "procurement", "winner__organisation", "lot"
        ),
        pk=pk,
    )
    if not Procurement.objects.editable_by(user).filter(pk=award.procurement_id).exists():
        raise PermissionDenied
    return award
