"""The supplier portal: the places a supplier offers under its contracts, and its periodic reports.

The buyer's staff see (and may correct) their municipality's positions; only the supplier reports.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from insteg.accounts.models import Role
from insteg.contracts import access, services
from insteg.contracts.models import PositionType
from insteg.contracts.supplier_forms import PositionFilterForm, PositionForm, ReportForm
from insteg.core.forms import add_service_errors
from insteg.lib import exports
from insteg.lib.errors import DomainError
from insteg.procurement.models import Procurement


def _writable_contracts(user):
    """The contracts whose positions the user may add or change: its company's, or its municipality's."""
    return access.contracts_visible_to(user).filter(
        Q(supplier__in=user.organisations_with_role(Role.SUPPLIER_CONTACT))
        | Q(procurement__in=Procurement.objects.editable_by(user))
    )


def position_list(request):
    visible = access.positions_visible_to(request.user)
    form = PositionFilterForm(
        request.GET or None,
        position_types=PositionType.objects.all(),
        municipalities=visible.order_by("workplace_municipality")
        .values_list("workplace_municipality", flat=True)
        .distinct(),
    )
    positions = form.filter(visible).select_related(
        "position_type", "occupation", "contract__procurement", "contract__supplier"
    )
    if export_format := exports.requested_format(request):
        rows = positions.order_by("start_from", "pk")
        return exports.response(export_format, "positions", _position_columns(), rows, title=_("Positions"))
    page = Paginator(positions.order_by("start_from", "pk"), 50).get_page(request.GET.get("page"))
    writable = _writable_contracts(request.user).select_related("procurement", "supplier")
    context = {
        "form": form,
        "page": page,
        "writable_contracts": writable,
        "writable_ids": {contract.pk for contract in writable},
        "supplier_ids": request.user.organisations_with_role(Role.SUPPLIER_CONTACT),
    }
    template = "contracts/supplier/position_list.html#results" if request.htmx else None
    return render(request, template or "contracts/supplier/position_list.html", context)


def _position_columns() -> list[exports.Column]:
    return [
        exports.Column(_("Title"), lambda p: p.title, 32),
        exports.Column(_("Position type"), lambda p: p.position_type.name, 24),
        exports.Column(_("Occupation code (SSYK 2012)"), lambda p: p.occupation.code if p.occupation else "", 12),
        exports.Column(_("Occupation"), lambda p: p.occupation.title_sv if p.occupation else "", 28),
        exports.Column(_("Workplace municipality"), lambda p: p.workplace_municipality),
        exports.Column(_("Workplace address"), lambda p: p.workplace_address, 28),
        exports.Column(_("Start from"), lambda p: p.start_from, 12),
        exports.Column(_("Start until"), lambda p: p.start_until, 12),
        exports.Column(_("Duration (months)"), lambda p: p.duration_months, 10),
        exports.Column(_("Hours per week"), lambda p: p.hours_per_week, 10),
        exports.Column(_("Supervisor trained"), lambda p: p.supervisor_trained, 10),
        exports.Column(_("Status"), lambda p: p.get_status_display(), 14),
        exports.Column(_("Contract"), lambda p: str(p.contract), 32),
    ]


def _position_form(request, contract, position=None):
    form = PositionForm(request.POST or None, instance=position, contract=contract)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_position(contract, user=request.user, data=form.data_for_service, position=position)
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The position is saved.") if position else _("The position is added."))
            return redirect("contracts:positions")
    return render(
        request, "contracts/supplier/position_form.html", {"form": form, "contract": contract, "position": position}
    )


def position_create(request, pk):
    contract = access.get_contract_for_user(request.user, pk, write=True)
    return _position_form(request, contract)


def position_edit(request, pk, position_pk):
    contract = access.get_contract_for_user(request.user, pk, write=True)
    position = access.get_position_for_user(request.user, contract, position_pk)
    return _position_form(request, contract, position)


def report_create(request, pk):
    contract = access.get_contract_for_user(request.user, pk)
    if not access.is_contract_supplier(request.user, contract):
        raise PermissionDenied  # The buyer follows up; the supplier reports.
    form = ReportForm(request.POST or None, contract=contract, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.REPORT_FIELDS}
        try:
            services.submit_report(contract, user=request.user, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. The report is submitted to the buyer."))
            return redirect("contracts:detail", pk=contract.pk)
    return render(request, "contracts/supplier/report_form.html", {"form": form, "contract": contract})
