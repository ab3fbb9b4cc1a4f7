"""Procurements, their lots and social requirements, and the criteria library they are chosen from."""

import re
import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from insteg.rules.models import BuyerCategory, ContractType, Procedure, ProportionalityPreset, Regime

CPV_PATTERN = re.compile(r"^\d{8}-\d$")
validate_cpv = RegexValidator(
    CPV_PATTERN, _("Enter a CPV code as eight digits, a hyphen and a check digit, for example 45212212-5.")
)


def validate_plausible_date(value) -> None:
    """A guard against typing errors such as year 20226: procurement dates lie between 2000 and 2100."""
    if not 2000 <= value.year <= 2100:
        raise ValidationError(_("Enter a date between the years 2000 and 2100."), code="implausible")


def validate_cpv_list(value) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Give the additional CPV codes as a list of codes."), code="not_a_list")
    if len(value) > MAX_ADDITIONAL_CPV:
        raise ValidationError(
            _("Give at most %(max)d additional CPV codes."), params={"max": MAX_ADDITIONAL_CPV}, code="too_many"
        )
    wrong = [code for code in value if not CPV_PATTERN.match(code)]
    if wrong:
        raise ValidationError(
            _("Not CPV codes: %(codes)s. Write eight digits, a hyphen and a check digit, like 45212212-5."),
            params={"codes": ", ".join(wrong[:5])},
            # Not "invalid": a model field replaces a validator's message when the code is one of its own.
            code="invalid_cpv",
        )


MAX_ADDITIONAL_CPV = 20
# Whole SEK; above this no municipal contract is plausible, so it is a typing error (a trillion SEK).
MAX_ESTIMATED_VALUE_SEK = 10**12
MAX_DURATION_MONTHS = 240


class SocialObjective(models.TextChoices):
    """eForms BT-775 social-objective codes (OP-TED eForms SDK codelist social-objective)."""

    OPPORTUNITIES = "opp", _("Employment opportunities for the long-term unemployed, disadvantaged or disabled")
    WORK_CONDITIONS = "work-cond", _("Fair working conditions")
    GENDER_EQUALITY = "gen-eq", _("Gender equality")
    ETHNIC_EQUALITY = "et-eq", _("Ethnic equality")
    ACCESSIBILITY = "acc-all", _("Accessibility for all")
    HUMAN_RIGHTS = "hum-right", _("Human rights due diligence in global supply chains")
    OTHER = "other", _("Other social objective")


class Theme(models.TextChoices):
    """The seed's categories of social requirements, plus supply chains, labour law, SMEs and reservation."""

    FAIR_TRADE = "fair_trade", _("Fair trade")
    GENDER_EQUALITY = "gender_equality", _("Gender equality")
    EMPLOYMENT = "employment", _("Employment opportunities")
    SOCIAL_INTEGRATION = "social_integration", _("Social integration")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    WORKERS_RIGHTS = "workers_rights", _("Workers' rights")
    SUPPLY_CHAIN = "supply_chain", _("Fair working conditions in supply chains")
    LABOUR_CONDITIONS = "labour_conditions", _("Labour-law conditions")
    SME = "sme", _("Small and medium-sized enterprises")
    RESERVED = "reserved", _("Reserved contracts")


class Level(models.TextChoices):
    """The national model's three levels (Upphandlingsmyndigheten's criteria library)."""

    BASIC = "bas", _("Basic")
    ADVANCED = "avancerad", _("Advanced")
    CUTTING_EDGE = "spjutspets", _("Cutting edge")


class LegalInstrument(models.TextChoices):
    TECHNICAL_SPECIFICATION = "technical_spec", _("Technical specification (9 kap. LOU)")
    SELECTION_CRITERION = "selection_criterion", _("Selection criterion (14 kap. LOU)")
    AWARD_CRITERION = "award_criterion", _("Award criterion (16 kap. LOU)")
    PERFORMANCE_CONDITION = "performance_condition", _("Contract performance condition (17 kap. 1 § LOU)")
    LABOUR_CONDITIONS = "labour_conditions", _("Labour-law conditions (17 kap. 2 § ff. LOU)")
    RESERVED_PARTICIPATION = "reserved_participation", _("Reserved participation (4 kap. 18 § LOU)")
    RESERVED_EXECUTION = "reserved_execution", _("Reserved execution (4 kap. 18 § 2 LOU)")


class RequirementKind(models.TextChoices):
    """Which parameters a criterion takes when it becomes a requirement."""

    PLAIN = "plain", _("Clause without parameters")
    EMPLOYMENT_DIALOGUE = "employment_dialogue", _("Employment: dialogue requirement")
    EMPLOYMENT_NUMERIC = "employment_numeric", _("Employment: numeric requirement")
    EMPLOYMENT_BONUS = "employment_bonus", _("Employment: bonus for extra employment and gender equality")
    LABOUR_CONDITIONS = "labour_conditions", _("Labour-law conditions")
    RESERVED = "reserved", _("Reserved contract")


class TargetGroup(models.TextChoices):
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Long-term unemployed")
    NEWLY_ARRIVED = "newly_arrived", _("Newly arrived")
    YOUNG_PEOPLE = "young_people", _("Young people without work or studies")
    REDUCED_WORK_CAPACITY = "reduced_work_capacity", _("People with a disability that reduces their work capacity")
    SOCIAL_ASSISTANCE = "social_assistance", _("People receiving social assistance")
    FAR_FROM_LABOUR_MARKET = "far_from_labour_market", _("Others far from the labour market")


class EmploymentAlternative(models.TextChoices):
    """The national model's alternatives for the numeric employment requirement."""

    EMPLOYMENT = "a", _("a) Employment, together at least N months full time")
    APPRENTICESHIP = "b", _("b) Apprenticeship")
    INTERNSHIP = "c", _("c) Internship")


class ReportingFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Every six months")
    YEARLY = "yearly", _("Yearly")


# Names a clause may use as {placeholder}; SocialRequirement.clause_values() fills them.
CLAUSE_PLACEHOLDERS = {
    "target_groups": _("the target groups"),
    "alternatives": _("the allowed alternatives"),
    "months_fulltime": _("months of full-time work"),
    "slots": _("number of placements"),
    "first_start_within_months": _("first start within months"),
    "early_end_threshold_percent": _("share completed on early end"),
    "penalty_terms": _("penalty (vite)"),
    "bonus_terms": _("bonus"),
    "reporting_frequency": _("reporting frequency"),
    "collective_agreement": _("collective agreement"),
    "target_group_share_percent": _("target-group share"),
}


def placeholders_in(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name}


def validate_clause_placeholders(text: str) -> None:
    try:
        fields = [(name, spec, conversion) for _lit, name, spec, conversion in string.Formatter().parse(text)]
    except ValueError:
        raise ValidationError(_("Braces must come in pairs around a placeholder name, like {slots}.")) from None
    placeholders = [(name, spec, conversion) for name, spec, conversion in fields if name is not None]
    # Only plain names: "{}", "{slots!r}" or "{slots:>5}" would break rendering or leak Python into a document.
    if any(not name or spec or conversion for name, spec, conversion in placeholders):
        raise ValidationError(_("Write a placeholder as a plain name in braces, like {slots}."))
    unknown = sorted({name for name, _spec, _conversion in placeholders} - CLAUSE_PLACEHOLDERS.keys())
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(names)s. Use only: %(allowed)s."),
            params={"names": ", ".join(unknown), "allowed": ", ".join(sorted(CLAUSE_PLACEHOLDERS))},
        )


class CriterionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def suiting(self, contract_type: str):
        return self.filter(**{f"suits_{contract_type}": True}) if contract_type in ContractType.values else self


class Criterion(models.Model):
    """A social criterion of the library. Requirements copy its clause, so later edits never change a document."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=_("Stable; never reused."))
    title_sv = models.CharField(_("title in Swedish"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme)
    social_objective = models.CharField(_("eForms social objective (BT-775)"), max_length=10, choices=SocialObjective)
    sustainability_goal = models.CharField(
        _("OCDS sustainability goal"), max_length=80, help_text=_("For example social.genderEquality.")
    )
    level = models.CharField(_("level"), max_length=12, choices=Level)
    legal_instrument = models.CharField(_("legal instrument"), max_length=30, choices=LegalInstrument)
    requirement_kind = models.CharField(
        _("parameters"), max_length=30, choices=RequirementKind, default=RequirementKind.PLAIN
    )
    lou_reference = models.CharField(_("LOU reference"), max_length=100)
    uhm_criterion_id = models.CharField(_("Upphandlingsmyndigheten criterion id"), max_length=20, blank=True)
    text_sv = models.TextField(
        _("clause in Swedish"),
        validators=[validate_clause_placeholders],
        help_text=_("Named placeholders in braces, for example {slots} or {target_groups}."),
    )
    guidance_sv = models.TextField(_("guidance in Swedish"))
    guidance_en = models.TextField(_("guidance in English"))
    verification_sv = models.TextField(_("how fulfilment is verified, in Swedish"))
    verification_en = models.TextField(_("how fulfilment is verified, in English"))
    suits_goods = models.BooleanField(_("suits goods"), default=False)
    suits_services = models.BooleanField(_("suits services"), default=False)
    suits_works = models.BooleanField(_("suits works"), default=False)
    suits_social_services = models.BooleanField(_("suits social services"), default=False)
    is_active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CriterionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["theme", "level", "code"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procurement:criterion", args=[self.code])

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" else self.title_sv

    @property
    def guidance(self) -> str:
        return self.guidance_en if get_language() == "en" else self.guidance_sv

    @property
    def verification(self) -> str:
        return self.verification_en if get_language() == "en" else self.verification_sv

    @property
    def legal_basis(self) -> str:
        """The instrument, with the LOU reference when the instrument's name does not already give it."""
        instrument = str(self.get_legal_instrument_display())
        if self.lou_reference and self.lou_reference not in instrument:
            return f"{instrument}, {self.lou_reference}"
        return instrument

    @property
    def suited_contract_types(self) -> list[str]:
        return [value for value in ContractType.values if getattr(self, f"suits_{value}")]

    def suits(self, contract_type: str) -> bool:
        return contract_type in self.suited_contract_types

    @property
    def is_employment(self) -> bool:
        return self.requirement_kind in {
            RequirementKind.EMPLOYMENT_DIALOGUE,
            RequirementKind.EMPLOYMENT_NUMERIC,
            RequirementKind.EMPLOYMENT_BONUS,
        }


class ProcurementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers and administrators see their municipality's procurements; everyone signed in sees published ones."""
        from insteg.accounts.models import Role

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        own = user.organisations_with_role(Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR, Role.MATCHING_OFFICER)
        return self.filter(models.Q(organisation__in=own) | ~models.Q(status=Procurement.Status.DRAFT))

    def editable_by(self, user):
        from insteg.accounts.models import Role

        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__in=user.organisations_with_role(Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR))


class Procurement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        AWARDED = "awarded", _("Awarded")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    # The only changes of status there are; anything else is refused.
    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED, Status.CANCELLED},
        Status.PUBLISHED: {Status.AWARDED, Status.CANCELLED},
        Status.AWARDED: {Status.COMPLETED},
        Status.CANCELLED: set(),
        Status.COMPLETED: set(),
    }

    organisation = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, related_name="procurements", verbose_name=_("contracting authority")
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="procurements", verbose_name=_("procurement officer")
    )
    reference = models.CharField(_("reference number"), max_length=40, help_text=_("The diarienummer."))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    contract_type = models.CharField(_("contract type"), max_length=20, choices=ContractType)
    cpv_main = models.CharField(_("main CPV code"), max_length=10, validators=[validate_cpv])
    cpv_additional = models.JSONField(
        _("additional CPV codes"), default=list, blank=True, validators=[validate_cpv_list]
    )
    estimated_value_sek = models.PositiveBigIntegerField(
        _("estimated value (SEK)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ESTIMATED_VALUE_SEK)],
        help_text=_("Whole SEK excluding VAT, including options and extensions."),
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_MONTHS)],
        help_text=_("Including options to extend."),
    )
    buyer_category = models.CharField(
        _("buyer category"), max_length=12, choices=BuyerCategory, default=BuyerCategory.SUB_CENTRAL
    )
    procedure = models.CharField(_("procedure"), max_length=30, choices=Procedure)
    accelerated = models.BooleanField(_("accelerated procedure"), default=False)
    accelerated_justification = models.TextField(_("why the procedure is accelerated"), max_length=2000, blank=True)
    electronic_submission = models.BooleanField(_("tenders submitted electronically"), default=True)
    prior_information_notice = models.BooleanField(
        _("prior information notice published"),
        default=False,
        help_text=_("Sent between 35 days and 12 months before the contract notice."),
    )
    lots_not_divided_reason = models.TextField(
        _("why the contract is not divided into lots"), max_length=2000, blank=True
    )
    notice_sent = models.DateField(_("notice sent"), null=True, blank=True, validators=[validate_plausible_date])
    tender_deadline = models.DateField(
        _("tender deadline"), null=True, blank=True, validators=[validate_plausible_date]
    )
    question_deadline = models.DateField(
        _("question deadline"), null=True, blank=True, validators=[validate_plausible_date]
    )
    regime = models.CharField(_("regime"), max_length=20, choices=Regime, editable=False)
    regime_is_estimate = models.BooleanField(_("regime estimated from EUR"), default=False, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProcurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="unique_procurement_reference"),
            models.CheckConstraint(
                condition=models.Q(accelerated=False) | ~models.Q(accelerated_justification=""),
                name="accelerated_has_justification",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("procurement:detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    def clean(self) -> None:
        errors = {}
        if self.accelerated and not self.accelerated_justification.strip():
            errors["accelerated_justification"] = _("Say why the procedure must be accelerated.")
        if self.notice_sent and self.tender_deadline and self.tender_deadline <= self.notice_sent:
            errors["tender_deadline"] = _("The tender deadline must come after the day the notice is sent.")
        if self.question_deadline and self.tender_deadline and self.question_deadline >= self.tender_deadline:
            errors["question_deadline"] = _("The question deadline must come before the tender deadline.")
        elif self.question_deadline and self.notice_sent and self.question_deadline < self.notice_sent:
            errors["question_deadline"] = _("The question deadline cannot come before the notice is sent.")
        if self.cpv_main and self.cpv_main in (self.cpv_additional or []):
            errors["cpv_additional"] = _("The main CPV code is already given; list only other codes here.")
        if errors:
            raise ValidationError(errors)


class Lot(models.Model):
    procurement = models.ForeignKey(Procurement, models.CASCADE, related_name="lots", verbose_name=_("procurement"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1), MaxValueValidator(999)])
    title = models.CharField(_("title"), max_length=200)
    estimated_value_sek = models.PositiveBigIntegerField(
        _("estimated value (SEK)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ESTIMATED_VALUE_SEK)],
    )

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["procurement", "number"], name="unique_lot_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class SocialRequirement(models.Model):
    """A criterion chosen for a procurement, with its parameters, the proportionality decision and its rationale."""

    procurement = models.ForeignKey(
        Procurement, models.CASCADE, related_name="requirements", verbose_name=_("procurement")
    )
    lot = models.ForeignKey(
        Lot, models.SET_NULL, null=True, blank=True, related_name="requirements", verbose_name=_("lot")
    )
    criterion = models.ForeignKey(Criterion, models.PROTECT, related_name="requirements", verbose_name=_("criterion"))
    criterion_version = models.PositiveIntegerField(_("criterion version"), null=True, editable=False)
    clause_text = models.TextField(_("clause"), validators=[validate_clause_placeholders])
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    alternatives = models.JSONField(_("allowed alternatives"), default=list, blank=True)
    months_fulltime = models.PositiveSmallIntegerField(
        _("months of full-time work in total"), null=True, blank=True, validators=[MaxValueValidator(1200)]
    )
    preset = models.ForeignKey(
        ProportionalityPreset, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("preset")
    )
    slots_suggested = models.PositiveSmallIntegerField(_("placements suggested"), null=True, blank=True)
    suggestion_explanation = models.TextField(_("how the suggestion was made"), blank=True)
    slots_decided = models.PositiveSmallIntegerField(
        _("placements decided"), null=True, blank=True, validators=[MaxValueValidator(500)]
    )
    rationale = models.TextField(
        _("proportionality rationale"),
        max_length=4000,
        blank=True,
        help_text=_("Why this requirement, and this number, is proportionate to the contract."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    first_start_within_months = models.PositiveSmallIntegerField(
        _("first placement starts within (months)"), default=6, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    early_end_threshold_percent = models.PositiveSmallIntegerField(
        _("met on early end when this share is done (%)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    penalty_terms = models.CharField(_("penalty (vite)"), max_length=300, blank=True)
    bonus_terms = models.CharField(_("bonus"), max_length=300, blank=True)
    reporting_frequency = models.CharField(
        _("reporting"), max_length=12, choices=ReportingFrequency, default=ReportingFrequency.MONTHLY
    )
    collective_agreement = models.CharField(_("collective agreement"), max_length=200, blank=True)
    target_group_share_percent = models.PositiveSmallIntegerField(
        _("target-group share of the workforce (%)"),
        default=30,
        validators=[MinValueValidator(30), MaxValueValidator(100)],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("social requirement")
        verbose_name_plural = _("social requirements")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return str(self.criterion)

    def clean(self) -> None:
        errors = {}
        if not isinstance(self.target_groups, list) or set(self.target_groups) - set(TargetGroup.values):
            errors["target_groups"] = _("Choose target groups from the list.")
        if not isinstance(self.alternatives, list) or set(self.alternatives) - set(EmploymentAlternative.values):
            errors["alternatives"] = _("Choose alternatives from the list (a, b, c).")
        if self.lot_id and self.procurement_id and self.lot.procurement_id != self.procurement_id:
            errors["lot"] = _("Choose one of this procurement's lots.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_decided(self) -> bool:
        return bool(self.rationale.strip()) and (not self.needs_slots or self.slots_decided is not None)

    @property
    def needs_slots(self) -> bool:
        return self.criterion.requirement_kind == RequirementKind.EMPLOYMENT_NUMERIC

    def clause_values(self) -> dict[str, str]:
        """The requirement's parameters as Swedish text for the clause's placeholders."""
        with translation.override("sv"):
            groups = [str(TargetGroup(code).label).lower() for code in self.target_groups if code in TargetGroup.values]
            alternatives = [str(EmploymentAlternative(code).label) for code in self.alternatives]
            values = {
                "target_groups": _join_swedish(groups),
                "alternatives": _join_swedish(alternatives),
                "months_fulltime": _number(self.months_fulltime),
                "slots": _number(self.slots_decided),
                "first_start_within_months": _number(self.first_start_within_months),
                "early_end_threshold_percent": _number(self.early_end_threshold_percent),
                "penalty_terms": self.penalty_terms,
                "bonus_terms": self.bonus_terms,
                "reporting_frequency": str(self.get_reporting_frequency_display()).lower(),
                "collective_agreement": self.collective_agreement,
                "target_group_share_percent": _number(self.target_group_share_percent),
            }
        return values

    def rendered_clause(self) -> str:
        """The clause with its placeholders filled; a missing value shows as [name] for the officer to see."""
        values = self.clause_values()
        with translation.override("sv"):
            filled = {
                name: values.get(name) or f"[{CLAUSE_PLACEHOLDERS[name]}]" for name in placeholders_in(self.clause_text)
            }
        return self.clause_text.format_map(filled)


def _number(value) -> str:
    return "" if value is None else str(value)


def _join_swedish(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} och {items[-1]}"
