"""Retention pages: the data-protection officer reads them, administrators decide (rules, proposals, holds)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insteg.core.forms import add_service_errors
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
    page = Paginator(all_records, 50).get_page(request.GET.get("page"))
    return render(request, "retention/records.html", {"page": page})
