"""Workflows of the follow-up: start and end a placement, the check-in schedule, check-ins with actions,
situations answered within a time limit, outcomes, and the scheduled reminders.

Every workflow is atomic and audited (ids and codes only); emails are queued in the same transaction.
Time limits count Swedish working days (insteg.rules.calendar: weekends, public holidays and the de facto
holidays Midsommarafton, Julafton and Nyårsafton do not count).
"""

import datetime
import functools
import re
from calendar import monthrange
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from insteg.accounts.models import Role, User
from insteg.followup.models import (
    MAX_DESCRIPTION_LENGTH,
    MAX_NOTE_LENGTH,
    Action,
    CheckIn,
    CheckInStep,
    ResponseTimeLimit,
    Situation,
    SituationCategory,
    SituationEvent,
)
from insteg.followup.reference_data import FALLBACK_RESPONSE_WORKING_DAYS
from insteg.lib.errors import DomainError
from insteg.lib.sensitive import refuse_sensitive_words
from insteg.matching.models import Placement
from insteg.privacy import audit
from insteg.rules import calendar

FULL_TIME_HOURS = 40
MAX_ACTIONS = 10
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --- Who may do what --------------------------------------------------------------------------------------------


def is_matching_officer_for(user, placement: Placement) -> bool:
    return user.is_authenticated and placement.participant.municipality_id in user.organisations_with_role(
        Role.MATCHING_OFFICER
    )


def is_host_of(user, placement: Placement) -> bool:
    return user.is_authenticated and placement.position.contract.supplier_id in user.organisations_with_role(
        Role.SUPPLIER_CONTACT
    )


def is_referrer_of(user, placement: Placement) -> bool:
    return user.is_authenticated and placement.participant.referred_by_id == user.pk


def _require_matching_officer(user, placement: Placement) -> None:
    if not is_matching_officer_for(user, placement):
        raise DomainError(_("Only the municipality's matching officers follow up placements."))


def _organisation(placement: Placement):
    return placement.participant.municipality


def _locked(placement: Placement) -> Placement:
    return (
        Placement.objects.select_for_update()
        .select_related("participant__municipality", "position__contract__supplier", "position__position_type")
        .get(pk=placement.pk)
    )


# --- Text -------------------------------------------------------------------------------------------------------


def _clean_text(value, *, field: str, limit: int, required: bool) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > limit:
        raise ValidationError({field: _("Use at most %(limit)d characters.") % {"limit": limit}})
    if CONTROL_CHARACTERS.search(text):
        raise ValidationError({field: _("Remove the control characters.")})
    refuse_sensitive_words(text, field=field)
    return text


def _check_date(value, *, field: str, not_before: datetime.date | None = None, today=None) -> datetime.date:
    today = today or timezone.localdate()
    if not isinstance(value, datetime.date):
        raise ValidationError({field: _("Enter a date.")})
    if value > today:
        raise ValidationError({field: _("The date cannot be in the future.")})
    if not_before and value < not_before:
        raise ValidationError(
            {field: _("The date cannot be before %(date)s.") % {"date": not_before.strftime("%Y-%m-%d")}}
        )
    return value


def _check_choice(value, choices, *, field: str, required: bool = True) -> str:
    if not value and not required:
        return ""
    if value not in choices.values:
        raise ValidationError({field: _("Choose one of the options.")})
    return value


def _collect(checks: dict) -> dict:
    """Run every check, so the person sees every problem at once; the cleaned values by field."""
    values, errors = {}, {}
    for field, check in checks.items():
        try:
            values[field] = check()
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return values


# --- The schedule ---------------------------------------------------------------------------------------------------


def schedule_for(position_type) -> list[CheckInStep]:
    """The position type's own steps when it has any, else the default schedule."""
    own = list(CheckInStep.objects.filter(position_type=position_type))
    return own or list(CheckInStep.objects.filter(position_type__isnull=True))


def _due(anchor: str, months: int, days: int, placement: Placement) -> datetime.date:
    start = placement.starts_on if anchor == CheckInStep.Anchor.START else _end_of(placement)
    return start + relativedelta(months=months, days=days)


def _end_of(placement: Placement) -> datetime.date:
    return placement.ended_on or placement.planned_end_on


def create_schedule(placement: Placement) -> list[CheckIn]:
    """One check-in per step; a step counted from the start that falls at or after the end is left out
    (a one-month placement gets no three-month check-in: the end check-in covers it)."""
    if placement.check_ins.exists():
        return []
    end = _end_of(placement)
    check_ins = []
    for step in schedule_for(placement.position.position_type):
        due = _due(step.anchor, step.months, step.days, placement)
        if step.anchor == CheckInStep.Anchor.START and due >= end:
            continue
        check_ins.append(
            CheckIn(
                placement=placement,
                step=step,
                name=step.name_sv,
                anchor=step.anchor,
                offset_months=step.months,
                offset_days=step.days,
                due_on=due,
                assigned_to=placement.responsible,
            )
        )
    return CheckIn.objects.bulk_create(check_ins)


def _redate_after_end(placement: Placement, now: datetime.datetime) -> None:
    """After an end: the end's check-ins move to the real end; later start-based ones are no longer needed."""
    for check_in in placement.check_ins.open():
        if check_in.anchor == CheckInStep.Anchor.END:
            check_in.due_on = _due(check_in.anchor, check_in.offset_months, check_in.offset_days, placement)
            check_in.save(update_fields=["due_on"])
        elif check_in.due_on > placement.ended_on:
            check_in.cancelled_at = now
            check_in.save(update_fields=["cancelled_at"])


# --- Starting and ending a placement ---------------------------------------------------------------------------------


@transaction.atomic
def start(placement: Placement, *, user=None, started_on: datetime.date | None = None) -> Placement:
    """The placement has started: the check-in schedule is made, each check-in assigned to the responsible
    matching officer. `user` None is the scheduled job starting placements whose start day has come."""
    placement = _locked(placement)
    if user is not None:
        _require_matching_officer(user, placement)
    if placement.status != Placement.Status.PLANNED:
        raise DomainError(_("The placement has already started."))
    if started_on is not None:
        started_on = _check_date(started_on, field="started_on")
        placement.planned_end_on += started_on - placement.starts_on
        placement.starts_on = started_on
    if placement.responsible_id is None:
        placement.responsible = user if user is not None else _default_responsible(placement)
    placement.status = Placement.Status.ACTIVE
    placement.started_at = timezone.now()
    placement.full_clean()
    placement.save()
    check_ins = create_schedule(placement)
    audit.record(
        "followup.placement_started", actor=user, target=placement, organisation=_organisation(placement),
        check_ins=len(check_ins),
    )  # fmt: skip
    return placement


def _default_responsible(placement: Placement) -> User | None:
    """Whoever prepared the match, while they are still a matching officer of the municipality."""
    prepared_by = placement.proposal.prepared_by if placement.proposal_id else None
    if prepared_by and is_matching_officer_for(prepared_by, placement):
        return prepared_by
    return None


def start_due_placements(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    due = Placement.objects.filter(status=Placement.Status.PLANNED, starts_on__lte=today)
    for placement in due:
        start(placement)
    return len(due)


@transaction.atomic
def set_responsible(placement: Placement, *, user, officer: User) -> Placement:
    placement = _locked(placement)
    _require_matching_officer(user, placement)
    if not is_matching_officer_for(officer, placement):
        raise ValidationError({"officer": _("Choose one of the municipality's matching officers.")})
    placement.responsible = officer
    placement.save(update_fields=["responsible"])
    placement.check_ins.open().update(assigned_to=officer)
    audit.record(
        "followup.responsible_changed", actor=user, target=placement, organisation=_organisation(placement),
        officer=officer.pk,
    )  # fmt: skip
    return placement


@transaction.atomic
def end(placement: Placement, *, user, ended_on: datetime.date, reason: str, outcome: str, evidence: str) -> Placement:
    placement = _locked(placement)
    _require_matching_officer(user, placement)
    if placement.status == Placement.Status.ENDED:
        raise DomainError(_("The placement has already ended."))
    if placement.status == Placement.Status.PLANNED:
        raise DomainError(_("Record the start first: a placement that never started is withdrawn, not ended."))
    _collect(
        {
            "ended_on": lambda: _check_date(ended_on, field="ended_on", not_before=placement.starts_on),
            "end_reason": lambda: _check_end_reason(reason, ended_on, placement),
            "outcome_at_end": lambda: _check_choice(outcome, Placement.Outcome, field="outcome_at_end"),
            "outcome_at_end_evidence": lambda: _check_choice(
                evidence, Placement.Evidence, field="outcome_at_end_evidence", required=outcome != "unknown"
            ),
        }
    )
    placement.ended_on = ended_on
    placement.end_reason = reason
    placement.outcome_at_end = outcome
    placement.outcome_at_end_evidence = evidence if outcome != "unknown" else ""
    placement.status = Placement.Status.ENDED
    placement.save()
    _redate_after_end(placement, timezone.now())
    audit.record(
        "followup.placement_ended", actor=user, target=placement, organisation=_organisation(placement),
        reason=reason, outcome=outcome, evidence=placement.outcome_at_end_evidence,
    )  # fmt: skip
    return placement


def _check_end_reason(reason, ended_on, placement: Placement) -> str:
    reason = _check_choice(reason, Placement.EndReason, field="end_reason")
    early = isinstance(ended_on, datetime.date) and ended_on < placement.planned_end_on - datetime.timedelta(days=7)
    if reason == Placement.EndReason.COMPLETED and early:
        raise ValidationError(
            {"end_reason": _("It ends more than a week before the planned end: choose why it ended early.")}
        )
    return reason


@transaction.atomic
def record_outcome_90(placement: Placement, *, user, outcome: str, evidence: str, today=None) -> Placement:
    """Where the person is 90 days after the end; it can be recorded from that day on, and corrected."""
    placement = _locked(placement)
    _require_matching_officer(user, placement)
    today = today or timezone.localdate()
    if placement.status != Placement.Status.ENDED:
        raise DomainError(_("The outcome after 90 days is recorded once the placement has ended."))
    if today < placement.outcome_90_due_on:
        raise DomainError(
            _("The outcome after 90 days can be recorded from %(date)s.")
            % {"date": placement.outcome_90_due_on.strftime("%Y-%m-%d")}
        )
    _collect(
        {
            "outcome_90": lambda: _check_choice(outcome, Placement.Outcome, field="outcome_90"),
            "outcome_90_evidence": lambda: _check_choice(
                evidence, Placement.Evidence, field="outcome_90_evidence", required=outcome != "unknown"
            ),
        }
    )
    placement.outcome_90 = outcome
    placement.outcome_90_evidence = evidence if outcome != "unknown" else ""
    placement.outcome_90_recorded_at = timezone.now()
    placement.save()
    audit.record(
        "followup.outcome_90_recorded", actor=user, target=placement, organisation=_organisation(placement),
        outcome=outcome, evidence=placement.outcome_90_evidence,
    )  # fmt: skip
    return placement


# --- Check-ins -----------------------------------------------------------------------------------------------------


def _clean_actions(actions) -> list[dict]:
    if len(actions) > MAX_ACTIONS:
        raise ValidationError({"actions": _("Record at most %(limit)d actions at a time.") % {"limit": MAX_ACTIONS}})
    cleaned = []
    for number, action in enumerate(actions, start=1):
        try:
            text = _clean_text(action.get("text"), field="actions", limit=300, required=True)
            owner = _check_choice(action.get("owner"), Action.Owner, field="actions")
            due_on = action.get("due_on")
            if not isinstance(due_on, datetime.date):
                raise ValidationError({"actions": _("Enter a date.")})
        except ValidationError as error:
            messages = [f"{number}: {message}" for message in error.message_dict["actions"]]
            raise ValidationError({"actions": messages}) from None
        cleaned.append({"text": text, "owner": owner, "due_on": due_on})
    return cleaned


@transaction.atomic
def record_check_in(
    check_in: CheckIn,
    *,
    user,
    done_on: datetime.date,
    channel: str,
    with_whom: str,
    status: str,
    categories=(),
    notes: str = "",
    actions=(),
    next_check_in_on: datetime.date | None = None,
) -> CheckIn:
    """Record a check-in that was held; its actions and, when agreed, the next extra check-in."""
    placement = _locked(check_in.placement)
    _require_matching_officer(user, placement)
    check_in = CheckIn.objects.select_for_update().get(pk=check_in.pk)
    if check_in.cancelled_at is not None:
        raise DomainError(_("This check-in is no longer needed."))
    if check_in.done_on is not None:
        raise DomainError(_("This check-in is already recorded; add an extra check-in for what came after."))
    today = timezone.localdate()
    values = _collect(
        {
            "done_on": lambda: _check_date(done_on, field="done_on", not_before=placement.starts_on, today=today),
            "channel": lambda: _check_choice(channel, CheckIn.Channel, field="channel"),
            "with_whom": lambda: _check_choice(with_whom, CheckIn.WithWhom, field="with_whom"),
            "status": lambda: _check_choice(status, CheckIn.Status, field="status"),
            "categories": lambda: _check_categories(categories),
            "notes": lambda: _clean_text(notes, field="notes", limit=MAX_NOTE_LENGTH, required=False),
            "actions": lambda: _clean_actions(list(actions)),
            "next_check_in_on": lambda: _check_next(next_check_in_on, today),
        }
    )
    for field in ("done_on", "channel", "with_whom", "status", "categories", "notes"):
        setattr(check_in, field, values[field])
    check_in.recorded_by = user
    check_in.recorded_at = timezone.now()
    check_in.save()
    Action.objects.bulk_create(Action(check_in=check_in, **action) for action in values["actions"])
    if values["next_check_in_on"]:
        _add(placement, due_on=values["next_check_in_on"])
    audit.record(
        "followup.check_in_recorded", actor=user, target=placement, organisation=_organisation(placement),
        check_in=check_in.pk, status=check_in.status, actions=len(values["actions"]),
    )  # fmt: skip
    return check_in


def _check_categories(categories) -> list[str]:
    categories = list(dict.fromkeys(categories or []))
    if any(category not in SituationCategory.values for category in categories):
        raise ValidationError({"categories": _("Choose one of the options.")})
    return categories


def _check_next(day, today) -> datetime.date | None:
    if day in (None, ""):
        return None
    if not isinstance(day, datetime.date):
        raise ValidationError({"next_check_in_on": _("Enter a date.")})
    if day <= today:
        raise ValidationError({"next_check_in_on": _("The next check-in must be after today.")})
    if day > today + relativedelta(years=2):
        raise ValidationError({"next_check_in_on": _("Choose a day within two years.")})
    return day


def _add(placement: Placement, *, due_on: datetime.date) -> CheckIn:
    """An extra check-in; its stored name is Swedish like the schedule's (pages show `CheckIn.title`)."""
    with translation.override(settings.LANGUAGE_CODE):
        name = _("Extra check-in")
    return CheckIn.objects.create(placement=placement, name=name, due_on=due_on, assigned_to=placement.responsible)


@transaction.atomic
def add_check_in(placement: Placement, *, user, due_on: datetime.date) -> CheckIn:
    placement = _locked(placement)
    _require_matching_officer(user, placement)
    if placement.status == Placement.Status.PLANNED:
        raise DomainError(_("The schedule starts when the placement starts."))
    due_on = _check_next(due_on, timezone.localdate())
    if due_on is None:
        raise ValidationError({"due_on": _("Enter a date.")})
    check_in = _add(placement, due_on=due_on)
    audit.record(
        "followup.check_in_added", actor=user, target=placement, organisation=_organisation(placement),
        check_in=check_in.pk,
    )  # fmt: skip
    return check_in


@transaction.atomic
def complete_action(action: Action, *, user, done_on: datetime.date | None = None) -> Action:
    placement = _locked(action.check_in.placement)
    _require_matching_officer(user, placement)
    if action.done_on is not None:
        raise DomainError(_("The action is already done."))
    action.done_on = _check_date(done_on or timezone.localdate(), field="done_on")
    action.save(update_fields=["done_on"])
    return action


def due_check_ins(*, officer=None, municipalities=(), today=None):
    """Open check-ins due within a week or overdue, for one officer or a whole team."""
    today = today or timezone.localdate()
    found = CheckIn.objects.due_by(today + datetime.timedelta(days=7)).filter(
        placement__participant__municipality__in=municipalities,
        placement__participant__erased_at__isnull=True,
    )
    if officer is not None:
        found = found.filter(assigned_to=officer)
    return found.select_related(
        "placement__participant", "placement__position__contract__supplier", "assigned_to", "step"
    ).order_by("due_on", "pk")


def awaiting_situations(*, officer=None, municipalities=()):
    """Unresolved situations without a first response; the earliest deadline (so the overdue ones) first."""
    found = Situation.objects.awaiting_response().filter(
        placement__participant__municipality__in=municipalities, placement__participant__erased_at__isnull=True
    )
    if officer is not None:
        found = found.filter(placement__responsible=officer)
    return found.select_related("placement__participant", "placement__position__contract__supplier").order_by(
        "response_due_at", "pk"
    )


# --- Situations -------------------------------------------------------------------------------------------------------


def response_due(category: str, reported_at: datetime.datetime) -> datetime.datetime:
    """The end (23.59) of the Nth Swedish working day after the day it was reported."""
    limit = ResponseTimeLimit.objects.filter(category=category).values_list("working_days", flat=True).first()
    days = FALLBACK_RESPONSE_WORKING_DAYS if limit is None else limit
    day = timezone.localdate(reported_at)
    for _step in range(days):
        day = calendar.next_working_day_on_or_after(day + datetime.timedelta(days=1))
    if days == 0:
        day = calendar.next_working_day_on_or_after(day)
    end_of_day = datetime.datetime.combine(day, datetime.time(23, 59, 59))
    return timezone.make_aware(end_of_day)


def _reporter(user, placement: Placement) -> str:
    if is_matching_officer_for(user, placement):
        return Situation.Reporter.MUNICIPALITY
    if is_host_of(user, placement):
        return Situation.Reporter.HOST
    if is_referrer_of(user, placement):
        return Situation.Reporter.EMPLOYMENT_SERVICE
    raise DomainError(_("Only the municipality, the host company and the referring officer report situations."))


@transaction.atomic
def report_situation(
    placement: Placement, *, user, category: str, severity: str, occurred_on: datetime.date, description: str
) -> Situation:
    """One situation, one record: never several events in one report."""
    placement = _locked(placement)
    reporter = _reporter(user, placement)
    if placement.status == Placement.Status.PLANNED:
        raise DomainError(_("Situations are reported once the placement has started."))
    values = _collect(
        {
            "category": lambda: _check_choice(category, SituationCategory, field="category"),
            "severity": lambda: _check_choice(severity, Situation.Severity, field="severity"),
            "occurred_on": lambda: _check_date(occurred_on, field="occurred_on", not_before=placement.starts_on),
            "description": lambda: _clean_text(
                description, field="description", limit=MAX_DESCRIPTION_LENGTH, required=True
            ),
        }
    )
    now = timezone.now()
    situation = Situation.objects.create(
        placement=placement,
        reporter=reporter,
        reported_by=user,
        reported_at=now,
        response_due_at=response_due(values["category"], now),
        **values,
    )
    SituationEvent.objects.create(situation=situation, kind=SituationEvent.Kind.REPORTED, by=user, at=now)
    _notify_responsible(placement, situation)
    audit.record(
        "followup.situation_reported", actor=user, target=placement, organisation=_organisation(placement),
        situation=situation.pk, category=situation.category, severity=situation.severity, reporter=reporter,
    )  # fmt: skip
    return situation


def _locked_situation(situation: Situation, user) -> tuple[Situation, Placement]:
    placement = _locked(situation.placement)
    _require_matching_officer(user, placement)
    return Situation.objects.select_for_update().get(pk=situation.pk), placement


@transaction.atomic
def respond(situation: Situation, *, user, text: str) -> Situation:
    """The municipality's answer: the first one stops the clock; later ones are notes in the history."""
    situation, placement = _locked_situation(situation, user)
    if situation.resolved_at:
        raise DomainError(_("The situation is resolved; reopen it to add to it."))
    text = _clean_text(text, field="text", limit=MAX_DESCRIPTION_LENGTH, required=True)
    now = timezone.now()
    first = situation.first_response_at is None
    if first:
        situation.first_response_at = now
        situation.save(update_fields=["first_response_at"])
    kind = SituationEvent.Kind.RESPONDED if first else SituationEvent.Kind.NOTE
    SituationEvent.objects.create(situation=situation, kind=kind, text=text, by=user, at=now)
    audit.record(
        "followup.situation_responded", actor=user, target=placement, organisation=_organisation(placement),
        situation=situation.pk, first=first, late=first and now > situation.response_due_at,
    )  # fmt: skip
    return situation


@transaction.atomic
def resolve(situation: Situation, *, user, resolution: str) -> Situation:
    situation, placement = _locked_situation(situation, user)
    if situation.resolved_at:
        raise DomainError(_("The situation is already resolved."))
    resolution = _clean_text(resolution, field="resolution", limit=MAX_DESCRIPTION_LENGTH, required=True)
    now = timezone.now()
    situation.first_response_at = situation.first_response_at or now
    situation.resolved_at = now
    situation.resolution = resolution
    situation.save(update_fields=["first_response_at", "resolved_at", "resolution"])
    SituationEvent.objects.create(situation=situation, kind=SituationEvent.Kind.RESOLVED, text=resolution, by=user)
    audit.record(
        "followup.situation_resolved", actor=user, target=placement, organisation=_organisation(placement),
        situation=situation.pk,
    )  # fmt: skip
    return situation


@transaction.atomic
def reopen(situation: Situation, *, user, text: str) -> Situation:
    situation, placement = _locked_situation(situation, user)
    if not situation.resolved_at:
        raise DomainError(_("The situation is not resolved."))
    text = _clean_text(text, field="text", limit=MAX_DESCRIPTION_LENGTH, required=True)
    situation.resolved_at = None
    situation.resolution = ""
    situation.save(update_fields=["resolved_at", "resolution"])
    SituationEvent.objects.create(situation=situation, kind=SituationEvent.Kind.REOPENED, text=text, by=user)
    audit.record(
        "followup.situation_reopened", actor=user, target=placement, organisation=_organisation(placement),
        situation=situation.pk,
    )  # fmt: skip
    return situation


# --- Erasure ---------------------------------------------------------------------------------------------------------


def erase_free_text(participant) -> None:
    """When a participant is erased, the follow-up's free text about them goes too; dates, categories, statuses
    and outcomes stay for the statistics. The history's texts are blanked in place: the one change the
    append-only history allows, because the right to erasure outranks it."""
    from django.db.models import QuerySet

    placements = Placement.objects.filter(participant=participant)
    CheckIn.objects.filter(placement__in=placements).update(notes="")
    Action.objects.filter(check_in__placement__in=placements).update(text="")
    Situation.objects.filter(placement__in=placements).update(description="", resolution="")
    QuerySet.update(SituationEvent.objects.filter(situation__placement__in=placements), text="")


# --- Months delivered, for the contract's compliance ----------------------------------------------------------------


class PlacementTerms(NamedTuple):
    """What a placement's months delivered are worked out from: plain values, so that a report over thousands of
    placements can read them as rows (`PLACEMENT_TERMS_COLUMNS`) instead of building model instances."""

    status: str
    starts_on: datetime.date
    planned_end_on: datetime.date
    ended_on: datetime.date | None
    end_reason: str
    hours_per_week: Decimal

    @classmethod
    def of(cls, placement: Placement) -> "PlacementTerms":
        return cls(
            placement.status, placement.starts_on, placement.planned_end_on, placement.ended_on,
            placement.end_reason, placement.position.hours_per_week,
        )  # fmt: skip

    @property
    def ended_early(self) -> bool:
        return bool(self.end_reason) and self.end_reason != Placement.EndReason.COMPLETED


# The columns of `PlacementTerms`, in order, for `Placement.objects.values_list(*PLACEMENT_TERMS_COLUMNS)`.
PLACEMENT_TERMS_COLUMNS = (
    "status", "starts_on", "planned_end_on", "ended_on", "end_reason", "position__hours_per_week",
)  # fmt: skip


def placement_months(placement: Placement, commitment_threshold_percent: int, today=None) -> tuple[Decimal, bool]:
    """Full-time months delivered by one placement, and whether the early-end rule counted it as complete."""
    return terms_months(PlacementTerms.of(placement), commitment_threshold_percent, today)


def terms_months(placement: PlacementTerms, commitment_threshold_percent: int, today=None) -> tuple[Decimal, bool]:
    """Full-time months delivered by one placement, and whether the early-end rule counted it as complete.

    Months run from the start to the end (or today), scaled by hours per week over 40. A placement that ended
    early for a reason that is not the employer's (the participant's own choice, health) counts in full when at
    least the commitment's threshold (the clause's 75 %) of the planned time was done.
    """
    today = today or timezone.localdate()
    if placement.status == Placement.Status.PLANNED or placement.starts_on > today:
        return Decimal(0), False
    planned = _months_between(placement.starts_on, placement.planned_end_on)
    until = placement.ended_on or min(today, placement.planned_end_on)
    done = _months_between(placement.starts_on, until)
    share = Decimal(placement.hours_per_week) / FULL_TIME_HOURS
    not_the_employers = placement.end_reason in (Placement.EndReason.BY_PARTICIPANT, Placement.EndReason.HEALTH)
    met_by_rule = (
        placement.ended_early and not_the_employers and planned and done / planned * 100 >= commitment_threshold_percent
    )
    months = planned if met_by_rule else done
    return (months * share).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), bool(met_by_rule)


@functools.lru_cache(maxsize=2**16)
def _months_between(start: datetime.date, end: datetime.date) -> Decimal:
    """Whole calendar months from the start to the day after the end, plus the days left over as thirtieths:
    what `relativedelta(end + 1 day, start)` gives, worked out directly because reports call it for every
    placement (relativedelta is ten times slower); remembered, as a pure function of two dates."""
    if end < start:
        return Decimal(0)
    after = end + datetime.timedelta(days=1)
    whole = (after.year - start.year) * 12 + after.month - start.month
    reached = _add_months(start, whole)
    if reached > after:  # the start's day of the month comes later than the end's: one month fewer
        whole -= 1
        reached = _add_months(start, whole)
    return Decimal(whole) + (Decimal((after - reached).days) / 30).quantize(Decimal("0.01"))


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (as relativedelta does)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return datetime.date(year, month, min(day.day, monthrange(year, month)[1]))


def contract_delivery(placements, threshold_percent: int, today=None) -> dict:
    """Months delivered by a contract's started placements (`PlacementTerms`, or Placements with their position)."""
    months, early, early_met = Decimal(0), 0, 0
    for placement in placements:
        terms = placement if isinstance(placement, PlacementTerms) else PlacementTerms.of(placement)
        delivered, met = terms_months(terms, threshold_percent, today)
        months += delivered
        early += terms.ended_early
        early_met += met
    return {"months": months, "early_ends": early, "early_ends_met": early_met}


# --- Reminders (insteg run_scheduled) --------------------------------------------------------------------------------


def send_reminders(today: datetime.date | None = None) -> int:
    """One email per officer a day with their check-ins due today or overdue and their overdue situations.

    Idempotent: a check-in is reminded once a day (`reminded_on`), an overdue situation once (`reminded_at`).
    """
    today = today or timezone.localdate()
    now = timezone.now()
    check_ins = (
        CheckIn.objects.due_by(today)
        .exclude(reminded_on=today)
        .filter(assigned_to__isnull=False, placement__participant__erased_at__isnull=True)
        .select_related("assigned_to", "placement__participant", "step")
    )
    situations = (
        Situation.objects.overdue(now)
        .filter(reminded_at__isnull=True, placement__responsible__isnull=False)
        .select_related("placement__responsible", "placement__participant")
    )
    by_officer = defaultdict(lambda: {"check_ins": [], "situations": []})
    for check_in in check_ins:
        by_officer[check_in.assigned_to]["check_ins"].append(check_in)
    for situation in situations:
        by_officer[situation.placement.responsible]["situations"].append(situation)
    with transaction.atomic():
        for officer, due in by_officer.items():
            _remind(officer, due, today)
        CheckIn.objects.filter(pk__in=[c.pk for c in check_ins]).update(reminded_on=today)
        Situation.objects.filter(pk__in=[s.pk for s in situations]).update(reminded_at=now)
    return len(by_officer)


def _remind(officer: User, due: dict, today: datetime.date) -> None:
    if not officer.email:
        return
    context = {
        **due,
        "officer": officer,
        "today": today,
        "url": settings.INSTEG_SITE_URL.rstrip("/") + reverse("followup:due"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("followup/email/reminder_subject.txt", context).split())
        body = render_to_string("followup/email/reminder.txt", context)
    get_connection().send_messages([EmailMessage(subject, body, to=[officer.email])])


def _notify_responsible(placement: Placement, situation: Situation) -> None:
    officer = placement.responsible
    if officer is None or not officer.email or officer == situation.reported_by:
        return
    context = {
        "situation": situation,
        "placement": placement,
        "url": settings.INSTEG_SITE_URL.rstrip("/") + reverse("followup:placement", args=[placement.pk]),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("followup/email/situation_subject.txt", context).split())
        body = render_to_string("followup/email/situation.txt", context)
    get_connection().send_messages([EmailMessage(subject, body, to=[officer.email])])
