"""The impact estimator (domain research §4.4) and the administrators' page for its parameters.

The estimator takes aggregates from the pilot evaluation (months delivered, people in work 90 days after) and
the parameters, and shows ranges with the method, the assumptions and the sources. It needs no personal data.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from insteg.core.forms import add_service_errors
from insteg.lib.errors import DomainError
from insteg.reports import access, parameter_services
from insteg.reports import impact as estimator
from insteg.reports.dashboard import in_work_after_90_days
from insteg.reports.figures import evaluate
from insteg.reports.impact_forms import ParameterForm, ScenarioForm
from insteg.reports.models import ImpactParameter
from insteg.reports.suppression import Count

SUPPORT = "public-support-per-year"
LIFETIME = "lifetime-exclusion-cost"


@dataclass(frozen=True)
class Scenario:
    start: datetime.date
    end: datetime.date
    deadweight: int
    attribution: int
    lifetime_share: int
    months_delivered: Decimal
    people_in_work: Count
    people_followed: Count
    in_placement: estimator.Estimate | None
    in_placement_missing: str
    long_term: estimator.Estimate | None
    long_term_missing: str


def _not_in_use(key: str) -> str:
    return _("The parameter “%(key)s” is not in use, so this estimate is not made.") % {"key": key}


def scenario(user, settings: dict) -> Scenario:
    """The estimates for the user's reportable procurements, or why one is not made (the estimator gives None for a
    parameter that is switched off)."""
    threshold = access.threshold_for(user)
    evaluation = evaluate(access.reportable_procurements(user), settings["start"], settings["end"], threshold)
    total = evaluation.table("commitments").total
    months = Decimal(total[1][2]) if total else Decimal(0)
    working, followed = in_work_after_90_days(evaluation)
    weights = {"deadweight_percent": settings["deadweight"], "attribution_percent": settings["attribution"]}
    in_placement = estimator.in_placement(months, **weights)
    in_placement_missing = "" if in_placement else _not_in_use(SUPPORT)
    long_term, long_term_missing = None, ""
    if not settings["lifetime_share"]:
        long_term_missing = _("Left out: set a share of the lifetime cost above 0 % to see the long-term scenario.")
    elif working.hidden:
        long_term_missing = _(
            "Not computed: fewer than %(threshold)d people were in work 90 days after, and that count is hidden "
            "from you; an estimate from it would reveal it."
        ) % {"threshold": threshold}
    else:
        long_term = estimator.long_term(working.value, share_of_lifetime_percent=settings["lifetime_share"], **weights)
        long_term_missing = "" if long_term else _not_in_use(LIFETIME)
    return Scenario(
        start=settings["start"],
        end=settings["end"],
        deadweight=settings["deadweight"],
        attribution=settings["attribution"],
        lifetime_share=settings["lifetime_share"],
        months_delivered=months,
        people_in_work=working,
        people_followed=followed,
        in_placement=in_placement,
        in_placement_missing=in_placement_missing,
        long_term=long_term,
        long_term_missing=long_term_missing,
    )


def impact(request):
    if not access.can_read_reports(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    form = ScenarioForm(request.GET or None, today=today)
    settings = ScenarioForm.defaults(today)  # the first visit: no deadweight, full attribution
    if form.is_bound:
        settings = form.cleaned_data if form.is_valid() else None
    context = {
        "form": form,
        "scenario": scenario(request.user, settings) if settings else None,
        "parameters": list(ImpactParameter.objects.all()),
        "can_edit": parameter_services.can_edit_parameters(request.user),
        "is_staff": access.is_municipality_staff(request.user),
    }
    return render(request, "reports/impact.html", context)


def parameter_edit(request, pk):
    if not parameter_services.can_edit_parameters(request.user):
        raise PermissionDenied
    parameter = get_object_or_404(ImpactParameter, pk=pk)
    form = ParameterForm(request.POST or None, instance=parameter)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ParameterForm.Meta.fields}
        try:
            parameter_services.save_parameter(parameter, user=request.user, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The parameter is saved. Every estimate uses it from now on."))
            return redirect("reports:impact")
    if request.method == "POST":
        parameter.refresh_from_db()  # the heading and history name the stored parameter, not what a rejected form typed
    context = {"form": form, "parameter": parameter, "history": parameter_services.history(parameter)}
    return render(request, "reports/parameter_edit.html", context)
