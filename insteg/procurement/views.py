"""Pages of the officer's workflow: create, choose criteria, decide proportionately, publish."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insteg.core.forms import add_service_errors
from insteg.lib import exports
from insteg.lib.errors import DomainError
from insteg.procurement import access, services
from insteg.procurement.documents import load_requirements
from insteg.procurement.eforms import codes_for
from insteg.procurement.forms import CriterionFilterForm, LotForm, ProcurementForm, RequirementForm, TransitionForm
from insteg.procurement.models import Criterion, Procurement
from insteg.rules.models import ProportionalityPreset, Regime, Threshold

PAGE_SIZE = 50  # a page of rows renders in a few milliseconds; the whole history would not


def procurement_list(request):
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()[:100]
    procurements = (
        access.procurements_visible_to(request.user)
        .select_related("organisation")
        .annotate(requirement_count=Count("requirements"))
        .order_by("-created_at", "-pk")
    )
    if status in Procurement.Status.values:
        procurements = procurements.filter(status=status)
    if query:
        procurements = procurements.filter(Q(title__icontains=query) | Q(reference__icontains=query))
    if export_format := exports.requested_format(request):
        columns = _procurement_columns()
        return exports.response(export_format, "procurements", columns, procurements, title=_("Procurements"))
    return render(
        request,
        "procurement/procurement_list.html",
        {
            "page": (page := Paginator(procurements, PAGE_SIZE).get_page(request.GET.get("page"))),
            "procurements": page,
            "statuses": Procurement.Status.choices,
            "status": status,
            "q": query,
            "can_create": access.can_design_procurements(request.user),
        },
    )


def _procurement_columns() -> list[exports.Column]:
    """The list page's columns, with the regime's "estimate" note in a column of its own."""
    return [
        exports.Column(_("Reference"), lambda p: p.reference, 16),
        exports.Column(_("Title"), lambda p: p.title, 40),
        exports.Column(_("Organisation"), lambda p: p.organisation.name, 28),
        exports.Column(_("Contract type"), lambda p: p.get_contract_type_display()),
        exports.Column(_("Estimated value (SEK)"), lambda p: p.estimated_value_sek, 16),
        exports.Column(_("Regime"), lambda p: p.get_regime_display(), 28),
        exports.Column(_("Regime estimated from EUR"), lambda p: p.regime_is_estimate, 12),
        exports.Column(_("Social requirements"), lambda p: p.requirement_count, 12),
        exports.Column(_("Tender deadline"), lambda p: p.tender_deadline, 14),
        exports.Column(_("Status"), lambda p: p.get_status_display(), 16),
    ]


def procurement_create(request):
    organisation = access.organisation_for_new_procurement(request.user)
    form = ProcurementForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            procurement = services.create_procurement(user=request.user, organisation=organisation, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The procurement is created as a draft. Now choose its social requirements."))
            return redirect(procurement)
    return render(request, "procurement/procurement_form.html", {"form": form, "procurement": None})


def procurement_edit(request, pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=True)
    if not procurement.is_draft:
        messages.error(request, _("Only a draft can be changed."))
        return redirect(procurement)
    form = ProcurementForm(request.POST or None, instance=procurement)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.update_procurement(procurement, user=request.user, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The procurement is saved."))
            return redirect(procurement)
    return render(request, "procurement/procurement_form.html", {"form": form, "procurement": procurement})


def procurement_detail(request, pk):
    procurement = access.get_procurement_for_user(request.user, pk)
    requirements = load_requirements(procurement)  # and the lots, prefetched: the eForms codes read them too
    lots = list(procurement.lots.all())
    can_edit = access.can_edit_procurement(request.user, procurement)
    regime = services.assess_regime(procurement)
    checks = services.publication_checks(procurement, requirements) if procurement.is_draft else None
    context = {
        "procurement": procurement,
        "requirements": requirements,
        "lots": lots,
        "can_edit": can_edit and procurement.is_draft,
        "can_manage": can_edit,
        "regime": regime,
        "regime_label": Regime(regime.regime).label,
        "limits": [(Threshold.Kind(limit.kind).label, limit) for limit in regime.limits],
        "deadlines": services.procurement_deadlines(procurement),
        "checks": checks,
        "eforms": codes_for(procurement),
        # The regime's own warnings stand under "Regime" already.
        "check_warnings": [warning for warning in checks.warnings if warning not in regime.warnings] if checks else [],
        "next_statuses": [
            (value, label)
            for value, label in Procurement.Status.choices
            if procurement.can_become(value) and value != Procurement.Status.PUBLISHED
        ],
    }
    return render(request, "procurement/procurement_detail.html", context)


def lots(request, pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=True)
    next_number = max((lot.number for lot in procurement.lots.all()), default=0) + 1
    form = LotForm(request.POST or None, initial={"number": next_number})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_lot(procurement, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The lot is added."))
            return redirect("procurement:lots", pk=procurement.pk)
    return render(
        request, "procurement/lots.html", {"procurement": procurement, "lots": procurement.lots.all(), "form": form}
    )


@require_POST
def lot_delete(request, pk, lot_pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=True)
    lot = get_object_or_404(procurement.lots.all(), pk=lot_pk)
    try:
        services.delete_lot(lot, user=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The lot is removed."))
    return redirect("procurement:lots", pk=procurement.pk)


def requirement_add(request, pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=True)
    if request.method == "POST":
        criterion = get_object_or_404(Criterion.objects.active(), code=request.POST.get("criterion", ""))
        try:
            requirement = services.add_requirement(procurement, user=request.user, criterion=criterion)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("procurement:requirement_add", pk=procurement.pk)
        messages.success(request, _("The requirement is added. Now set its parameters and justify it."))
        return redirect("procurement:requirement", pk=procurement.pk, requirement_pk=requirement.pk)
    data = request.GET if request.GET else {"suits_contract": "on"}
    filters = CriterionFilterForm(data)
    criteria = filters.filter(Criterion.objects.active(), procurement.contract_type)
    chosen = set(procurement.requirements.values_list("criterion_id", flat=True))
    context = {"procurement": procurement, "filters": filters, "criteria": criteria, "chosen": chosen}
    template = "procurement/requirement_add.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def requirement_edit(request, pk, requirement_pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=True)
    requirement = access.get_requirement_for_user(request.user, procurement, requirement_pk)
    requirement.procurement = procurement
    if not procurement.is_draft:
        messages.error(request, _("Only a draft can be changed."))
        return redirect(procurement)
    preset_pk = request.GET.get("preset", "")
    preset = ProportionalityPreset.objects.filter(pk=preset_pk).first() if preset_pk.isdigit() else None
    form = RequirementForm(request.POST or None, instance=requirement)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_requirement(requirement, user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The requirement is decided and justified."))
            return redirect(procurement)
    suggestion = services.suggestion_for(requirement, preset) if requirement.needs_slots else None
    used_preset = ProportionalityPreset.objects.filter(code=suggestion.preset).first() if suggestion else None
    context = {
        "suggestion_preset_name": used_preset.name if used_preset else "",
        "procurement": procurement,
        "requirement": requirement,
        "form": form,
        "suggestion": suggestion,
    }
    template = "procurement/requirement_form.html"
    if request.htmx:
        template += "#suggestion"
    return render(request, template, context)


@require_POST
def requirement_delete(request, pk, requirement_pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=True)
    requirement = access.get_requirement_for_user(request.user, procurement, requirement_pk)
    try:
        services.remove_requirement(requirement, user=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The requirement is removed."))
    return redirect(procurement)


def publish(request, pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=True)
    if not procurement.is_draft:
        messages.error(request, _("Only a draft can be published."))
        return redirect(procurement)
    if request.method == "POST":
        try:
            services.publish(procurement, user=request.user)
        except ValidationError:
            messages.error(request, _("The procurement cannot be published yet: see the reasons below."))
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The procurement is published."))
            return redirect(procurement)
    requirements = procurement.requirements.select_related("criterion")
    context = {
        "procurement": procurement,
        "checks": services.publication_checks(procurement, requirements),
        "deadlines": services.procurement_deadlines(procurement),
    }
    return render(request, "procurement/publish.html", context, status=400 if request.method == "POST" else 200)


@require_POST
def change_status(request, pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=True)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status from the list."))
        return redirect(procurement)
    try:
        services.change_status(procurement, user=request.user, status=form.cleaned_data["status"])
    except (DomainError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("The status is changed."))
    return redirect(procurement)
