"""Workflows from award to kept promises: tenders, award, signing, commitments, positions, reports, decisions.

The standstill and earliest signing come from insteg.rules.deadlines; compliance follows the national
model (first start within N months, an early end counts as met at the agreed share, vite and bonus).
Every workflow is atomic and audited.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from insteg.accounts.models import Role
from insteg.contracts.models import (
    Award,
    Commitment,
    ComplianceDecision,
    ComplianceReport,
    Contract,
    Position,
    PositionType,
    Tender,
)
from insteg.lib.errors import DomainError
from insteg.privacy import audit
from insteg.procurement.models import Procurement, RequirementKind
from insteg.rules import deadlines

# Which kinds of position each of the national model's alternatives allows.
POSITION_CATEGORIES_BY_ALTERNATIVE = {
    "a": {PositionType.Category.EMPLOYMENT, PositionType.Category.SUBSIDISED_EMPLOYMENT},
    "b": {PositionType.Category.APPRENTICESHIP},
    "c": {PositionType.Category.INTERNSHIP, PositionType.Category.WORK_TRAINING},
}
MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
EMPLOYMENT_KINDS = {
    RequirementKind.EMPLOYMENT_NUMERIC,
    RequirementKind.EMPLOYMENT_DIALOGUE,
    RequirementKind.EMPLOYMENT_BONUS,
}


def _require_buyer(procurement: Procurement, user) -> None:
    if not Procurement.objects.editable_by(user).filter(pk=procurement.pk).exists():
        raise DomainError(_("Only the buyer's procurement officers can do this."))


def _is_supplier_of(contract: Contract, user) -> bool:
    return contract.supplier_id in user.organisations_with_role(Role.SUPPLIER_CONTACT)


def _require_supplier_or_buyer(contract: Contract, user) -> None:
    if not (
        _is_supplier_of(contract, user)
        or Procurement.objects.editable_by(user).filter(pk=contract.procurement_id).exists()
    ):
        raise DomainError(_("Only the supplier's contacts or the buyer's officers can do this."))


def _save(instance) -> None:
    instance.full_clean()
    instance.save()


# --- Tenders and award ------------------------------------------------------------------------------------


@transaction.atomic
def record_tender(procurement: Procurement, *, user, organisation, lot=None, price_sek=None) -> Tender:
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_buyer(procurement, user)
    if procurement.status not in (Procurement.Status.PUBLISHED, Procurement.Status.AWARDED):
        raise DomainError(_("Tenders are recorded for an advertised or awarded procurement."))
    if not organisation.is_supplier:
        raise ValidationError({"organisation": _("Choose a supplier.")})
    if lot is not None and lot.procurement_id != procurement.pk:
        raise ValidationError({"lot": _("Choose one of this procurement's lots.")})
    if Tender.objects.filter(procurement=procurement, lot=lot, organisation=organisation).exists():
        raise ValidationError({"organisation": _("This supplier's tender for this lot is already recorded.")})
    tender = Tender(
        procurement=procurement, lot=lot, organisation=organisation, is_sme=organisation.is_sme, price_sek=price_sek
    )
    _save(tender)
    audit.record(
        "contract.tender_recorded", actor=user, target=procurement, organisation=procurement.organisation,
        tender=tender.pk, lot=lot.number if lot else None,
    )  # fmt: skip
    return tender


def standstill(award: Award) -> deadlines.Deadlines:
    return deadlines.calculate(
        procedure=award.procurement.procedure,
        award_notice_sent=award.notice_sent_on,
        award_notice_electronic=award.notice_electronic,
    )


@transaction.atomic
def award(procurement: Procurement, *, user, tender: Tender, decided_on, notice_sent_on, notice_electronic=True):
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_buyer(procurement, user)
    if tender.procurement_id != procurement.pk:
        raise ValidationError({"winner": _("Choose a tender of this procurement.")})
    if procurement.status not in (Procurement.Status.PUBLISHED, Procurement.Status.AWARDED):
        raise DomainError(_("Only an advertised procurement can be awarded."))
    if Award.objects.filter(procurement=procurement, lot=tender.lot).exists():
        raise DomainError(_("This procurement (or lot) is already awarded."))
    decision = Award(
        procurement=procurement,
        lot=tender.lot,
        winner=tender,
        decided_on=decided_on,
        notice_sent_on=notice_sent_on,
        notice_electronic=notice_electronic,
        decided_by=user,
    )
    _save(decision)
    if procurement.status == Procurement.Status.PUBLISHED:
        procurement.status = Procurement.Status.AWARDED
        procurement.save(update_fields=["status", "updated_at"])
    audit.record(
        "contract.awarded", actor=user, target=procurement, organisation=procurement.organisation,
        award=decision.pk, tender=tender.pk, notice_sent=notice_sent_on.isoformat(),
    )  # fmt: skip
    return decision


# --- Contracts and commitments ----------------------------------------------------------------------------


@transaction.atomic
def sign_contract(
    decision: Award,
    *,
    user,
    value_sek: int,
    signed_on: datetime.date,
    starts_on: datetime.date,
    ends_on: datetime.date,
    options: str = "",
    early_signing_ground: str = "",
) -> Contract:
    """Signing before the standstill has ended is refused unless a legal ground for it is recorded."""
    procurement = decision.procurement
    _require_buyer(procurement, user)
    if Contract.objects.filter(award=decision).exists():
        raise DomainError(_("This award already has a contract."))
    earliest = standstill(decision).earliest_contract_signing
    if earliest and signed_on < earliest and not early_signing_ground.strip():
        raise ValidationError(
            {
                "signed_on": _(
                    "The standstill period ends on %(end)s: the contract can be signed on %(earliest)s at the "
                    "earliest, unless you record the legal ground for an exception."
                )
                % {"end": standstill(decision).standstill_ends.isoformat(), "earliest": earliest.isoformat()}
            }
        )
    contract = Contract(
        procurement=procurement,
        award=decision,
        lot=decision.lot,
        supplier=decision.winner.organisation,
        value_sek=value_sek,
        signed_on=signed_on,
        starts_on=starts_on,
        ends_on=ends_on,
        options=options,
        early_signing_ground=early_signing_ground.strip() if earliest and signed_on < earliest else "",
    )
    _save(contract)
    _take_commitments(contract)
    audit.record(
        "contract.signed", actor=user, target=contract, organisation=procurement.organisation,
        supplier=contract.supplier_id, early=bool(contract.early_signing_ground),
    )  # fmt: skip
    return contract


def _take_commitments(contract: Contract) -> None:
    """The procurement's employment requirements for this contract (whole contract or its lot) become promises."""
    requirements = contract.procurement.requirements.select_related("criterion").filter(
        criterion__requirement_kind__in=EMPLOYMENT_KINDS
    )
    types = list(PositionType.objects.all())
    for requirement in requirements:
        if requirement.lot_id and requirement.lot_id != contract.lot_id:
            continue
        commitment = Commitment.objects.create(
            contract=contract,
            requirement=requirement,
            slots=requirement.slots_decided or 0,
            months_fulltime=requirement.months_fulltime or 0,
            first_start_within_months=requirement.first_start_within_months,
            early_end_threshold_percent=requirement.early_end_threshold_percent,
            reporting_frequency=requirement.reporting_frequency,
        )
        allowed = set().union(
            *(POSITION_CATEGORIES_BY_ALTERNATIVE.get(code, set()) for code in requirement.alternatives)
        )
        commitment.position_types.set([kind for kind in types if kind.category in allowed] if allowed else types)


AMENDABLE = {
    "slots",
    "months_fulltime",
    "first_start_within_months",
    "early_end_threshold_percent",
    "penalty_per_missing_month_sek",
    "bonus_per_extra_month_sek",
    "reporting_frequency",
}


@transaction.atomic
def amend_commitment(commitment: Commitment, *, user, reason: str, changes: dict) -> Commitment:
    """Only with a recorded reason; the history keeps every version with its reason."""
    commitment = Commitment.objects.select_for_update().select_related("contract__procurement").get(pk=commitment.pk)
    _require_buyer(commitment.contract.procurement, user)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the commitment is changed.")})
    unknown = set(changes) - AMENDABLE - {"position_types"}
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    position_types = changes.pop("position_types", None)
    for name, value in changes.items():
        setattr(commitment, name, value)
    commitment.full_clean()
    commitment._change_reason = reason.strip()[:100]
    commitment._history_user = user  # also outside a request (API tokens, the demo)
    commitment.save()
    if position_types is not None:
        commitment.position_types.set(position_types)
    audit.record(
        "contract.commitment_amended", actor=user, target=commitment.contract,
        organisation=commitment.contract.procurement.organisation, commitment=commitment.pk,
        fields=sorted([*changes, *(["position_types"] if position_types is not None else [])]),
    )  # fmt: skip
    return commitment


# --- Positions --------------------------------------------------------------------------------------------

POSITION_FIELDS = [
    "position_type",
    "occupation",
    "title",
    "workplace_municipality",
    "workplace_address",
    "hours_per_week",
    "start_from",
    "start_until",
    "duration_months",
    "swedish_level",
    "driving_licence",
    "physical_demands",
    "adaptations",
    "supervisor_name",
    "supervisor_email",
    "supervisor_trained",
    "status",
]


def _check_position_type(contract: Contract, position: Position) -> None:
    allowed = PositionType.objects.filter(commitments__contract=contract).distinct()
    if allowed.exists() and not allowed.filter(pk=position.position_type_id).exists():
        raise ValidationError({"position_type": _("The contract's commitments do not allow this kind of position.")})


@transaction.atomic
def save_position(contract: Contract, *, user, data: dict, position: Position | None = None) -> Position:
    _require_supplier_or_buyer(contract, user)
    unknown = set(data) - set(POSITION_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    position = position or Position(contract=contract)
    if position.contract_id != contract.pk:
        raise DomainError(_("This position belongs to another contract."))
    for name, value in data.items():
        setattr(position, name, value)
    _check_position_type(contract, position)
    if not position.supervisor_trained:
        position.supervisor_trained = _has_taken_training(position.supervisor_email)
    created = position.pk is None
    _save(position)
    audit.record(
        "contract.position_added" if created else "contract.position_changed", actor=user, target=contract,
        organisation=contract.supplier, position=position.pk,
    )  # fmt: skip
    return position


def _has_taken_training(email: str) -> bool:
    """A supervisor who attended the municipality's training is trained on every position they supervise."""
    from insteg.training.services import has_attended

    return has_attended(email)


# --- Reports ----------------------------------------------------------------------------------------------


def reporting_months(contract: Contract) -> int:
    frequencies = [c.reporting_frequency for c in contract.commitments.all()]
    return min((MONTHS_PER_PERIOD[f] for f in frequencies), default=1)


def periods(contract: Contract, until: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The contract's reporting periods that have started by `until` (the last may still be running)."""
    step = relativedelta(months=reporting_months(contract))
    result, start = [], contract.starts_on
    while start <= min(until, contract.ends_on):
        end = min(start + step - datetime.timedelta(days=1), contract.ends_on)
        result.append((start, end))
        start = end + datetime.timedelta(days=1)
    return result


def due_periods(contract: Contract, today: datetime.date | None = None) -> list[tuple[datetime.date, datetime.date]]:
    """Ended periods without a report: what the supplier owes."""
    today = today or timezone.localdate()
    reported = {report.period_start for report in contract.reports.all()}
    return [(start, end) for start, end in periods(contract, today) if end < today and start not in reported]


REPORT_FIELDS = [
    "period_start",
    "places_offered",
    "people_started",
    "months_completed",
    "ended_early",
    "ended_early_met",
    "confirms_terms",
    "confirms_supervision",
]


@transaction.atomic
def submit_report(contract: Contract, *, user, data: dict) -> ComplianceReport:
    """Counts and months only. The period must be one of the contract's and must have started."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if not _is_supplier_of(contract, user):
        raise DomainError(_("Only the supplier's contacts report on the contract."))
    today = timezone.localdate()
    starts = dict(periods(contract, today))
    if data.get("period_start") not in starts:
        raise ValidationError({"period_start": _("Choose one of the contract's reporting periods that has started.")})
    if ComplianceReport.objects.filter(contract=contract, period_start=data["period_start"]).exists():
        raise ValidationError({"period_start": _("This period is already reported.")})
    if not (data.get("confirms_terms") and data.get("confirms_supervision")):
        raise ValidationError({"confirms_terms": _("Confirm both statements to submit the report.")})
    report = ComplianceReport(contract=contract, period_end=starts[data["period_start"]], submitted_by=user)
    for name in REPORT_FIELDS:
        if name in data:
            setattr(report, name, data[name])
    _save(report)
    audit.record(
        "contract.report_submitted", actor=user, target=contract, organisation=contract.supplier,
        report=report.pk, period=report.period_start.isoformat(),
    )  # fmt: skip
    return report


# --- Compliance -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Compliance:
    class Status:
        ON_TRACK = "on_track"
        AT_RISK = "at_risk"
        BEHIND = "behind"
        MET = "met"
        NOT_STARTED = "not_started"

    status: str
    months_committed: int
    months_delivered: Decimal
    months_expected_by_now: Decimal
    first_start_due: datetime.date | None
    first_started: datetime.date | None
    first_start_ok: bool | None
    early_ends: int
    early_ends_met: int
    suggested_penalty_sek: int
    suggested_bonus_sek: int
    months_reported: Decimal
    months_source: str  # "placements" (the municipality's follow-up records) or "reports" (the supplier's)


def compliance(contract: Contract, today: datetime.date | None = None, placements=None) -> Compliance:
    """Months delivered against committed, pro rata over the contract; the first-start and early-end rules.

    Months delivered come from the placements followed up in Insteg when the contract has any that started (the
    municipality's own records, with the early-end rule), else from the supplier's reports. Uses prefetched
    `commitments`, `reports` and `positions__placements` when the caller loaded them (constant queries in lists);
    a list of hundreds of contracts passes the started placements instead, as `PlacementTerms` rows (`placements`).
    """
    today = today or timezone.localdate()
    commitments = list(contract.commitments.all())
    reports = sorted(contract.reports.all(), key=lambda report: report.period_start)
    committed = sum(c.months_fulltime for c in commitments)
    reported = sum((report.months_completed for report in reports), Decimal(0))
    placed = _placement_delivery(contract, _early_end_threshold(commitments), today, placements)
    delivered = placed["months"] if placed else reported
    # Judged at the end of the last period that has ended: a running period cannot be reported yet.
    ended_periods = [end for _start, end in periods(contract, today) if end < today]
    expected = _expected_by(contract, committed, ended_periods[-1] if ended_periods else contract.starts_on)
    within = min((c.first_start_within_months for c in commitments), default=None)
    first_due = contract.starts_on + relativedelta(months=within) if within else None
    if placed:
        first_started = placed["first_started"]
    else:
        first_started = next((report.period_end for report in reports if report.people_started), None)
    if not within:
        first_ok = None
    elif first_started is not None:
        first_ok = first_started <= first_due
    else:
        # Not yet known until the first start falls due; missed once it has passed without one.
        first_ok = False if today > first_due else None
    status = _status(contract, committed, delivered, expected, first_ok, first_due, today)
    penalty = max(c.penalty_per_missing_month_sek for c in commitments) if commitments else 0
    bonus = max(c.bonus_per_extra_month_sek for c in commitments) if commitments else 0
    ended = today > contract.ends_on
    missing = max(Decimal(0), Decimal(committed) - delivered) if ended else Decimal(0)
    extra = max(Decimal(0), delivered - Decimal(committed)) if committed else Decimal(0)
    return Compliance(
        status=status,
        months_committed=committed,
        months_delivered=delivered,
        months_expected_by_now=expected,
        first_start_due=first_due,
        first_started=first_started,
        first_start_ok=first_ok,
        early_ends=placed["early_ends"] if placed else sum(report.ended_early for report in reports),
        early_ends_met=placed["early_ends_met"] if placed else sum(report.ended_early_met for report in reports),
        suggested_penalty_sek=int(missing * penalty),
        suggested_bonus_sek=int(extra * bonus),
        months_reported=reported,
        months_source="placements" if placed else "reports",
    )


def _early_end_threshold(commitments) -> int:
    clause_default = Commitment._meta.get_field("early_end_threshold_percent").default
    return min((c.early_end_threshold_percent for c in commitments), default=clause_default)


def months_delivered(contract: Contract, today: datetime.date) -> tuple[Decimal, str]:
    """Months delivered and where they come from ("placements" or "reports"), without the rest of compliance:
    the evaluation report needs only this, for hundreds of contracts (uses the same prefetches)."""
    placed = _placement_delivery(contract, _early_end_threshold(contract.commitments.all()), today)
    if placed:
        return placed["months"], "placements"
    return sum((report.months_completed for report in contract.reports.all()), Decimal(0)), "reports"


def _placement_delivery(
    contract: Contract, threshold_percent: int, today: datetime.date, placements=None
) -> dict | None:
    """The contract's placements that have started, as months delivered (None when there are none)."""
    from insteg.followup.services import contract_delivery
    from insteg.matching.models import Placement

    if placements is None:
        placements = [
            placement
            for position in contract.positions.all()
            for placement in position.placements.all()
            if placement.status != Placement.Status.PLANNED
        ]
    if not placements:
        return None
    return {
        **contract_delivery(placements, threshold_percent, today),
        "first_started": min(placement.starts_on for placement in placements),
    }


def _expected_by(contract: Contract, committed: int, today: datetime.date) -> Decimal:
    total = (contract.ends_on - contract.starts_on).days or 1
    elapsed = min(max((today - contract.starts_on).days, 0), total)
    return (Decimal(committed) * elapsed / total).quantize(Decimal("0.1"))


def _status(contract, committed, delivered, expected, first_ok, first_due, today) -> str:
    if committed and delivered >= committed:
        return Compliance.Status.MET
    if today < contract.starts_on:
        return Compliance.Status.NOT_STARTED
    if first_ok is False or (today > contract.ends_on and delivered < committed):
        return Compliance.Status.BEHIND
    if expected and delivered < expected * Decimal("0.75"):
        return Compliance.Status.BEHIND
    if expected and delivered < expected:
        return Compliance.Status.AT_RISK
    return Compliance.Status.ON_TRACK


@transaction.atomic
def decide(contract: Contract, *, user, kind: str, amount_sek: int, reason: str) -> ComplianceDecision:
    """The officer decides vite or bonus (the suggestion is kept beside it) and the supplier is told by email."""
    _require_buyer(contract.procurement, user)
    if not reason.strip():
        raise ValidationError({"reason": _("Write the reason for the decision.")})
    state = compliance(contract)
    suggested = {"penalty": state.suggested_penalty_sek, "bonus": state.suggested_bonus_sek}.get(kind, 0)
    decision = ComplianceDecision(
        contract=contract,
        kind=kind,
        amount_sek=amount_sek if kind != ComplianceDecision.Kind.NONE else 0,
        suggested_amount_sek=suggested,
        reason=reason.strip(),
        decided_by=user,
    )
    _save(decision)
    decision.supplier_notified_at = timezone.now() if _notify_supplier(contract, decision) else None
    decision.save(update_fields=["supplier_notified_at"])
    audit.record(
        "contract.compliance_decided", actor=user, target=contract, organisation=contract.procurement.organisation,
        kind=kind, amount=decision.amount_sek, suggested=suggested,
    )  # fmt: skip
    return decision


def _notify_supplier(contract: Contract, decision: ComplianceDecision) -> int:
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.template.loader import render_to_string
    from django.utils import translation

    addresses = list(
        contract.supplier.memberships.filter(role=Role.SUPPLIER_CONTACT).values_list("user__email", flat=True)
    )
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"contract": contract, "decision": decision}
        subject = " ".join(render_to_string("contracts/email/decision_subject.txt", context).split())
        body = render_to_string("contracts/email/decision.txt", context)
    return get_connection().send_messages([EmailMessage(subject, body, to=[address]) for address in addresses])


def report_reminders(today: datetime.date | None = None) -> int:
    """Email each supplier contact whose contract has an ended period without a report (run daily)."""
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.template.loader import render_to_string
    from django.utils import translation

    today = today or timezone.localdate()
    messages = []
    contracts = Contract.objects.filter(ends_on__gte=today - datetime.timedelta(days=90)).select_related(
        "procurement", "supplier"
    ).prefetch_related("reports", "commitments", "supplier__memberships__user")  # fmt: skip
    for contract in contracts:
        due = due_periods(contract, today)
        # Once a week per contract, on the weekday its first period began: a reminder, not a flood.
        if not due or today.weekday() != contract.starts_on.weekday():
            continue
        with translation.override(settings.LANGUAGE_CODE):
            context = {"contract": contract, "due": due, "url": settings.INSTEG_SITE_URL}
            subject = " ".join(render_to_string("contracts/email/report_due_subject.txt", context).split())
            body = render_to_string("contracts/email/report_due.txt", context)
        for membership in contract.supplier.memberships.all():
            if membership.role == Role.SUPPLIER_CONTACT:
                messages.append(EmailMessage(subject, body, to=[membership.user.email]))
    return get_connection().send_messages(messages) if messages else 0
