"""Workflows of procurement design: create, choose requirements, decide proportionately, publish.

Each workflow is atomic and audited. Rules about law (deadlines, thresholds, proportionality) come from
insteg.rules, where they are data with sources; this module only applies them.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from insteg.accounts.models import Role
from insteg.lib.errors import DomainError
from insteg.privacy import audit
from insteg.procurement.models import (
    Criterion,
    LegalInstrument,
    Lot,
    Procurement,
    RequirementKind,
    SocialRequirement,
)
from insteg.rules import deadlines, proportionality, thresholds
from insteg.rules.models import ContractType, Procedure, ProportionalityPreset, Regime

PROCUREMENT_FIELDS = [
    "reference",
    "title",
    "description",
    "contract_type",
    "cpv_main",
    "cpv_additional",
    "estimated_value_sek",
    "duration_months",
    "procedure",
    "accelerated",
    "accelerated_justification",
    "electronic_submission",
    "prior_information_notice",
    "lots_not_divided_reason",
    "notice_sent",
    "question_deadline",
    "tender_deadline",
]
# Procedures that exist only above the threshold (6 kap. LOU) and those that exist only below it.
ABOVE_THRESHOLD_ONLY = {
    Procedure.OPEN,
    Procedure.RESTRICTED,
    Procedure.NEGOTIATED_WITH_NOTICE,
    Procedure.COMPETITIVE_DIALOGUE,
    Procedure.INNOVATION_PARTNERSHIP,
    Procedure.NEGOTIATED_WITHOUT_NOTICE,
}
NOT_ADVERTISED = {Procedure.DIRECT_AWARD, Procedure.NEGOTIATED_WITHOUT_NOTICE}


@dataclass
class Checks:
    """What stands in the way of publishing (errors, by field) and what the officer should think about."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def error(self, field_name: str, message: str) -> None:
        self.errors.setdefault(field_name, []).append(message)

    @property
    def ok(self) -> bool:
        return not self.errors


def regime_day(procurement: Procurement):
    """Thresholds are those in force when the notice is sent; before that, today's."""
    return procurement.notice_sent or timezone.localdate()


def assess_regime(procurement: Procurement) -> "thresholds.RegimeAssessment":
    policy = proportionality.policy_for(procurement.organisation)
    return thresholds.assess_regime(
        contract_type=procurement.contract_type,
        value_sek=procurement.estimated_value_sek,
        on=regime_day(procurement),
        buyer_category=procurement.buyer_category,
        margin_percent=policy.near_threshold_margin_percent,
    )


def procurement_deadlines(procurement: Procurement) -> "deadlines.Deadlines":
    return deadlines.calculate(
        procedure=procurement.procedure,
        electronic_submission=procurement.electronic_submission,
        prior_information_notice=procurement.prior_information_notice,
        accelerated=procurement.accelerated,
        notice_sent=procurement.notice_sent,
        tender_deadline=procurement.tender_deadline,
    )


def _refresh_regime(procurement: Procurement) -> None:
    assessment = assess_regime(procurement)
    procurement.regime = assessment.regime
    procurement.regime_is_estimate = assessment.is_estimate


def _default_question_deadline(procurement: Procurement) -> None:
    if procurement.tender_deadline and not procurement.question_deadline:
        procurement.question_deadline = procurement_deadlines(procurement).question_deadline


def _validate_and_save(procurement: Procurement) -> None:
    procurement.full_clean(exclude=["organisation", "officer"])
    same_reference = Procurement.objects.filter(
        organisation=procurement.organisation, reference__iexact=procurement.reference
    ).exclude(pk=procurement.pk)
    if same_reference.exists():
        raise ValidationError({"reference": _("Another procurement already has this reference number.")})
    procurement.save()


@transaction.atomic
def create_procurement(*, user, organisation, data: dict) -> Procurement:
    if organisation.pk not in user.organisations_with_role(Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR):
        raise DomainError(_("Only the municipality's procurement officers can create procurements."))
    procurement = Procurement(organisation=organisation, officer=user)
    _assign(procurement, data)
    _default_question_deadline(procurement)
    _refresh_regime(procurement)
    _validate_and_save(procurement)
    audit.record("procurement.created", actor=user, target=procurement, organisation=organisation)
    return procurement


def _assign(procurement: Procurement, data: dict) -> None:
    unknown = set(data) - set(PROCUREMENT_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    for name, value in data.items():
        setattr(procurement, name, value)


@transaction.atomic
def update_procurement(procurement: Procurement, *, user, data: dict) -> Procurement:
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    if not procurement.is_draft:
        raise DomainError(_("Only a draft can be changed. A published procurement is changed by a correction notice."))
    changed = sorted(name for name, value in data.items() if getattr(procurement, name, None) != value)
    _assign(procurement, data)
    _default_question_deadline(procurement)
    _refresh_regime(procurement)
    _validate_and_save(procurement)
    if {"contract_type", "estimated_value_sek", "duration_months"} & set(changed):
        for requirement in procurement.requirements.select_related("criterion", "preset"):
            _refresh_suggestion(requirement)
            requirement.save(update_fields=["slots_suggested", "suggestion_explanation", "preset"])
    audit.record(
        "procurement.changed", actor=user, target=procurement, organisation=procurement.organisation, fields=changed
    )
    return procurement


@transaction.atomic
def add_lot(procurement: Procurement, *, user, number: int, title: str, estimated_value_sek=None) -> Lot:
    _require_draft(procurement)
    if procurement.lots.filter(number=number).exists():
        raise ValidationError({"number": _("There is already a lot with this number.")})
    lot = Lot(procurement=procurement, number=number, title=title, estimated_value_sek=estimated_value_sek)
    lot.full_clean()
    lot.save()
    audit.record(
        "procurement.lot_added", actor=user, target=procurement, organisation=procurement.organisation, lot=number
    )
    return lot


@transaction.atomic
def delete_lot(lot: Lot, *, user) -> None:
    procurement = lot.procurement
    _require_draft(procurement)
    number = lot.number
    lot.delete()
    audit.record(
        "procurement.lot_removed", actor=user, target=procurement, organisation=procurement.organisation, lot=number
    )


def _require_draft(procurement: Procurement) -> None:
    if not procurement.is_draft:
        raise DomainError(_("Only a draft can be changed. A published procurement is changed by a correction notice."))


def _refresh_suggestion(requirement: SocialRequirement) -> None:
    """The preset's suggestion for this contract; only numeric employment requirements have one."""
    if requirement.criterion.requirement_kind != RequirementKind.EMPLOYMENT_NUMERIC:
        requirement.slots_suggested = None
        requirement.suggestion_explanation = ""
        return
    procurement = requirement.procurement
    requirement.preset = requirement.preset or proportionality.default_preset(procurement.organisation)
    suggestion = proportionality.suggest(
        preset=requirement.preset,
        contract_type=procurement.contract_type,
        estimated_value_sek=procurement.estimated_value_sek,
        duration_months=procurement.duration_months,
        regime=procurement.regime,
    )
    requirement.slots_suggested = suggestion.slots_suggested
    requirement.suggestion_explanation = suggestion.explanation


def suggestion_for(requirement: SocialRequirement, preset: ProportionalityPreset | None = None):
    procurement = requirement.procurement
    return proportionality.suggest(
        preset=preset or requirement.preset or proportionality.default_preset(procurement.organisation),
        contract_type=procurement.contract_type,
        estimated_value_sek=procurement.estimated_value_sek,
        duration_months=procurement.duration_months,
        regime=procurement.regime,
    )


@transaction.atomic
def add_requirement(
    procurement: Procurement, *, user, criterion: Criterion, lot: Lot | None = None
) -> SocialRequirement:
    _require_draft(procurement)
    if not criterion.is_active:
        raise DomainError(_("This criterion is no longer in use."))
    requirement = SocialRequirement(
        procurement=procurement,
        criterion=criterion,
        lot=lot,
        clause_text=criterion.text_sv,
        criterion_version=criterion.history.count() or None,
    )
    _refresh_suggestion(requirement)
    requirement.full_clean()
    requirement.save()
    audit.record(
        "requirement.added",
        actor=user,
        target=procurement,
        organisation=procurement.organisation,
        criterion=criterion.code,
        requirement=requirement.pk,
    )
    return requirement


REQUIREMENT_FIELDS = [
    "lot",
    "clause_text",
    "target_groups",
    "alternatives",
    "months_fulltime",
    "preset",
    "slots_decided",
    "rationale",
    "first_start_within_months",
    "early_end_threshold_percent",
    "penalty_terms",
    "bonus_terms",
    "reporting_frequency",
    "collective_agreement",
    "target_group_share_percent",
]


@transaction.atomic
def decide_requirement(requirement: SocialRequirement, *, user, data: dict) -> SocialRequirement:
    """Set the requirement's parameters and the officer's decision; the suggestion is kept beside it."""
    requirement = (
        SocialRequirement.objects.select_for_update().select_related("procurement", "criterion").get(pk=requirement.pk)
    )
    _require_draft(requirement.procurement)
    unknown = set(data) - set(REQUIREMENT_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})
    for name, value in data.items():
        setattr(requirement, name, value)
    _refresh_suggestion(requirement)
    if not requirement.rationale.strip():
        raise ValidationError({"rationale": _("Write why this requirement is proportionate to the contract.")})
    if requirement.needs_slots and requirement.slots_decided is None:
        raise ValidationError({"slots_decided": _("Decide the number of placements (0 is allowed, with a reason).")})
    requirement.decided_by = user
    requirement.decided_at = timezone.now()
    requirement.full_clean()
    requirement.save()
    audit.record(
        "requirement.decided",
        actor=user,
        target=requirement.procurement,
        organisation=requirement.procurement.organisation,
        requirement=requirement.pk,
        criterion=requirement.criterion.code,
        preset=requirement.preset.code if requirement.preset else None,
        slots_suggested=requirement.slots_suggested,
        slots_decided=requirement.slots_decided,
    )
    return requirement


@transaction.atomic
def remove_requirement(requirement: SocialRequirement, *, user) -> None:
    procurement = requirement.procurement
    _require_draft(procurement)
    code, pk = requirement.criterion.code, requirement.pk
    requirement.delete()
    audit.record(
        "requirement.removed",
        actor=user,
        target=procurement,
        organisation=procurement.organisation,
        criterion=code,
        requirement=pk,
    )


def publication_checks(procurement: Procurement, requirements=None) -> Checks:
    """Everything that must hold before the procurement is advertised, and what deserves a second look."""
    checks = Checks()
    requirements = list(
        requirements if requirements is not None else procurement.requirements.select_related("criterion")
    )
    assessment = assess_regime(procurement)
    checks.warnings.extend(assessment.warnings)
    _check_procedure_fits_regime(procurement, assessment.regime, checks)
    _check_dates(procurement, checks)
    _check_lots(procurement, assessment.regime, checks)
    _check_requirements(procurement, assessment.regime, requirements, checks)
    return checks


def _check_procedure_fits_regime(procurement, regime, checks: Checks) -> None:
    below_procedures = {Procedure.BELOW_THRESHOLD, Procedure.DIRECT_AWARD}
    social_services = procurement.contract_type == ContractType.SOCIAL_SERVICES
    if regime == Regime.ABOVE_THRESHOLD and procurement.procedure in below_procedures and not social_services:
        checks.error(
            "procedure",
            _("The value is above the EU threshold: choose one of the procedures of 6 kap. LOU."),
        )
    if regime != Regime.ABOVE_THRESHOLD and procurement.procedure in ABOVE_THRESHOLD_ONLY:
        checks.warnings.append(
            _(
                "The value is below the EU threshold, where the procedure is free (19 kap. LOU). Using an "
                "above-threshold procedure is allowed but binds you to its rules."
            )
        )


def _check_dates(procurement, checks: Checks) -> None:
    if procurement.procedure in NOT_ADVERTISED:
        return
    if not procurement.notice_sent:
        checks.error("notice_sent", _("Give the day the notice is sent for publication."))
    if not procurement.tender_deadline:
        checks.error("tender_deadline", _("Give the tender deadline."))
    if not (procurement.notice_sent and procurement.tender_deadline):
        return
    errors, warnings = deadlines.tender_deadline_problems(
        procedure=procurement.procedure,
        electronic_submission=procurement.electronic_submission,
        prior_information_notice=procurement.prior_information_notice,
        accelerated=procurement.accelerated,
        notice_sent=procurement.notice_sent,
        tender_deadline=procurement.tender_deadline,
    )
    for message in errors:
        checks.error("tender_deadline", message)
    checks.warnings.extend(warnings)
    answers_due_by = procurement_deadlines(procurement).answers_due_by
    if procurement.question_deadline and answers_due_by and procurement.question_deadline > answers_due_by:
        checks.warnings.append(
            _(
                "The question deadline is after the last day for answers (%(date)s): questions asked that late "
                "cannot be answered in time."
            )
            % {"date": answers_due_by.isoformat()}
        )


def _check_lots(procurement, regime, checks: Checks) -> None:
    divided = len(procurement.lots.all()) > 1
    exempt = procurement.contract_type == ContractType.SOCIAL_SERVICES
    if (
        regime == Regime.ABOVE_THRESHOLD
        and not divided
        and not exempt
        and not procurement.lots_not_divided_reason.strip()
    ):
        checks.error(
            "lots_not_divided_reason",
            _("Above the threshold, say why the contract is not divided into lots (4 kap. 14 § LOU)."),
        )


def _check_requirements(procurement, regime, requirements, checks: Checks) -> None:
    if not requirements:
        checks.warnings.append(
            _("There are no social requirements; the notice will say that no sustainability requirements are set.")
        )
    for requirement in requirements:
        criterion = requirement.criterion
        if not requirement.is_decided:
            checks.error(
                "requirements",
                _("Decide and justify the requirement “%(title)s”.") % {"title": criterion.title},
            )
        if not criterion.suits(procurement.contract_type):
            checks.warnings.append(
                _("“%(title)s” is not meant for this contract type: make sure it is linked to the subject matter.")
                % {"title": criterion.title}
            )
        if criterion.legal_instrument == LegalInstrument.LABOUR_CONDITIONS and regime != Regime.ABOVE_THRESHOLD:
            checks.warnings.append(
                _(
                    "Labour-law conditions under 17 kap. 2 § LOU are a duty only above the threshold; "
                    "below it they are a choice."
                )
            )


@transaction.atomic
def publish(procurement: Procurement, *, user) -> Procurement:
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    if not procurement.can_become(Procurement.Status.PUBLISHED):
        raise DomainError(_("Only a draft can be published."))
    checks = publication_checks(procurement)
    if not checks.ok:
        raise ValidationError(checks.errors)
    _refresh_regime(procurement)
    procurement.status = Procurement.Status.PUBLISHED
    procurement.published_at = timezone.now()
    procurement.save()
    audit.record(
        "procurement.published",
        actor=user,
        target=procurement,
        organisation=procurement.organisation,
        regime=procurement.regime,
        tender_deadline=procurement.tender_deadline.isoformat() if procurement.tender_deadline else None,
    )
    return procurement


@transaction.atomic
def change_status(procurement: Procurement, *, user, status: str) -> Procurement:
    if status == Procurement.Status.PUBLISHED:
        return publish(procurement, user=user)
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    if status not in Procurement.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if not procurement.can_become(status):
        raise DomainError(
            _("A procurement that is %(current)s cannot become %(new)s.")
            % {
                "current": procurement.get_status_display().lower(),
                "new": str(Procurement.Status(status).label).lower(),
            }
        )
    previous = procurement.status
    procurement.status = status
    procurement.save(update_fields=["status", "updated_at"])
    audit.record(
        "procurement.status_changed",
        actor=user,
        target=procurement,
        organisation=procurement.organisation,
        previous=previous,
        status=status,
    )
    return procurement
