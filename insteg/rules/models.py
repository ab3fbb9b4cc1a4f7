"""Legal rules and local policy as data: each row names its legal source and how sure that source is.

Administrators edit these rows in the product; every change is kept in the row's history
(django-simple-history), so a decision can always be explained with the rule that applied that day.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Certainty(models.TextChoices):
    """How sure the source is (docs: domain research, "How sure each fact is")."""

    VERIFIED = "verified", _("Verified in the source")
    SECONDARY = "secondary", _("Secondary source")
    UNVERIFIED = "unverified", _("Unverified: check with a lawyer")


class ContractType(models.TextChoices):
    GOODS = "goods", _("Goods")
    SERVICES = "services", _("Services")
    WORKS = "works", _("Works")
    SOCIAL_SERVICES = "social_services", _("Social and other specific services")


class Procedure(models.TextChoices):
    OPEN = "open", _("Open procedure")
    RESTRICTED = "restricted", _("Restricted procedure")
    NEGOTIATED_WITH_NOTICE = "negotiated_with_notice", _("Negotiated procedure with prior notice")
    COMPETITIVE_DIALOGUE = "competitive_dialogue", _("Competitive dialogue")
    INNOVATION_PARTNERSHIP = "innovation_partnership", _("Innovation partnership")
    NEGOTIATED_WITHOUT_NOTICE = "negotiated_without_notice", _("Negotiated procedure without prior notice")
    BELOW_THRESHOLD = "below_threshold", _("Advertised procurement below the threshold (19 kap.)")
    DIRECT_AWARD = "direct_award", _("Direct award")


class Regime(models.TextChoices):
    DIRECT_AWARD = "direct_award", _("Direct award")
    BELOW_THRESHOLD = "below_threshold", _("Below the EU threshold")
    ABOVE_THRESHOLD = "above_threshold", _("Above the EU threshold")


class BuyerCategory(models.TextChoices):
    SUB_CENTRAL = "sub_central", _("Municipality or region")
    CENTRAL = "central", _("Central government")


class SourcedRule(models.Model):
    """What every rule row carries: where it comes from and how sure that is."""

    source = models.CharField(_("legal source"), max_length=300)
    source_url = models.URLField(_("source address"), blank=True)
    certainty = models.CharField(_("certainty"), max_length=12, choices=Certainty, default=Certainty.VERIFIED)

    class Meta:
        abstract = True


class ThresholdQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(valid_from__lte=day).filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))


class Threshold(SourcedRule):
    """One limit of the dated thresholds table: an EU threshold or the direct-award limit."""

    class Kind(models.TextChoices):
        EU_THRESHOLD = "eu_threshold", _("EU threshold")
        DIRECT_AWARD_LIMIT = "direct_award_limit", _("Direct-award limit")

    law = models.CharField(_("law"), max_length=10, default="LOU")
    kind = models.CharField(_("kind of limit"), max_length=20, choices=Kind)
    buyer_category = models.CharField(_("buyer category"), max_length=12, choices=BuyerCategory)
    contract_type = models.CharField(_("contract type"), max_length=20, choices=ContractType)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    amount_sek = models.PositiveBigIntegerField(_("amount in SEK"), null=True, blank=True)
    amount_eur = models.PositiveBigIntegerField(_("amount in EUR"), null=True, blank=True)

    objects = ThresholdQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("threshold")
        verbose_name_plural = _("thresholds")
        ordering = ["-valid_from", "kind", "buyer_category", "contract_type"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_sek__isnull=False) | models.Q(amount_eur__isnull=False),
                name="threshold_has_an_amount",
                violation_error_message=_("Give the amount in SEK, in EUR, or both."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="threshold_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.get_contract_type_display()}, {self.valid_from}"

    def clean(self) -> None:
        if self.amount_sek is None and self.amount_eur is None:
            raise ValidationError({"amount_sek": _("Give the amount in SEK, in EUR, or both.")})
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The period must end after it begins.")})


class ExchangeRate(SourcedRule):
    """SEK per EUR, set by an administrator, for periods whose official SEK thresholds are not yet known."""

    valid_from = models.DateField(_("valid from"), unique=True)
    sek_per_eur = models.DecimalField(
        _("SEK per EUR"),
        max_digits=8,
        decimal_places=4,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.sek_per_eur} SEK/EUR ({self.valid_from})"


class TimeLimit(SourcedRule):
    """One time limit of LOU, in calendar days, and when it applies (used by rules.deadlines)."""

    class Kind(models.TextChoices):
        TENDER_PERIOD = "tender_period", _("Minimum tender period")
        ANSWERS_BEFORE_DEADLINE = "answers_before_deadline", _("Answers at the latest, before the tender deadline")
        QUESTIONS_BEFORE_DEADLINE = (
            "questions_before_deadline",
            _("Default question deadline, before the tender deadline"),
        )
        STANDSTILL = "standstill", _("Standstill period")
        REASONABLE_PERIOD = "reasonable_period", _("Reasonable tender period below the threshold (local policy)")

    class Condition(models.TextChoices):
        ALWAYS = "always", _("Always")
        ELECTRONIC = "electronic", _("Tenders submitted electronically")
        NOT_ELECTRONIC = "not_electronic", _("Not electronically")
        PRIOR_INFORMATION_NOTICE = "prior_information_notice", _("A prior information notice was published")
        ACCELERATED = "accelerated", _("Accelerated procedure")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    procedure = models.CharField(
        _("procedure"), max_length=30, choices=Procedure, blank=True, help_text=_("Empty: every procedure.")
    )
    condition = models.CharField(_("applies when"), max_length=30, choices=Condition, default=Condition.ALWAYS)
    days = models.PositiveSmallIntegerField(_("days"), validators=[MinValueValidator(1), MaxValueValidator(365)])
    rolls_forward = models.BooleanField(
        _("moves to the next working day"),
        default=True,
        help_text=_(
            "EU Regulation 1182/71: a period ending on a Saturday, Sunday or public holiday ends on the next "
            "working day."
        ),
    )
    text_sv = models.CharField(_("rule in Swedish"), max_length=300)
    text_en = models.CharField(_("rule in English"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ["kind", "procedure", "days"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.text_en if get_language() == "en" else self.text_sv


class ProportionalityPreset(SourcedRule):
    """A rule of thumb for how many placement slots are proportionate to a contract (domain §3.2)."""

    class Method(models.TextChoices):
        PER_VALUE = "per_value", _("One slot per a given contract value")
        FIXED = "fixed", _("A fixed number of placements")
        DIALOGUE_ONLY = "dialogue_only", _("Dialogue requirement only")

    class Rounding(models.TextChoices):
        DOWN = "down", _("Round down")
        UP = "up", _("Round up")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    method = models.CharField(_("method"), max_length=20, choices=Method)
    works_sek_per_slot = models.PositiveBigIntegerField(_("works: SEK per slot"), null=True, blank=True)
    services_sek_per_slot = models.PositiveBigIntegerField(_("services: SEK per slot"), null=True, blank=True)
    social_services_sek_per_slot = models.PositiveBigIntegerField(
        _("social services: SEK per slot"), null=True, blank=True
    )
    rounding = models.CharField(_("rounding"), max_length=4, choices=Rounding, default=Rounding.DOWN)
    employment_months_per_slot = models.PositiveSmallIntegerField(
        _("months of employment per slot"), null=True, blank=True
    )
    internship_months_per_slot = models.PositiveSmallIntegerField(
        _("months of internship per slot"), null=True, blank=True
    )
    fixed_slots = models.PositiveSmallIntegerField(_("fixed number of placements"), null=True, blank=True)
    fixed_months = models.PositiveSmallIntegerField(_("months per fixed placement"), null=True, blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proportionality preset")
        verbose_name_plural = _("proportionality presets")
        ordering = ["name_sv"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_sv

    @property
    def description(self) -> str:
        return self.description_en if get_language() == "en" else self.description_sv

    def clean(self) -> None:
        errors = {}
        if self.method == self.Method.PER_VALUE:
            if not (self.works_sek_per_slot or self.services_sek_per_slot or self.social_services_sek_per_slot):
                errors["works_sek_per_slot"] = _("Give the contract value per slot for at least one contract type.")
            if not (self.employment_months_per_slot or self.internship_months_per_slot):
                errors["employment_months_per_slot"] = _("Say how long one slot is, as employment or internship.")
        if self.method == self.Method.FIXED:
            if not self.fixed_slots:
                errors["fixed_slots"] = _("Give the number of placements.")
            if not self.fixed_months:
                errors["fixed_months"] = _("Give the months per placement.")
        if errors:
            raise ValidationError(errors)


class ProcurementPolicy(models.Model):
    """A municipality's own policy for procurement design: local choices, not law."""

    organisation = models.OneToOneField(
        "accounts.Organisation", models.CASCADE, related_name="procurement_policy", verbose_name=_("organisation")
    )
    default_preset = models.ForeignKey(
        ProportionalityPreset, models.PROTECT, related_name="+", verbose_name=_("default proportionality preset")
    )
    near_threshold_margin_percent = models.PositiveSmallIntegerField(
        _("warn within this many per cent of a limit"), default=10, validators=[MaxValueValidator(50)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("procurement policy")
        verbose_name_plural = _("procurement policies")

    def __str__(self) -> str:
        return str(self.organisation)
