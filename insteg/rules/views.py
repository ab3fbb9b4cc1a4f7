from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from insteg.lib import exports
from insteg.rules import access, deadlines, proportionality, services
from insteg.rules.forms import (
    DeadlineCalculatorForm,
    ExchangeRateForm,
    PolicyForm,
    PresetForm,
    ThresholdForm,
    TimeLimitForm,
)
from insteg.rules.models import (
    ExchangeRate,
    Procedure,
    ProcurementPolicy,
    ProportionalityPreset,
    Threshold,
    TimeLimit,
)

# Procedures the law gives no minimum tender period (below the threshold: "reasonable time").
WITHOUT_MINIMUM = {Procedure.NEGOTIATED_WITHOUT_NOTICE, Procedure.DIRECT_AWARD, Procedure.BELOW_THRESHOLD}


def _result_rows(result: deadlines.Deadlines, data: dict) -> list[tuple[str, object, str]]:
    """(label, date or None, why there is no date) for each date the calculator answers."""
    no_notice = _("Give the day the notice is sent.")
    no_deadline = _("Give the tender deadline.")
    no_award = _("Give the day the award notice is sent.")
    if data["procedure"] in WITHOUT_MINIMUM:
        no_minimum = _("The law sets no minimum tender period for this procedure.")
    else:
        no_minimum = no_notice if not data["notice_sent"] else _("No rule applies.")
    no_standstill = no_award if not data["award_notice_sent"] else _("No standstill period applies.")
    return [
        (_("Earliest lawful tender deadline"), result.minimum_tender_deadline, no_minimum),
        (_("Default question deadline"), result.question_deadline, no_deadline),
        (_("Last day to answer questions"), result.answers_due_by, no_deadline),
        (_("Standstill period ends"), result.standstill_ends, no_standstill),
        (_("Earliest day to sign the contract"), result.earliest_contract_signing, no_standstill),
    ]


@login_not_required
def deadline_calculator(request):
    form = DeadlineCalculatorForm(request.GET or None)
    result = rows = None
    if form.is_bound and form.is_valid():
        result = deadlines.calculate(**form.cleaned_data)
        rows = _result_rows(result, form.cleaned_data)
    template = "rules/deadline_calculator.html#results" if request.htmx else "rules/deadline_calculator.html"
    return render(request, template, {"form": form, "result": result, "rows": rows})


def overview(request):
    if not access.can_read_rules(request.user):
        raise PermissionDenied
    organisation = request.user.organisation
    policy = None
    if organisation is not None:
        policy = ProcurementPolicy.objects.filter(organisation=organisation).select_related("default_preset").first()
    if export_format := exports.requested_format(request):
        return _export_rules(export_format, request.GET.get("table"))
    thresholds = list(Threshold.objects.all())
    context = {
        "thresholds": thresholds,
        "thresholds_without_sek": sum(threshold.amount_sek is None for threshold in thresholds),
        "exchange_rates": ExchangeRate.objects.all(),
        "time_limits": TimeLimit.objects.all(),
        "presets": ProportionalityPreset.objects.all(),
        "organisation": organisation,
        "policy": policy,
        "can_edit": access.can_edit_rules(request.user),
    }
    return render(request, "rules/overview.html", context)


def _sourced_columns() -> list[exports.Column]:
    return [
        exports.Column(_("Source"), lambda rule: rule.source, 32),
        exports.Column(_("Source address"), lambda rule: rule.source_url, 32),
        exports.Column(_("Certainty"), lambda rule: rule.get_certainty_display(), 14),
    ]


def _export_rules(export_format: str, table: str | None):
    """One of the overview's tables as a file: `table=exchange_rates` or `time_limits`; thresholds otherwise."""
    if table == "exchange_rates":
        columns = [
            exports.Column(_("Valid from"), lambda rule: rule.valid_from, 12),
            exports.Column(_("SEK per EUR"), lambda rule: rule.sek_per_eur, 12),
        ]
        return exports.response(
            export_format, "exchange-rates", columns + _sourced_columns(), ExchangeRate.objects.all(),
            title=_("Exchange rates"),
        )  # fmt: skip
    if table == "time_limits":
        columns = [
            exports.Column(_("Code"), lambda rule: rule.code, 24),
            exports.Column(_("Rule"), lambda rule: rule.text, 48),
            exports.Column(_("Days"), lambda rule: rule.days, 8),
            exports.Column(_("Moves to the next working day"), lambda rule: rule.rolls_forward, 12),
        ]
        return exports.response(
            export_format, "time-limits", columns + _sourced_columns(), TimeLimit.objects.all(), title=_("Time limits")
        )
    columns = [
        exports.Column(_("Valid from"), lambda rule: rule.valid_from, 12),
        exports.Column(_("Valid to"), lambda rule: rule.valid_to, 12),
        exports.Column(_("Law"), lambda rule: rule.law, 8),
        exports.Column(_("Limit"), lambda rule: rule.get_kind_display(), 24),
        exports.Column(_("Buyer"), lambda rule: rule.get_buyer_category_display(), 20),
        exports.Column(_("Contract type"), lambda rule: rule.get_contract_type_display(), 16),
        exports.Column(_("SEK"), lambda rule: rule.amount_sek, 14),
        exports.Column(_("EUR"), lambda rule: rule.amount_eur, 14),
    ]
    return exports.response(
        export_format, "thresholds", columns + _sourced_columns(), Threshold.objects.all(), title=_("Thresholds")
    )


def _require_editor(user) -> None:
    if not access.can_edit_rules(user):
        raise PermissionDenied


def _edit(request, *, form_class, instance, thing: str, heading: str):
    """One editing page for every kind of rule row: validated, atomic, audited, with the row's history."""
    history = services.history_of(instance) if instance.pk else []
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save_rule(form, by=request.user, thing=thing)
        messages.success(request, _("Saved. The change is kept in the rule's history and the audit trail."))
        return redirect("rules:overview")
    return render(request, "rules/rule_form.html", {"form": form, "heading": heading, "history": history})


def threshold_create(request):
    _require_editor(request.user)
    return _edit(request, form_class=ThresholdForm, instance=Threshold(), thing="threshold", heading=_("New threshold"))


def threshold_edit(request, pk):
    _require_editor(request.user)
    threshold = get_object_or_404(Threshold, pk=pk)
    heading = _("Threshold: %(threshold)s") % {"threshold": threshold}
    return _edit(request, form_class=ThresholdForm, instance=threshold, thing="threshold", heading=heading)


def exchange_rate_create(request):
    _require_editor(request.user)
    heading = _("New exchange rate")
    return _edit(request, form_class=ExchangeRateForm, instance=ExchangeRate(), thing="exchange_rate", heading=heading)


def time_limit_edit(request, pk):
    _require_editor(request.user)
    limit = get_object_or_404(TimeLimit, pk=pk)
    heading = _("Time limit: %(code)s") % {"code": limit.code}
    return _edit(request, form_class=TimeLimitForm, instance=limit, thing="time_limit", heading=heading)


def preset_edit(request, pk):
    _require_editor(request.user)
    preset = get_object_or_404(ProportionalityPreset, pk=pk)
    heading = _("Proportionality preset: %(name)s") % {"name": preset}
    return _edit(request, form_class=PresetForm, instance=preset, thing="preset", heading=heading)


def policy_edit(request):
    _require_editor(request.user)
    organisation = access.policy_organisation_for(request.user)
    policy = proportionality.policy_for(organisation)
    heading = _("Procurement policy of %(organisation)s") % {"organisation": organisation}
    return _edit(request, form_class=PolicyForm, instance=policy, thing="policy", heading=heading)
