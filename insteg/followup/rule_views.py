"""The follow-up rules: the check-in schedule (default and per position type) and the first-response time
limits. Administrators change them; matching officers read them; everyone else: 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from insteg.contracts.models import PositionType
from insteg.core.forms import add_service_errors
from insteg.followup import access, rule_services
from insteg.followup.models import CheckInStep, ResponseTimeLimit
from insteg.followup.rule_forms import DeleteStepForm, LimitForm, StepForm
from insteg.lib.errors import DomainError
from insteg.rules.services import history_of


def _require_editor(user) -> None:
    if not access.can_edit_rules(user):
        raise PermissionDenied


def _in_schedule_order(steps) -> list[CheckInStep]:
    """Counted from the start before counted from the end, then by how long after."""
    return sorted(steps, key=lambda step: (step.anchor != CheckInStep.Anchor.START, step.months, step.days, step.pk))


def rules(request):
    if not access.can_read_rules(request.user):
        raise PermissionDenied
    by_type = {}
    for step in CheckInStep.objects.all():
        by_type.setdefault(step.position_type_id, []).append(step)
    position_types = [
        (position_type, _in_schedule_order(by_type.get(position_type.pk, [])))
        for position_type in PositionType.objects.all()
    ]
    context = {
        "default_steps": _in_schedule_order(by_type.get(None, [])),
        "position_types": position_types,
        "limits": rule_services.limits_in_category_order(),
        "can_edit": access.can_edit_rules(request.user),
    }
    return render(request, "followup/rules/overview.html", context)


def _save_step(request, form: StepForm):
    """The service validates and saves; its messages go on the form. Returns the step, or None."""
    try:
        return rule_services.save_step(form.save(commit=False), user=request.user)
    except ValidationError as error:
        add_service_errors(form, error)
    except DomainError as error:
        form.add_error(None, str(error))
    return None


def step_create(request):
    _require_editor(request.user)
    initial = {}
    position_type = request.GET.get("position_type", "")
    if position_type.isdigit():
        initial["position_type"] = PositionType.objects.filter(pk=position_type).first()
    form = StepForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_step(request, form):
        messages.success(request, _("The step is added. Placements that start from now on get it."))
        return redirect("followup:rules")
    return render(request, "followup/rules/step_form.html", {"form": form, "step": None})


def step_edit(request, pk):
    _require_editor(request.user)
    step = get_object_or_404(CheckInStep.objects.select_related("position_type"), pk=pk)
    stored_name = step.name  # the heading names the stored step, not what a rejected form typed
    deleting = request.method == "POST" and request.POST.get("intent") == "delete"
    form = StepForm(None if deleting else request.POST or None, instance=step)
    delete_form = DeleteStepForm(request.POST if deleting else None)
    if deleting and delete_form.is_valid():
        try:
            rule_services.delete_step(step, user=request.user)
        except DomainError as error:
            delete_form.add_error(None, str(error))
        else:
            messages.success(request, _("The step is deleted. Check-ins already made from it stay."))
            return redirect("followup:rules")
    elif request.method == "POST" and not deleting and form.is_valid() and _save_step(request, form):
        messages.success(request, _("The step is saved. Placements that start from now on follow it."))
        return redirect("followup:rules")
    context = {
        "form": form,
        "step": step,
        "stored_name": stored_name,
        "delete_form": delete_form,
        "history": history_of(step),
    }
    return render(request, "followup/rules/step_form.html", context)


def limit_edit(request, pk):
    _require_editor(request.user)
    limit = get_object_or_404(ResponseTimeLimit, pk=pk)
    form = LimitForm(request.POST or None, instance=limit)
    if request.method == "POST" and form.is_valid():
        try:
            rule_services.save_limit(form.save(commit=False), user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The time limit is saved. It applies to situations reported from now on."))
            return redirect("followup:rules")
    context = {"form": form, "limit": limit, "history": history_of(limit)}
    return render(request, "followup/rules/limit_form.html", context)
