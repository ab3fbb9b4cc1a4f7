"""Retention workflows: the daily proposal, an administrator's approval, the disposal itself and legal holds.

Nothing is disposed of without (1) a rule in force that names the archive authority's disposal decision, (2) a
proposal listing the records found due, (3) an administrator's approval, and (4) `insteg apply_retention --apply`,
which checks again, record by record, that each is still due and not under a legal hold. Every disposal leaves a
`DisposalRecord`: what kind, how many, under which decision and by whom, never who the records were about.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insteg.accounts.models import Organisation, Role, User
from insteg.lib.errors import DomainError
from insteg.privacy import audit
from insteg.retention.models import (
    Action,
    DisposalBatch,
    DisposalRecord,
    LegalHold,
    RecordType,
    RetentionRule,
    Trigger,
)
from insteg.retention.record_types import HANDLERS, handler_for, local_today

# A rejected proposal's records are not proposed again for this long (unless still due then): a refusal is an
# answer for now, not a daily question. A legal hold keeps a record for longer.
REPROPOSE_AFTER = datetime.timedelta(days=30)
OPEN = (DisposalBatch.Status.PROPOSED, DisposalBatch.Status.APPROVED)


# --- Rules ----------------------------------------------------------------------------------------------------


def default_months(record_type: str) -> int:
    if record_type == RecordType.TRAINING_REGISTRATION:
        # The period the installation used before rules were data; a rule in the table decides from now on.
        return settings.INSTEG_TRAINING_RETENTION_MONTHS
    return HANDLERS[record_type].default_months


def ensure_default_rules(rule_model=RetentionRule) -> int:
    """Add the proposed default rule for each record type that has none; returns how many were added.

    Idempotent; called by a data migration and by the daily job. The defaults are domain research §6.4's
    proposals and do not act: no decision reference, not in force. The archive authority decides (arkivlagen).
    """
    added = 0
    for record_type, handler in HANDLERS.items():
        _rule, created = rule_model.objects.get_or_create(
            record_type=str(record_type),
            defaults={
                "months": default_months(record_type),
                "trigger": str(handler.default_trigger),
                "action": str(handler.default_action),
                "decision_ref": "",
                "enabled": False,
            },
        )
        added += created
    return added


def _require_administrator(user) -> None:
    if not (user is not None and user.is_authenticated and user.is_administrator):
        raise PermissionDenied(_("Only administrators can do this."))


@transaction.atomic
def update_rule(rule: RetentionRule, *, by, months: int, action: str, decision_ref: str, enabled: bool):
    _require_administrator(by)
    handler = handler_for(rule.record_type)
    decision_ref = (decision_ref or "").strip()
    errors = {}
    if not isinstance(months, int) or not 1 <= months <= 1200:
        errors["months"] = [_("Give the period in whole months, from 1 to 1200.")]
    if action not in handler.actions:
        errors["action"] = [_("This kind of record can only be: %(actions)s.") % {"actions": _actions_text(handler)}]
    if len(decision_ref) > 200:
        errors["decision_ref"] = [_("Give the decision's reference in at most 200 characters.")]
    elif enabled and not decision_ref:
        errors["enabled"] = [
            _(
                "A rule can only be put in force with the archive authority's disposal decision: "
                "record its reference first (arkivlagen)."
            )
        ]
    if errors:
        raise ValidationError(errors)
    rule = RetentionRule.objects.select_for_update().get(pk=rule.pk)
    rule.months, rule.action, rule.decision_ref, rule.enabled = months, action, decision_ref, enabled
    rule.changed_by = by
    rule.save()
    audit.record(
        "retention.rule_changed",
        actor=by,
        target=rule,
        record_type=rule.record_type,
        months=months,
        disposal=action,
        enabled=enabled,
    )
    return rule


def _actions_text(handler) -> str:
    return ", ".join(str(Action(action).label) for action in handler.actions)


def rule_summary(record_type: str) -> str:
    """One translated line on what happens to this kind of record, for privacy notices and exports."""
    rule = RetentionRule.objects.for_record_type(record_type)
    if rule is None or not rule.is_acting:
        return _("Kept until a disposal decision is recorded.")
    return _summary(rule)


def _summary(rule: RetentionRule) -> str:
    values = {"months": rule.months, "decision": rule.decision_ref}
    if rule.action == Action.DELETE:
        texts = {
            Trigger.RECORD_CREATED: ngettext(
                "Deleted %(months)d month after it was recorded (decision %(decision)s).",
                "Deleted %(months)d months after it was recorded (decision %(decision)s).",
                rule.months,
            ),
            Trigger.SESSION_DATE: ngettext(
                "Deleted %(months)d month after the training session (decision %(decision)s).",
                "Deleted %(months)d months after the training session (decision %(decision)s).",
                rule.months,
            ),
            Trigger.PLACEMENT_END: ngettext(
                "Deleted %(months)d month after the last placement ends (decision %(decision)s).",
                "Deleted %(months)d months after the last placement ends (decision %(decision)s).",
                rule.months,
            ),
        }
    else:
        texts = {
            Trigger.RECORD_CREATED: ngettext(
                "Anonymised %(months)d month after it was recorded (decision %(decision)s).",
                "Anonymised %(months)d months after it was recorded (decision %(decision)s).",
                rule.months,
            ),
            Trigger.SESSION_DATE: ngettext(
                "Anonymised %(months)d month after the training session (decision %(decision)s).",
                "Anonymised %(months)d months after the training session (decision %(decision)s).",
                rule.months,
            ),
            Trigger.PLACEMENT_END: ngettext(
                "Anonymised %(months)d month after the last placement ends (decision %(decision)s).",
                "Anonymised %(months)d months after the last placement ends (decision %(decision)s).",
                rule.months,
            ),
        }
    return texts[rule.trigger] % values


# --- What is due ----------------------------------------------------------------------------------------------


def due_records(rule: RetentionRule, today: datetime.date | None = None):
    """The records due under `rule` today (legal holds and open proposals not considered)."""
    return handler_for(rule.record_type).due(rule.months, today or local_today())


def held_ids(record_type: str) -> set[int]:
    return set(
        LegalHold.objects.filter(record_type=record_type, released_at__isnull=True).values_list("record_id", flat=True)
    )


def is_on_hold(record_type: str, record_id: int) -> bool:
    return LegalHold.objects.filter(record_type=record_type, record_id=record_id, released_at__isnull=True).exists()


@dataclass
class RuleStatus:
    """A rule as an administrator sees it today: what is due, what is held, what waits."""

    rule: RetentionRule
    due: int
    on_hold: int
    proposed: int
    approved: int

    @property
    def summary(self) -> str:
        return _summary(self.rule) if self.rule.is_acting else _("Not in force: nothing is disposed of.")


def rule_statuses(today: datetime.date | None = None) -> list[RuleStatus]:
    """One line per rule; the number of queries does not grow with the records (a few per record type)."""
    today = today or local_today()
    ensure_default_rules()
    batches = list(DisposalBatch.objects.filter(status__in=OPEN).values_list("rule_id", "status"))
    statuses = []
    for rule in RetentionRule.objects.select_related("changed_by"):
        due = set(handler_for(rule.record_type).due_ids(rule.months, today))
        statuses.append(
            RuleStatus(
                rule=rule,
                due=len(due),
                on_hold=len(due & held_ids(rule.record_type)),
                proposed=batches.count((rule.pk, DisposalBatch.Status.PROPOSED)),
                approved=batches.count((rule.pk, DisposalBatch.Status.APPROVED)),
            )
        )
    return statuses


def status_line(status: RuleStatus) -> str:
    rule = status.rule
    decision = _("decision %(ref)s") % {"ref": rule.decision_ref} if rule.decision_ref else _("no decision recorded")
    return _(
        "%(rule)s: %(months)d months, %(decision)s, %(state)s; due now %(due)d, on hold %(held)d, "
        "proposals waiting %(proposed)d, approved and waiting %(approved)d."
    ) % {
        "rule": rule,
        "months": rule.months,
        "decision": decision,
        "state": _("in force") if rule.is_acting else _("not in force"),
        "due": status.due,
        "held": status.on_hold,
        "proposed": status.proposed,
        "approved": status.approved,
    }


# --- Proposals ------------------------------------------------------------------------------------------------


def propose_disposals(today: datetime.date | None = None) -> list[DisposalBatch]:
    """The daily job: for each rule in force, one proposal of the records due, not on hold and not already
    proposed. Re-running the same day proposes nothing new. Administrators get a short email (no personal data)."""
    ensure_default_rules()
    today = today or local_today()
    batches = [batch for rule in RetentionRule.objects.acting() if (batch := _propose(rule, today))]
    if batches:
        _notify_administrators(batches)
    return batches


@transaction.atomic
def _propose(rule: RetentionRule, today: datetime.date) -> DisposalBatch | None:
    rule = RetentionRule.objects.select_for_update().get(pk=rule.pk)  # two runs at once propose once
    if not rule.is_acting:
        return None
    excluded = held_ids(rule.record_type) | _proposed_ids(rule)
    ids = [pk for pk in handler_for(rule.record_type).due_ids(rule.months, today) if pk not in excluded]
    if not ids:
        return None
    batch = DisposalBatch.objects.create(rule=rule, record_ids=ids)
    audit.record("retention.proposed", actor=None, target=batch, record_type=rule.record_type, count=len(ids))
    return batch


def _proposed_ids(rule: RetentionRule) -> set[int]:
    """Ids in an open proposal of this rule, or in one rejected within REPROPOSE_AFTER."""
    recently_rejected = {"status": DisposalBatch.Status.REJECTED, "decided_at__gte": timezone.now() - REPROPOSE_AFTER}
    ids = set()
    for filters in ({"status__in": OPEN}, recently_rejected):
        for record_ids in rule.batches.filter(**filters).values_list("record_ids", flat=True):
            ids.update(record_ids)
    return ids


def _administrator_addresses() -> list[str]:
    return sorted(
        set(
            User.objects.filter(
                is_active=True,
                memberships__role=Role.ADMINISTRATOR,
                memberships__organisation__kind=Organisation.Kind.MUNICIPALITY,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _notify_administrators(batches: list[DisposalBatch]) -> int:
    addresses = _administrator_addresses()
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "batches": batches,
            "url": settings.INSTEG_SITE_URL.rstrip("/") + reverse("retention:overview"),
        }
        subject = " ".join(render_to_string("retention/email/proposals_subject.txt", context).split())
        body = render_to_string("retention/email/proposals.txt", context)
    return get_connection().send_messages([EmailMessage(subject, body, to=[address]) for address in addresses])


def _decide(batch: DisposalBatch, by, status: str) -> DisposalBatch:
    _require_administrator(by)
    batch = DisposalBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != DisposalBatch.Status.PROPOSED:
        raise DomainError(_("This proposal has already been decided."))
    if status == DisposalBatch.Status.APPROVED and not batch.rule.is_acting:
        raise DomainError(_("The rule is no longer in force, so nothing can be disposed of under it."))
    batch.status, batch.decided_by, batch.decided_at = status, by, timezone.now()
    batch.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        f"retention.{status}",
        actor=by,
        target=batch,
        record_type=batch.rule.record_type,
        count=len(batch.record_ids),
    )
    return batch


@transaction.atomic
def approve(batch: DisposalBatch, by) -> DisposalBatch:
    return _decide(batch, by, DisposalBatch.Status.APPROVED)


@transaction.atomic
def reject(batch: DisposalBatch, by) -> DisposalBatch:
    return _decide(batch, by, DisposalBatch.Status.REJECTED)


# --- Disposal -------------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What carrying out one approved proposal did (or, in a dry run, would do)."""

    batch: DisposalBatch
    rule: RetentionRule
    disposed: int
    held_back: int
    no_longer_due: int
    record: DisposalRecord | None = None
    not_in_force: bool = False

    def describe(self, dry_run: bool) -> str:
        values = {
            "batch": self.batch.pk,
            "rule": self.rule,
            "count": self.disposed,
            "held": self.held_back,
            "gone": self.no_longer_due,
            "decision": self.rule.decision_ref,
        }
        if self.not_in_force:
            return _("Proposal %(batch)d (%(rule)s): the rule is not in force, nothing done.") % values
        texts = {
            (True, Action.ANONYMISE): _("Proposal %(batch)d (%(rule)s): would anonymise %(count)d records"),
            (True, Action.DELETE): _("Proposal %(batch)d (%(rule)s): would delete %(count)d records"),
            (False, Action.ANONYMISE): _("Proposal %(batch)d (%(rule)s): anonymised %(count)d records"),
            (False, Action.DELETE): _("Proposal %(batch)d (%(rule)s): deleted %(count)d records"),
        }
        rest = _(" under decision %(decision)s; %(held)d held back by a legal hold, %(gone)d no longer due.")
        return (texts[(dry_run, self.rule.action)] + rest) % values


def apply_approved(by=None, dry_run: bool = False, today: datetime.date | None = None) -> list[Outcome]:
    """Carry out every approved proposal, one transaction each; `by` is recorded (None: the system).

    Each record is checked again now: still due (not anonymised meanwhile, a participant not looking again) and
    not under a legal hold. A held record stays and is proposed again once the hold is released.
    """
    today = today or local_today()
    pending = DisposalBatch.objects.filter(status=DisposalBatch.Status.APPROVED).order_by("pk")
    outcomes = []
    for pk in list(pending.values_list("pk", flat=True)):
        outcome = _preview(pk, today) if dry_run else _apply(pk, by, today)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


def _plan(batch: DisposalBatch, rule: RetentionRule, today: datetime.date) -> tuple[list[int], int, int]:
    """(ids to dispose of, how many held back, how many no longer due)."""
    still_due = set(handler_for(rule.record_type).due_ids(rule.months, today, among=batch.record_ids))
    held = still_due & held_ids(rule.record_type)
    return sorted(still_due - held), len(held), len(set(batch.record_ids) - still_due)


def _preview(pk: int, today: datetime.date) -> Outcome | None:
    batch = DisposalBatch.objects.filter(pk=pk, status=DisposalBatch.Status.APPROVED).select_related("rule").first()
    if batch is None:
        return None
    if not batch.rule.is_acting:
        return Outcome(batch, batch.rule, 0, 0, 0, not_in_force=True)
    ids, held_back, no_longer_due = _plan(batch, batch.rule, today)
    return Outcome(batch, batch.rule, len(ids), held_back, no_longer_due)


@transaction.atomic
def _apply(pk: int, by, today: datetime.date) -> Outcome | None:
    # The row lock makes a second run at the same time wait, then find the proposal carried out.
    batch = DisposalBatch.objects.select_for_update().filter(pk=pk, status=DisposalBatch.Status.APPROVED).first()
    if batch is None:
        return None
    rule = batch.rule
    if not rule.is_acting:
        return Outcome(batch, rule, 0, 0, 0, not_in_force=True)
    ids, held_back, no_longer_due = _plan(batch, rule, today)
    disposed = handler_for(rule.record_type).dispose(ids, rule.action)
    record = DisposalRecord.objects.create(
        batch=batch,
        record_type=rule.record_type,
        action=rule.action,
        count=disposed,
        held_back=held_back,
        no_longer_due=no_longer_due,
        months=rule.months,
        decision_ref=rule.decision_ref,
        approved_by_id=batch.decided_by_id,
        applied_by=by,
    )
    batch.status = DisposalBatch.Status.APPLIED
    batch.save(update_fields=["status"])
    audit.record(
        "retention.applied",
        actor=by,
        target=record,
        record_type=rule.record_type,
        disposal=rule.action,
        count=disposed,
        held_back=held_back,
        no_longer_due=no_longer_due,
    )
    return Outcome(batch, rule, disposed, held_back, no_longer_due, record=record)


# --- Legal holds ----------------------------------------------------------------------------------------------


@transaction.atomic
def place_hold(record_type: str, record_id, reason: str, by) -> LegalHold:
    _require_administrator(by)
    reason = (reason or "").strip()
    errors = {}
    if record_type not in RecordType.values:
        errors["record_type"] = [_("Choose one of the kinds of record.")]
    if not isinstance(record_id, int) or isinstance(record_id, bool) or not 1 <= record_id < 2**63:
        errors["record_id"] = [_("Give the record's number.")]
    if not reason:
        errors["reason"] = [_("Say why the record must be kept, for example a court review or a records request.")]
    elif len(reason) > 200:
        errors["reason"] = [_("Give the reason in at most 200 characters.")]
    if not errors and not handler_for(record_type).exists(record_id):
        errors["record_id"] = [_("There is no such record.")]
    if errors:
        raise ValidationError(errors)
    if is_on_hold(record_type, record_id):
        raise DomainError(_("This record is already under a legal hold."))
    try:
        with transaction.atomic():
            hold = LegalHold.objects.create(record_type=record_type, record_id=record_id, reason=reason, placed_by=by)
    except IntegrityError as error:  # placed by someone else a moment ago
        raise DomainError(_("This record is already under a legal hold.")) from error
    audit.record("retention.hold_placed", actor=by, target=hold, record_type=record_type, record_id=record_id)
    return hold


@transaction.atomic
def release_hold(hold: LegalHold, by) -> LegalHold:
    _require_administrator(by)
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.released_at is not None:
        raise DomainError(_("This legal hold is already released."))
    hold.released_by, hold.released_at = by, timezone.now()
    hold.save(update_fields=["released_by", "released_at"])
    audit.record(
        "retention.hold_released", actor=by, target=hold, record_type=hold.record_type, record_id=hold.record_id
    )
    return hold
