"""The matching officers' follow-up pages: what is due, one placement's follow-up, and every step on it.

The municipality's matching officers act; the referring employment-service officer reads (and may report a
situation); everyone else gets 404 from access.get_followed_placement, which also logs the read. Every page
runs a constant number of queries whatever the number of check-ins, actions or situations.
"""

import datetime
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from insteg.accounts.models import Role
from insteg.core.forms import add_service_errors
from insteg.followup import access, services
from insteg.followup.models import Action, CheckIn, Situation, SituationCategory
from insteg.followup.officer_forms import (
    CheckInAddForm,
    CheckInForm,
    EndForm,
    Outcome90Form,
    ResponsibleForm,
    SituationReportForm,
    SituationStepForm,
    StartForm,
)
from insteg.lib import exports
from insteg.lib.errors import DomainError
from insteg.matching.models import Adaptation, ParticipantView, Placement
from insteg.matching.services import log_views

SITUATION_STATES = {
    "open": gettext_lazy("Awaiting a first response"),
    "responded": gettext_lazy("Responded"),
    "resolved": gettext_lazy("Resolved"),
}


# --- Helpers ------------------------------------------------------------------------------------------------------


def _officer_placement(request, pk: int, *, where: str) -> Placement:
    """A placement the user may act on: 404 when they don't see it, 403 for the referrer (who only reads)."""
    placement = access.get_followed_placement(request.user, pk, where=where)
    if not access.may_follow_up(request.user, placement):
        raise PermissionDenied
    return placement


def _posted(request):
    """The form data of a POST (even an empty one, which `request.POST or None` would take for a GET)."""
    return request.POST if request.method == "POST" else None


def _run(form, workflow):
    """Run a service and give its result; None when it refused (field errors onto the form, others above it)."""
    try:
        return workflow()
    except ValidationError as error:
        add_service_errors(form, error)
    except DomainError as error:
        form.add_error(None, str(error))
    return None


def _to_placement(request, placement: Placement, message: str):
    messages.success(request, message)
    return redirect("followup:placement", pk=placement.pk)


def _check_in_label(check_in: CheckIn) -> str:
    return check_in.title


def _describe_check_in(check_in: CheckIn, today: datetime.date) -> CheckIn:
    check_in.label = _check_in_label(check_in)
    if check_in.cancelled_at:
        check_in.state = "cancelled"
    elif check_in.done_on:
        check_in.state = "done"
    elif check_in.due_on < today:
        check_in.state = "overdue"
    else:
        check_in.state = "open"
    check_in.days_overdue = (today - check_in.due_on).days if check_in.state == "overdue" else 0
    return check_in


def _describe_situation(situation: Situation, now: datetime.datetime) -> Situation:
    situation.overdue = situation.is_overdue(now)
    situation.state_label = SITUATION_STATES[situation.state]
    return situation


def _adaptation_labels(codes) -> list[str]:
    return [Adaptation(code).label for code in codes if code in Adaptation.values]


# --- Due and overdue ------------------------------------------------------------------------------------------------


DUE_PAGE_SIZE = 50


def _log_due_reads(user, items, where: str) -> None:
    shown = {item.placement.participant.pk: item.placement.participant for item in items}
    log_views(user, shown.values(), purpose=ParticipantView.Purpose.FOLLOW_UP, where=where)


def due(request):
    user = request.user
    if not access.is_matching_officer(user):
        raise PermissionDenied
    team = request.GET.get("team") == "1"
    officer = None if team else user
    municipalities = user.organisations_with_role(Role.MATCHING_OFFICER)
    today, now = timezone.localdate(), timezone.now()
    due = services.due_check_ins(officer=officer, municipalities=municipalities, today=today)
    situations = [
        _describe_situation(situation, now)
        for situation in services.awaiting_situations(officer=officer, municipalities=municipalities)
    ]
    export_format = exports.requested_format(request)
    if export_format:
        check_ins = [_describe_check_in(check_in, today) for check_in in due]
        _log_due_reads(user, [*check_ins, *situations], "follow-up due list export")
        rows = [*(_due_row_of_check_in(c) for c in check_ins), *(_due_row_of_situation(s) for s in situations)]
        return exports.response(export_format, "follow-up-due", _due_columns(team), rows, title=_("Due and overdue"))
    # A team's list can be long: a page of it, with the totals counted by the database in one query.
    totals = due.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    paginator = Paginator(due, DUE_PAGE_SIZE)
    paginator.count = totals["total"]
    page = paginator.get_page(request.GET.get("page"))
    check_ins = [_describe_check_in(check_in, today) for check_in in page]
    _log_due_reads(user, [*check_ins, *situations], "follow-up due list")
    context = {
        "team": team,
        "page": page,
        "check_ins": check_ins,
        "check_in_total": totals["total"],
        "overdue_count": totals["overdue"],
        "situations": situations,
        "overdue_situations": sum(situation.overdue for situation in situations),
        "today": today,
    }
    return render(request, "followup/officer/due.html", context)


def _due_row_of_check_in(check_in: CheckIn) -> dict:
    return {
        "kind": _("Check-in"),
        "placement": check_in.placement,
        "what": check_in.label,
        "due": check_in.due_on,
        "status": _("Overdue") if check_in.state == "overdue" else _("Due soon"),
        "days_overdue": check_in.days_overdue or None,
        "responsible": check_in.assigned_to.name if check_in.assigned_to else "",
    }


def _due_row_of_situation(situation: Situation) -> dict:
    return {
        "kind": _("Situation"),
        "placement": situation.placement,
        "what": f"{situation.get_category_display()} ({situation.get_severity_display()})",
        "due": situation.response_due_at,
        "status": _("Overdue") if situation.overdue else situation.state_label,
        "days_overdue": None,
        "responsible": "",
    }


def _due_columns(team: bool) -> list[exports.Column]:
    """Both tables of the page in one list: the check-ins first, then the situations awaiting a response."""
    columns = [
        exports.Column(_("Kind"), lambda row: row["kind"], 12),
        exports.Column(_("Participant"), lambda row: str(row["placement"].participant), 24),
        exports.Column(_("Host"), lambda row: str(row["placement"].position.contract.supplier), 28),
        exports.Column(_("Check-in or situation"), lambda row: row["what"], 32),
        exports.Column(_("Due"), lambda row: row["due"], 18),
        exports.Column(_("Status"), lambda row: row["status"], 16),
        exports.Column(_("Days overdue"), lambda row: row["days_overdue"], 10),
    ]
    if team:
        columns.append(exports.Column(_("Responsible"), lambda row: row["responsible"], 20))
    return columns


# --- One placement ------------------------------------------------------------------------------------------------


def placement(request, pk):
    user = request.user
    placement = access.get_followed_placement(user, pk, where="follow-up placement")
    today, now = timezone.localdate(), timezone.now()
    check_ins = [
        _describe_check_in(check_in, today) for check_in in placement.check_ins.select_related("step", "assigned_to")
    ]
    actions = list(Action.objects.filter(check_in__placement=placement).order_by("done_on", "due_on", "pk"))
    situations = [_describe_situation(situation, now) for situation in access.situations_for(user, placement)]
    may_act = access.may_follow_up(user, placement)
    context = {
        "placement": placement,
        "participant": placement.participant,
        "position": placement.position,
        "adaptations": _adaptation_labels(placement.agreed_adaptations),
        "check_ins": check_ins,
        "actions": actions,
        "situations": situations,
        "may_act": may_act,
        "may_report": placement.status != Placement.Status.PLANNED,
        "today": today,
    }
    return render(request, "followup/officer/placement.html", context)


def _simple_page(request, placement, form, *, title: str, submit: str, note: str = "", refused: str = ""):
    """A page with one form about the placement; `refused` replaces the form when the state rules it out."""
    context = {"placement": placement, "form": form, "title": title, "submit": submit, "note": note, "refused": refused}
    return render(request, "followup/officer/form_page.html", context)


def start(request, pk):
    placement = _officer_placement(request, pk, where="follow-up start")
    refused = "" if placement.status == Placement.Status.PLANNED else _("The placement has already started.")
    form = StartForm(_posted(request))
    if request.method == "POST" and not refused and form.is_valid():
        started_on = form.cleaned_data["started_on"]
        if _run(form, lambda: services.start(placement, user=request.user, started_on=started_on)) is not None:
            return _to_placement(request, placement, _("The placement has started and its check-ins are scheduled."))
    note = _(
        "Recording the start makes the check-in schedule, each check-in assigned to the responsible matching "
        "officer. The planned start is %(date)s; a different actual start moves the planned end as much."
    ) % {"date": placement.starts_on.strftime("%Y-%m-%d")}
    return _simple_page(
        request, placement, form, title=_("Start the placement"), submit=_("Record the start"), note=note,
        refused=refused,
    )  # fmt: skip


def responsible(request, pk):
    placement = _officer_placement(request, pk, where="follow-up responsible")
    municipality_id = placement.participant.municipality_id
    form = ResponsibleForm(
        _posted(request), municipality_id=municipality_id, initial={"officer": placement.responsible_id}
    )
    if request.method == "POST" and form.is_valid():
        officer = form.cleaned_data["officer"]
        if _run(form, lambda: services.set_responsible(placement, user=request.user, officer=officer)) is not None:
            return _to_placement(
                request, placement, _("%(name)s is now responsible for the placement.") % {"name": officer.name}
            )
    return _simple_page(request, placement, form, title=_("Change the responsible matching officer"), submit=_("Save"))


def end(request, pk):
    placement = _officer_placement(request, pk, where="follow-up end")
    refused = {
        Placement.Status.PLANNED: _("Record the start first: a placement that never started is withdrawn, not ended."),
        Placement.Status.ENDED: _("The placement has already ended."),
    }.get(placement.status, "")
    form = EndForm(_posted(request))
    if request.method == "POST" and not refused and form.is_valid():
        data = form.cleaned_data
        workflow = partial(
            services.end,
            placement, user=request.user, ended_on=data["ended_on"], reason=data["end_reason"],
            outcome=data["outcome_at_end"], evidence=data["outcome_at_end_evidence"],
        )  # fmt: skip
        if _run(form, workflow) is not None:
            return _to_placement(
                request, placement, _("The placement has ended. Record the outcome again 90 days after the end.")
            )
    note = _("The planned end is %(date)s.") % {"date": placement.planned_end_on.strftime("%Y-%m-%d")}
    return _simple_page(
        request, placement, form, title=_("End the placement"), submit=_("End the placement"), note=note,
        refused=refused,
    )  # fmt: skip


def outcome_90(request, pk):
    placement = _officer_placement(request, pk, where="follow-up outcome 90")
    ended = placement.status == Placement.Status.ENDED
    refused = "" if ended else _("The outcome after 90 days is recorded once the placement has ended.")
    initial = {"outcome_90": placement.outcome_90, "outcome_90_evidence": placement.outcome_90_evidence}
    form = Outcome90Form(_posted(request), initial=initial)
    if request.method == "POST" and ended and form.is_valid():
        outcome, evidence = form.cleaned_data["outcome_90"], form.cleaned_data["outcome_90_evidence"]
        recorded = _run(
            form, lambda: services.record_outcome_90(placement, user=request.user, outcome=outcome, evidence=evidence)
        )
        if recorded is not None:
            return _to_placement(request, placement, _("The outcome after 90 days is recorded."))
    note = ""
    if ended:
        note = _(
            "Statskontoret measures where people are 90 days after a placement. It can be recorded from "
            "%(date)s, and corrected later."
        ) % {"date": placement.outcome_90_due_on.strftime("%Y-%m-%d")}
    return _simple_page(
        request, placement, form, title=_("Outcome 90 days after the end"), submit=_("Record the outcome"),
        note=note, refused=refused,
    )  # fmt: skip


def check_in_add(request, pk):
    placement = _officer_placement(request, pk, where="follow-up add check-in")
    planned = placement.status == Placement.Status.PLANNED
    refused = _("The schedule starts when the placement starts.") if planned else ""
    form = CheckInAddForm(_posted(request))
    if request.method == "POST" and not refused and form.is_valid():
        due_on = form.cleaned_data["due_on"]
        if _run(form, lambda: services.add_check_in(placement, user=request.user, due_on=due_on)) is not None:
            return _to_placement(request, placement, _("The extra check-in is added to the schedule."))
    return _simple_page(
        request, placement, form, title=_("Add a check-in"), submit=_("Add the check-in"), refused=refused
    )


# --- A check-in -----------------------------------------------------------------------------------------------------


def check_in(request, pk, check_in_pk):
    user = request.user
    placement = access.get_followed_placement(user, pk, where="follow-up check-in")
    check_in = _describe_check_in(access.get_check_in(placement, check_in_pk), timezone.localdate())
    may_act = access.may_follow_up(user, placement)
    may_record = may_act and check_in.state in ("open", "overdue")
    form = None
    if request.method == "POST":
        if not may_act:
            raise PermissionDenied
        if not may_record:
            messages.error(request, _("This check-in is already recorded or no longer needed."))
            return redirect("followup:check_in", pk=placement.pk, check_in_pk=check_in.pk)
        form = CheckInForm(request.POST)
        if form.is_valid() and _record(form, check_in, user) is not None:
            return _to_placement(request, placement, _("The check-in is recorded."))
    elif may_record:
        form = CheckInForm()
    context = {
        "placement": placement,
        "check_in": check_in,
        "categories": [
            SituationCategory(code).label for code in check_in.categories if code in SituationCategory.values
        ],
        "actions": list(check_in.actions.all()),
        "today": timezone.localdate(),
        "may_act": may_act,
        "form": form,
    }
    return render(request, "followup/officer/check_in.html", context)


def _record(form: CheckInForm, check_in: CheckIn, user) -> CheckIn | None:
    data = form.cleaned_data
    return _run(
        form,
        lambda: services.record_check_in(
            check_in,
            user=user,
            done_on=data["done_on"],
            channel=data["channel"],
            with_whom=data["with_whom"],
            status=data["status"],
            categories=data["categories"],
            notes=data["notes"],
            actions=data["actions"],
            next_check_in_on=data["next_check_in_on"],
        ),
    )


@require_POST
def action_done(request, pk, action_pk):
    # Shows nothing itself, so no read is logged here: the page it returns to logs.
    placement = get_object_or_404(access.followed_placements(request.user), pk=pk)
    if not access.may_follow_up(request.user, placement):
        raise PermissionDenied
    action = access.get_action(placement, action_pk)
    if action.done_on:
        messages.error(request, _("The action is already done."))
    else:
        try:
            services.complete_action(action, user=request.user)
        except (ValidationError, DomainError) as error:
            messages.error(request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("The action is marked as done."))
    if request.POST.get("back") == "check_in":
        return redirect("followup:check_in", pk=placement.pk, check_in_pk=action.check_in_id)
    return redirect("followup:placement", pk=placement.pk)


# --- Situations -------------------------------------------------------------------------------------------------------


def situation_report(request, pk):
    user = request.user
    placement = access.get_followed_placement(user, pk, where="follow-up report situation")
    planned = placement.status == Placement.Status.PLANNED
    refused = _("Situations are reported once the placement has started.") if planned else ""
    form = SituationReportForm(_posted(request))
    if request.method == "POST" and not refused and form.is_valid():
        data = form.cleaned_data
        reported = _run(form, lambda: services.report_situation(placement, user=user, **data))
        if reported is not None:
            due_at = timezone.localtime(reported.response_due_at).strftime("%Y-%m-%d %H:%M")
            messages.success(
                request, _("The situation is reported. The first response is due by %(due)s.") % {"due": due_at}
            )
            return redirect("followup:situation", pk=placement.pk, situation_pk=reported.pk)
    note = _("Report each event on its own: one situation, one report. The responsible matching officer is told.")
    return _simple_page(
        request, placement, form, title=_("Report a situation"), submit=_("Report the situation"), note=note,
        refused=refused,
    )  # fmt: skip


def _step_forms(situation: Situation, data=None) -> dict:
    """The forms an officer has on a situation in its state, each bound only when it was the one sent."""
    sent = (data or {}).get("action")
    if situation.resolved_at:
        steps = {SituationStepForm.REOPEN: (_("Reopen the situation"), _("Why it is reopened"), _("Reopen"))}
    else:
        if situation.first_response_at is None:
            respond = (_("Respond"), _("Your first response"), _("Send the first response"))
        else:
            respond = (_("Add a note"), _("Note"), _("Add the note"))
        resolve = (_("Resolve the situation"), _("How it was resolved"), _("Resolve"))
        steps = {SituationStepForm.RESPOND: respond, SituationStepForm.RESOLVE: resolve}
    forms = {}
    for action, (title, label, submit) in steps.items():
        form = SituationStepForm(data if action == sent else None, action=action, label=label)
        form.title, form.submit = title, submit
        forms[action] = form
    return forms


STEP_DONE = {
    SituationStepForm.RESPOND: gettext_lazy("Your response is added to the history."),
    SituationStepForm.RESOLVE: gettext_lazy("The situation is resolved."),
    SituationStepForm.REOPEN: gettext_lazy("The situation is reopened."),
}


def _take_step(form: SituationStepForm, situation: Situation, user) -> bool:
    text = form.cleaned_data["text"]
    try:
        if form.step == SituationStepForm.RESPOND:
            services.respond(situation, user=user, text=text)
        elif form.step == SituationStepForm.RESOLVE:
            services.resolve(situation, user=user, resolution=text)
        else:
            services.reopen(situation, user=user, text=text)
    except ValidationError as error:
        # The services name the free text "text" or "resolution"; on this form it is one field.
        form.add_error("text", [message for messages_ in error.message_dict.values() for message in messages_])
    except DomainError as error:
        form.add_error(None, str(error))
    else:
        return True
    return False


def situation(request, pk, situation_pk):
    user = request.user
    placement = access.get_followed_placement(user, pk, where="follow-up situation")
    situation = _describe_situation(access.get_situation(user, placement, situation_pk), timezone.now())
    may_act = access.may_follow_up(user, placement)
    forms = {}
    if request.method == "POST":
        if not may_act:
            raise PermissionDenied
        forms = _step_forms(situation, request.POST)
        form = forms.get(request.POST.get("action"))
        if form is None:
            messages.error(request, _("That step is not possible in the situation's present state."))
            return redirect("followup:situation", pk=placement.pk, situation_pk=situation.pk)
        if form.is_valid() and _take_step(form, situation, user):
            messages.success(request, STEP_DONE[form.step])
            return redirect("followup:situation", pk=placement.pk, situation_pk=situation.pk)
    elif may_act:
        forms = _step_forms(situation)
    context = {
        "placement": placement,
        "situation": situation,
        "events": list(situation.events.select_related("by")),
        "forms": list(forms.values()),
        "may_act": may_act,
    }
    return render(request, "followup/officer/situation.html", context)
