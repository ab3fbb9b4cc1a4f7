"""Retention pages: the data-protection officer reads them, administrators decide (rules, proposals, holds)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insteg.core.forms import add_service_errors
from insteg.lib import exports
from insteg.lib.errors import DomainError
from insteg.retention import access, services
from insteg.retention.forms import HoldForm, RuleForm
from insteg.retention.models import DisposalBatch, DisposalRecord, LegalHold, RecordType

RECENT_RECORDS = 10


def overview(request):
    access.require_view(request.user)
    batches = DisposalBatch.objects.filter(status__in=services.OPEN).select_related("rule", "decided_by")
    context = {
        "statuses": services.rule_statuses(),
        "proposed": [b for b in batches if b.status == DisposalBatch.Status.PROPOSED],
        "approved": [b for b in batches if b.status == DisposalBatch.Status.APPROVED],
        "records": DisposalRecord.objects.select_related("approved_by", "applied_by")[:RECENT_RECORDS],
        "can_manage": access.can_manage(request.user),
    }
    return render(request, "retention/overview.html", context)


def rule_edit(request, record_type):
    rule = access.get_rule_for_user(request.user, record_type, write=True)
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_rule(rule, by=request.user, **{name: form.cleaned_data[name] for name in form.Meta.fields})
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The rule for “%(rule)s” is saved.") % {"rule": rule})
            return redirect("retention:overview")
    return render(request, "retention/rule_edit.html", {"form": form, "rule": rule})


def _decide(request, pk, decide, done: str):
    batch = access.get_batch_for_user(request.user, pk, write=True)
    try:
        decide(batch, request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"rule": batch.rule, "count": len(batch.record_ids)})
    return redirect("retention:overview")


@require_POST
def approve(request, pk):
    return _decide(
        request,
        pk,
        services.approve,
        _("Approved: %(count)d records of “%(rule)s” are disposed of at the next run of apply_retention."),
    )


@require_POST
def reject(request, pk):
    return _decide(request, pk, services.reject, _("Not approved: the %(count)d records of “%(rule)s” are kept."))


def holds(request):
    access.require_view(request.user)
    can_manage = access.can_manage(request.user)
    form = None
    if can_manage:
        form = HoldForm(request.POST or None, initial=_hold_initial(request.GET))
        if request.method == "POST" and form.is_valid():
            try:
                services.place_hold(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The legal hold is placed: the record is not disposed of until released."))
                return redirect("retention:holds")
    elif request.method == "POST":
        access.require_manage(request.user)
    all_holds = LegalHold.objects.select_related("placed_by", "released_by").order_by(
        "released_at", "-placed_at", "-pk"
    )
    if (export_format := exports.requested_format(request)) and request.method == "GET":
        return exports.response(export_format, "legal-holds", _hold_columns(), all_holds, title=_("Legal holds"))
    page = Paginator(all_holds, 50).get_page(request.GET.get("page"))
    return render(request, "retention/holds.html", {"form": form, "page": page, "can_manage": can_manage})


def _hold_initial(query) -> dict:
    """From a record's page: ?record_type=participant&record_id=12 fills in the form (ignored when not valid)."""
    initial = {}
    if query.get("record_type") in RecordType.values:
        initial["record_type"] = query["record_type"]
    if query.get("record_id", "").isdigit() and len(query["record_id"]) < 19:
        initial["record_id"] = int(query["record_id"])
    return initial


@require_POST
def release(request, pk):
    hold = access.get_hold_for_user(request.user, pk, write=True)
    try:
        services.release_hold(hold, request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The legal hold is released: the record is proposed again when it is due."))
    return redirect("retention:holds")


def records(request):
    access.require_view(request.user)
    all_records = DisposalRecord.objects.select_related("approved_by", "applied_by")
    if export_format := exports.requested_format(request):
        return exports.response(export_format, "disposal-log", _record_columns(), all_records, title=_("Disposal log"))
    page = Paginator(all_records, 50).get_page(request.GET.get("page"))
    return render(request, "retention/records.html", {"page": page})


def _hold_columns() -> list[exports.Column]:
    return [
        exports.Column(_("Kind of record"), lambda h: h.get_record_type_display(), 24),
        exports.Column(_("Record number"), lambda h: h.record_id, 12),
        exports.Column(_("Reason"), lambda h: h.reason, 40),
        exports.Column(_("Placed"), lambda h: h.placed_at, 18),
        exports.Column(_("Placed by"), lambda h: h.placed_by.name if h.placed_by else "", 20),
        exports.Column(_("Released"), lambda h: h.released_at, 18),
        exports.Column(_("Released by"), lambda h: h.released_by.name if h.released_by else "", 20),
    ]


def _record_columns() -> list[exports.Column]:
    """What the disposal log shows: kinds and counts, never who the records were about."""
    return [
        exports.Column(_("Carried out"), lambda r: r.applied_at, 18),
        exports.Column(_("Kind of record"), lambda r: r.get_record_type_display(), 24),
        exports.Column(_("Action"), lambda r: r.get_action_display(), 14),
        exports.Column(_("Records"), lambda r: r.count, 10),
        exports.Column(_("Held back"), lambda r: r.held_back, 10),
        exports.Column(_("No longer due"), lambda r: r.no_longer_due, 10),
        exports.Column(_("Period (months)"), lambda r: r.months, 10),
        exports.Column(_("Disposal decision"), lambda r: r.decision_ref, 28),
        exports.Column(_("Approved by"), lambda r: r.approved_by.name if r.approved_by else "", 20),
        exports.Column(
            _("Carried out by"),
            lambda r: r.applied_by.name if r.applied_by else _("The system (scheduled run)"),
            24,
        ),
    ]
