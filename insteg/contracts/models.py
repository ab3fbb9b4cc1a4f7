"""From award to places for people: tenders, award, contracts with social commitments, positions, reports.

A supplier sees only its own organisation's contracts, positions and reports (`access.py`); the buyer's
staff see their municipality's. Compliance is computed from the supplier's reports (and, once the
placement issue lands, from placements), never stored as a number someone typed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from insteg.procurement.models import MAX_ESTIMATED_VALUE_SEK, ReportingFrequency
from insteg.rules.models import Certainty


class Occupation(models.Model):
    """An SSYK 2012 unit group (four digits), from Statistics Sweden's official list."""

    code = models.CharField(_("SSYK code"), max_length=4, primary_key=True, validators=[RegexValidator(r"^\d{4}$")])
    title_sv = models.CharField(_("title in Swedish"), max_length=200)

    class Meta:
        verbose_name = _("occupation (SSYK 2012)")
        verbose_name_plural = _("occupations (SSYK 2012)")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title_sv}"


class PositionType(models.Model):
    """A kind of place (internship, subsidised job, ...), editable because programmes come and go."""

    class Category(models.TextChoices):
        INTERNSHIP = "internship", _("Internship")
        WORK_TRAINING = "work_training", _("Work training")
        SUBSIDISED_EMPLOYMENT = "subsidised_employment", _("Subsidised employment")
        EMPLOYMENT = "employment", _("Employment")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        SUMMER_JOB = "summer_job", _("Summer job")

    class Financing(models.TextChoices):
        EMPLOYMENT_SERVICE = "employment_service", _("Arbetsförmedlingen programme")
        MUNICIPALITY = "municipality", _("The municipality")
        EMPLOYER = "employer", _("The employer")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    category = models.CharField(_("category"), max_length=30, choices=Category)
    is_employment = models.BooleanField(_("an employment"), default=False)
    typical_financing = models.CharField(_("typical financing"), max_length=30, choices=Financing)
    active_from = models.DateField(_("in use from"), null=True, blank=True)
    active_to = models.DateField(_("in use until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    certainty = models.CharField(_("certainty"), max_length=12, choices=Certainty, default=Certainty.VERIFIED)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position type")
        verbose_name_plural = _("position types")
        ordering = ["name_sv"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_sv


class Tender(models.Model):
    """A tender received, per lot: who tendered (and whether an SME), for the award and for SME statistics."""

    procurement = models.ForeignKey(
        "procurement.Procurement", models.CASCADE, related_name="tenders", verbose_name=_("procurement")
    )
    lot = models.ForeignKey(
        "procurement.Lot", models.SET_NULL, null=True, blank=True, related_name="tenders", verbose_name=_("lot")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, related_name="tenders", verbose_name=_("tenderer")
    )
    is_sme = models.BooleanField(_("small or medium-sized enterprise"), default=False)
    price_sek = models.PositiveBigIntegerField(
        _("price (SEK)"), null=True, blank=True, validators=[MaxValueValidator(MAX_ESTIMATED_VALUE_SEK)]
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")
        ordering = ["lot__number", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["procurement", "lot", "organisation"], name="one_tender_per_lot"),
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Award(models.Model):
    """The award decision for the procurement or a lot, and when its notice was sent (starts the standstill)."""

    procurement = models.ForeignKey(
        "procurement.Procurement", models.CASCADE, related_name="awards", verbose_name=_("procurement")
    )
    lot = models.ForeignKey(
        "procurement.Lot", models.SET_NULL, null=True, blank=True, related_name="awards", verbose_name=_("lot")
    )
    winner = models.ForeignKey(Tender, models.PROTECT, related_name="awards", verbose_name=_("winning tender"))
    decided_on = models.DateField(_("decided"))
    notice_sent_on = models.DateField(_("award notice sent"))
    notice_electronic = models.BooleanField(_("award notice sent electronically"), default=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["lot__number", "pk"]

    def __str__(self) -> str:
        return str(self.winner)

    def clean(self) -> None:
        if self.decided_on and self.notice_sent_on and self.notice_sent_on < self.decided_on:
            raise ValidationError({"notice_sent_on": _("The award notice cannot be sent before the decision.")})


class ContractQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The buyer's staff see their municipality's contracts; a supplier's contacts their own company's."""
        from insteg.accounts.models import Role

        if not user.is_authenticated:
            return self.none()
        buyers = user.organisations_with_role(Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR, Role.MATCHING_OFFICER)
        suppliers = user.organisations_with_role(Role.SUPPLIER_CONTACT)
        return self.filter(models.Q(procurement__organisation__in=buyers) | models.Q(supplier__in=suppliers))


class Contract(models.Model):
    procurement = models.ForeignKey(
        "procurement.Procurement", models.PROTECT, related_name="contracts", verbose_name=_("procurement")
    )
    award = models.OneToOneField(Award, models.PROTECT, related_name="contract", verbose_name=_("award"))
    lot = models.ForeignKey(
        "procurement.Lot", models.SET_NULL, null=True, blank=True, related_name="contracts", verbose_name=_("lot")
    )
    supplier = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, related_name="contracts", verbose_name=_("supplier")
    )
    value_sek = models.PositiveBigIntegerField(
        _("contract value (SEK)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_ESTIMATED_VALUE_SEK)]
    )
    signed_on = models.DateField(_("signed"))
    early_signing_ground = models.TextField(
        _("legal ground for signing before the standstill ends"), max_length=2000, blank=True
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    options = models.CharField(_("options to extend"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.procurement.reference} – {self.supplier}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The contract must end after it starts.")})


class Commitment(models.Model):
    """A social requirement as the contract's promise: what the supplier must deliver, and the vite and bonus."""

    contract = models.ForeignKey(Contract, models.CASCADE, related_name="commitments", verbose_name=_("contract"))
    requirement = models.ForeignKey(
        "procurement.SocialRequirement",
        models.PROTECT,
        related_name="commitments",
        verbose_name=_("social requirement"),
    )
    slots = models.PositiveSmallIntegerField(_("placements"), default=0, validators=[MaxValueValidator(500)])
    months_fulltime = models.PositiveSmallIntegerField(
        _("months of full-time work in total"), default=0, validators=[MaxValueValidator(1200)]
    )
    position_types = models.ManyToManyField(
        PositionType, blank=True, related_name="commitments", verbose_name=_("allowed position types")
    )
    first_start_within_months = models.PositiveSmallIntegerField(
        _("first placement starts within (months)"), default=6, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    early_end_threshold_percent = models.PositiveSmallIntegerField(
        _("met on early end when this share is done (%)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    penalty_per_missing_month_sek = models.PositiveIntegerField(
        _("vite per missing month (SEK)"), default=0, validators=[MaxValueValidator(10_000_000)]
    )
    bonus_per_extra_month_sek = models.PositiveIntegerField(
        _("bonus per extra month (SEK)"), default=0, validators=[MaxValueValidator(10_000_000)]
    )
    reporting_frequency = models.CharField(
        _("reporting"), max_length=12, choices=ReportingFrequency, default=ReportingFrequency.MONTHLY
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.requirement)


class Position(models.Model):
    """A place a supplier offers under its contract, for the matching officers to fill."""

    class SwedishLevel(models.TextChoices):
        NONE = "none", _("No Swedish needed")
        BASIC = "basic", _("Basic Swedish")
        EVERYDAY = "everyday", _("Everyday Swedish")
        FLUENT = "fluent", _("Fluent Swedish")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    contract = models.ForeignKey(Contract, models.CASCADE, related_name="positions", verbose_name=_("contract"))
    position_type = models.ForeignKey(
        PositionType, models.PROTECT, related_name="positions", verbose_name=_("position type")
    )
    occupation = models.ForeignKey(
        Occupation, models.PROTECT, related_name="positions", verbose_name=_("occupation (SSYK 2012)")
    )
    title = models.CharField(_("job title"), max_length=200)
    workplace_municipality = models.CharField(_("workplace municipality"), max_length=100)
    workplace_address = models.CharField(_("workplace address"), max_length=200, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    start_from = models.DateField(_("can start from"))
    start_until = models.DateField(_("must start by"))
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    swedish_level = models.CharField(
        _("Swedish needed"), max_length=10, choices=SwedishLevel, default=SwedishLevel.EVERYDAY
    )
    driving_licence = models.BooleanField(_("driving licence needed"), default=False)
    physical_demands = models.CharField(_("physical demands"), max_length=300, blank=True)
    adaptations = models.CharField(_("adaptations the workplace can make"), max_length=500, blank=True)
    supervisor_name = models.CharField(_("supervisor (handledare)"), max_length=200)
    supervisor_email = models.EmailField(_("supervisor's email"))
    supervisor_trained = models.BooleanField(_("supervisor has taken the supervisor training"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    # The supplier's own id for the place (from its HR system), so importing its list again adds nothing twice.
    external_reference = models.CharField(_("the supplier's reference"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["start_from", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "external_reference"],
                condition=~models.Q(external_reference=""),
                name="one_position_per_external_reference",
                violation_error_message=_("The contract already has a position with this reference."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_from and self.start_until and self.start_until < self.start_from:
            raise ValidationError({"start_until": _("The last start day must not come before the first.")})


class ComplianceReport(models.Model):
    """A supplier's report for one period: counts and months only, never personal data."""

    contract = models.ForeignKey(Contract, models.CASCADE, related_name="reports", verbose_name=_("contract"))
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    places_offered = models.PositiveSmallIntegerField(_("places offered"), validators=[MaxValueValidator(1000)])
    people_started = models.PositiveSmallIntegerField(_("people who started"), validators=[MaxValueValidator(1000)])
    months_completed = models.DecimalField(
        _("months of full-time work completed in the period"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(10000)],
    )
    ended_early = models.PositiveSmallIntegerField(_("placements ended early"), default=0)
    ended_early_met = models.PositiveSmallIntegerField(
        _("of which at least the agreed share was done"),
        default=0,
        help_text=_("Placements that ended early after at least the early-end share of their time."),
    )
    confirms_terms = models.BooleanField(_("the placements follow the contract's terms"))
    confirms_supervision = models.BooleanField(_("every person has a named supervisor"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("compliance report")
        verbose_name_plural = _("compliance reports")
        ordering = ["period_start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "period_start"], name="one_report_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.period_start} – {self.period_end}"

    def clean(self) -> None:
        errors = {}
        counted = self.people_started is not None and self.places_offered is not None
        if counted and self.people_started > self.places_offered:
            errors["people_started"] = _("More people cannot start than places were offered.")
        if self.ended_early_met and self.ended_early is not None and self.ended_early_met > self.ended_early:
            errors["ended_early_met"] = _("This cannot be more than the placements that ended early.")
        if errors:
            raise ValidationError(errors)


class ComplianceDecision(models.Model):
    """The officer's decision on vite or bonus for a contract, and when the supplier was told."""

    class Kind(models.TextChoices):
        PENALTY = "penalty", _("Vite")
        BONUS = "bonus", _("Bonus")
        NONE = "none", _("Neither")

    contract = models.ForeignKey(Contract, models.CASCADE, related_name="decisions", verbose_name=_("contract"))
    kind = models.CharField(_("decision"), max_length=10, choices=Kind)
    amount_sek = models.PositiveIntegerField(_("amount (SEK)"), default=0, validators=[MaxValueValidator(10**9)])
    suggested_amount_sek = models.PositiveIntegerField(_("suggested amount (SEK)"), default=0)
    reason = models.TextField(_("reason"), max_length=4000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    supplier_notified_at = models.DateTimeField(_("supplier notified"), null=True, blank=True)

    class Meta:
        verbose_name = _("compliance decision")
        verbose_name_plural = _("compliance decisions")
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_sek}"
