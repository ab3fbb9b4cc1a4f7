"""Participants (people far from the labour market), proposals to host companies, and placements.

Privacy by design (domain research §6): the minimum is collected; there is no free-text health field
(practical adaptations are a fixed, restricted list); no personnummer unless a setting allows it; every
read of a participant's personal data is written to `ParticipantView`; erasure anonymises in place and
keeps only aggregate-safe fields. No model here keeps a change history, because a history would keep
the names that erasure removes.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insteg.contracts.models import Position
from insteg.procurement.models import TargetGroup

SwedishLevel = Position.SwedishLevel


def validate_birth_year(value: int) -> None:
    this_year = timezone.localdate().year
    if not this_year - 80 <= value <= this_year - 15:
        raise ValidationError(
            _("Enter a birth year between %(low)d and %(high)d."),
            params={"low": this_year - 80, "high": this_year - 15},
        )


class Gender(models.TextChoices):
    """Self-reported and optional; used for statistics only, never for matching."""

    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other description")


class Adaptation(models.TextChoices):
    """Practical adaptations at a workplace: what helps, never why (no diagnoses, no health details)."""

    SHORTER_DAYS = "shorter_days", _("Shorter working days")
    GRADUAL_START = "gradual_start", _("Gradual start")
    QUIET_WORKPLACE = "quiet_workplace", _("A quiet place to work")
    WRITTEN_INSTRUCTIONS = "written_instructions", _("Instructions in writing")
    PHYSICAL_ADJUSTMENTS = "physical_adjustments", _("Adjusted physical tasks")
    ASSISTIVE_TECHNOLOGY = "assistive_technology", _("Assistive technology")
    EXTRA_SUPERVISION = "extra_supervision", _("More time with the supervisor")
    FLEXIBLE_BREAKS = "flexible_breaks", _("Flexible breaks")


class LegalBasis(models.TextChoices):
    PUBLIC_INTEREST = "public_interest", _("Task in the public interest (GDPR art. 6.1 e)")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation (GDPR art. 6.1 c)")


class RestrictionReason(models.TextChoices):
    """Why processing is restricted (GDPR art. 18.1 a–d): the data is kept but not used."""

    ACCURACY_CONTESTED = "accuracy_contested", _("The person contests the accuracy (art. 18.1 a)")
    UNLAWFUL = "unlawful", _("Unlawful processing; the person wants restriction instead of erasure (art. 18.1 b)")
    LEGAL_CLAIMS = "legal_claims", _("The person needs the data for a legal claim (art. 18.1 c)")
    OBJECTION = "objection", _("The person objected; the assessment is pending (art. 18.1 d, art. 21)")


class ParticipantQuerySet(models.QuerySet):
    def matchable(self):
        """Who may be matched: available, not erased, and not under a restriction of processing (art. 18)."""
        return self.filter(status=Participant.Status.AVAILABLE, erased_at__isnull=True, restricted_at__isnull=True)

    def visible_to(self, user):
        """The municipality's matching officers see its participants; an employment officer those they referred."""
        from insteg.accounts.models import Role

        if not user.is_authenticated:
            return self.none()
        municipalities = user.organisations_with_role(Role.MATCHING_OFFICER)
        return self.filter(models.Q(municipality__in=municipalities) | models.Q(referred_by=user)).exclude(
            erased_at__isnull=False
        )


class Participant(models.Model):
    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        PLACED = "placed", _("Placed")
        INACTIVE = "inactive", _("No longer looking")

    public_id = models.UUIDField(_("pseudonymous id"), default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, related_name="participants", verbose_name=_("municipality")
    )
    # The employment service's referral id (ärendenummer), never a personnummer: the key that lets the same
    # referral list be imported twice without making the person twice.
    referral_reference = models.CharField(
        _("referral reference"),
        max_length=40,
        blank=True,
        help_text=_("The employment service's reference for the referral (ärendenummer), if there is one."),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    personnummer = models.CharField(
        _("personal identity number"),
        max_length=13,
        blank=True,
        help_text=_("Only when the municipality has decided it is clearly justified."),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, validators=[validate_birth_year]
    )
    age_band = models.CharField(_("age band"), max_length=10, blank=True, editable=False)
    gender = models.CharField(_("gender (self-reported, optional)"), max_length=10, choices=Gender, blank=True)
    target_group = models.CharField(_("target group"), max_length=30, choices=TargetGroup)
    programme = models.ForeignKey(
        "contracts.PositionType",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("labour-market programme"),
    )
    occupations = models.ManyToManyField(
        "contracts.Occupation",
        blank=True,
        related_name="interested_participants",
        verbose_name=_("occupations of interest"),
    )
    swedish_level = models.CharField(_("Swedish"), max_length=10, choices=SwedishLevel, default=SwedishLevel.EVERYDAY)
    other_languages = models.CharField(
        _("other languages"),
        max_length=200,
        blank=True,
        help_text=_("For example: arabiska (modersmål), engelska (god)."),
    )
    driving_licence = models.BooleanField(_("driving licence"), default=False)
    home_municipality = models.CharField(_("home municipality"), max_length=100)
    max_travel_km = models.PositiveSmallIntegerField(
        _("can travel at most (km)"), default=30, validators=[MaxValueValidator(500)]
    )
    available_from = models.DateField(_("available from"))
    hours_min = models.PositiveSmallIntegerField(
        _("hours per week, at least"), default=20, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    hours_max = models.PositiveSmallIntegerField(
        _("hours per week, at most"), default=40, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    waiting_since = models.DateField(_("looking for work since"), null=True, blank=True)
    adaptations = models.JSONField(_("practical adaptations"), default=list, blank=True)
    notes = models.TextField(
        _("notes"),
        max_length=2000,
        blank=True,
        help_text=_("Practical matters only. Never write health details, diagnoses or background here."),
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis, default=LegalBasis.PUBLIC_INTEREST
    )
    informed_on = models.DateField(_("told how their data is used on"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred by"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.AVAILABLE)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)
    # GDPR art. 18: while set, the person is kept and shown (with a banner) but never matched or proposed.
    restricted_at = models.DateTimeField(_("processing restricted"), null=True, blank=True, editable=False)
    restriction_reason = models.CharField(
        _("reason for the restriction"), max_length=20, choices=RestrictionReason, blank=True, editable=False
    )

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "referral_reference"],
                condition=~models.Q(referral_reference=""),
                name="one_participant_per_referral_reference",
                violation_error_message=_("The municipality already has a participant with this referral reference."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or str(self.public_id)

    def clean(self) -> None:
        errors = {}
        if self.hours_min and self.hours_max and self.hours_min > self.hours_max:
            errors["hours_max"] = _("The most hours must be at least the fewest.")
        unknown = set(self.adaptations or []) - set(Adaptation.values)
        if not isinstance(self.adaptations, list) or unknown:
            errors["adaptations"] = _("Choose adaptations from the list.")
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def band_for(birth_year: int | None, on=None) -> str:
        if not birth_year:
            return ""
        age = (on or timezone.localdate()).year - birth_year
        for low, high in ((15, 24), (25, 29), (30, 39), (40, 49), (50, 59), (60, 80)):
            if low <= age <= high:
                return f"{low}–{high}"
        return ""

    @property
    def is_restricted(self) -> bool:
        return self.restricted_at is not None

    @property
    def masked_personnummer(self) -> str:
        return f"{self.personnummer[:8]}-****" if self.personnummer else ""


class ParticipantView(models.Model):
    """One read of a participant's personal data: who, whom, when, why. Kept after erasure (no identities in it)."""

    class Purpose(models.TextChoices):
        MATCHING = "matching", _("Matching")
        REFERRAL = "referral", _("Referral")
        HOST_REVIEW = "host_review", _("The host company's review of a proposal")
        EXPORT = "export", _("Export of everything stored (GDPR art. 15)")
        FOLLOW_UP = "follow_up", _("Follow-up")
        DPO = "dpo", _("The data protection officer's handling of a request")
        SUPERVISION = "supervision", _("Supervision of the view log")

    participant = models.ForeignKey(Participant, models.CASCADE, related_name="views", verbose_name=_("participant"))
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("viewed by")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose)
    where = models.CharField(_("where"), max_length=80)
    viewed_at = models.DateTimeField(_("viewed"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("participant view")
        verbose_name_plural = _("participant views")
        ordering = ["-viewed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.viewer_id} → {self.participant_id} ({self.purpose})"


class Proposal(models.Model):
    """A person proposed for a position. The host sees the person only after disclosure has been recorded."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Prepared by the matching officer")
        PROPOSED = "proposed", _("Proposed to the host")
        ACCEPTED = "accepted", _("Accepted by the host")
        DECLINED = "declined", _("Declined by the host")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Disclosure(models.TextChoices):
        CONSENT = "consent", _("The person consented to the disclosure")
        ASSESSMENT = "assessment", _("A confidentiality assessment allows it")

    class DeclineReason(models.TextChoices):
        SKILLS = "skills", _("The skills do not match the tasks")
        TIMING = "timing", _("The start date does not work")
        CAPACITY = "capacity", _("No supervisor capacity right now")
        POSITION_FILLED = "position_filled", _("The position is no longer available")
        OTHER = "other", _("Another reason")

    participant = models.ForeignKey(
        Participant, models.CASCADE, related_name="proposals", verbose_name=_("participant")
    )
    position = models.ForeignKey(
        "contracts.Position", models.CASCADE, related_name="proposals", verbose_name=_("position")
    )
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    disclosure = models.CharField(_("basis for disclosure to the host"), max_length=12, choices=Disclosure, blank=True)
    shared_adaptations = models.JSONField(_("adaptations shared with the host"), default=list, blank=True)
    proposed_start = models.DateField(_("proposed start"), null=True, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=20, choices=DeclineReason, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.position_id}"


class Placement(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Started")
        ENDED = "ended", _("Ended")

    class EndReason(models.TextChoices):
        COMPLETED = "completed", _("Completed as planned")
        BY_PARTICIPANT = "participant", _("Ended early by the participant")
        BY_EMPLOYER = "employer", _("Ended early by the employer")
        HEALTH = "health", _("Ended early for health reasons")
        OTHER = "other", _("Ended early for another reason")

    class Outcome(models.TextChoices):
        """Where the person is afterwards (Statskontoret's measure, domain research §4)."""

        JOB_AT_HOST = "job_at_host", _("Unsubsidised job at the host")
        OTHER_JOB = "other_job", _("Other job")
        SUBSIDISED_JOB = "subsidised_job", _("Subsidised job")
        STUDIES = "studies", _("Studies")
        EMPLOYMENT_SERVICE = "employment_service", _("Back with Arbetsförmedlingen")
        OTHER = "other", _("Other")
        UNKNOWN = "unknown", _("Unknown")

    class Evidence(models.TextChoices):
        SELF_REPORTED = "self_reported", _("Self-reported")
        EMPLOYER_CONFIRMED = "employer_confirmed", _("Confirmed by the employer")
        REGISTER_VERIFIED = "register_verified", _("Verified in a register")

    participant = models.ForeignKey(
        Participant, models.PROTECT, related_name="placements", verbose_name=_("participant")
    )
    position = models.ForeignKey(
        "contracts.Position", models.PROTECT, related_name="placements", verbose_name=_("position")
    )
    proposal = models.OneToOneField(
        Proposal, models.SET_NULL, null=True, blank=True, related_name="placement", verbose_name=_("proposal")
    )
    starts_on = models.DateField(_("starts"))
    planned_end_on = models.DateField(_("planned end"))
    supervisor_name = models.CharField(_("supervisor"), max_length=200)
    agreed_adaptations = models.JSONField(_("adaptations agreed"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PLANNED)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_placements",
        verbose_name=_("responsible matching officer"),
    )
    started_at = models.DateTimeField(_("start recorded"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=12, choices=EndReason, blank=True)
    outcome_at_end = models.CharField(_("outcome at the end"), max_length=20, choices=Outcome, blank=True)
    outcome_at_end_evidence = models.CharField(
        _("evidence for the outcome at the end"), max_length=20, choices=Evidence, blank=True
    )
    outcome_90 = models.CharField(_("outcome 90 days after the end"), max_length=20, choices=Outcome, blank=True)
    outcome_90_evidence = models.CharField(
        _("evidence for the outcome after 90 days"), max_length=20, choices=Evidence, blank=True
    )
    outcome_90_recorded_at = models.DateTimeField(_("outcome after 90 days recorded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.position_id}"

    def clean(self) -> None:
        if self.starts_on and self.planned_end_on and self.planned_end_on <= self.starts_on:
            raise ValidationError({"planned_end_on": _("The placement must end after it starts.")})
        if self.ended_on and self.starts_on and self.ended_on < self.starts_on:
            raise ValidationError({"ended_on": _("A placement cannot end before it starts.")})

    @property
    def ended_early(self) -> bool:
        return bool(self.end_reason) and self.end_reason != self.EndReason.COMPLETED

    @property
    def outcome_90_due_on(self):
        """Statskontoret measures employment 90 days after the placement (domain research §4)."""
        import datetime

        return self.ended_on + datetime.timedelta(days=90) if self.ended_on else None
