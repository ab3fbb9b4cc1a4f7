"""Follow-up of placements (step 5 of the Östersund model): the check-in schedule as data, check-ins,
situations with a first-response time limit, and their append-only history.

Evaluations of matching services (peers.md §4.1) found several events bundled into one report and outcomes
never verified, so: one Situation per event with its own time stamps, an append-only SituationEvent history,
and outcomes with an evidence level (on matching.Placement). Free text is short and refused when it holds
health details (GDPR art. 9).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from insteg.lib.append_only import AppendOnlyMixin, AppendOnlyQuerySet
from insteg.rules.models import Certainty

MAX_NOTE_LENGTH = 2000
MAX_DESCRIPTION_LENGTH = 1000


class SituationCategory(models.TextChoices):
    ATTENDANCE = "attendance", _("Attendance")
    TASKS = "tasks", _("Work tasks")
    SUPERVISION = "supervision", _("Supervision")
    LANGUAGE = "language", _("Language")
    TRANSPORT = "transport", _("Transport")
    CONFLICT = "conflict", _("Conflict")
    WORK_ENVIRONMENT = "work_environment", _("Work environment")
    OTHER = "other", _("Other")


# --- Rules as data: the schedule and the response time limits ---------------------------------------------------


class CheckInStep(models.Model):
    """One check-in every placement gets, counted from its start or its end.

    Rows without a position type are the default schedule; a position type with rows of its own uses only
    those. Administrators edit them; the history says who changed what.
    """

    class Anchor(models.TextChoices):
        START = "start", _("after the start")
        END = "end", _("after the end")

    position_type = models.ForeignKey(
        "contracts.PositionType",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="check_in_steps",
        verbose_name=_("position type"),
        help_text=_("Empty: the default schedule for every position type without one of its own."),
    )
    code = models.SlugField(_("code"), max_length=40)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    anchor = models.CharField(_("counted from"), max_length=5, choices=Anchor)
    months = models.PositiveSmallIntegerField(_("months"), default=0, validators=[MaxValueValidator(24)])
    days = models.PositiveSmallIntegerField(_("days"), default=0, validators=[MaxValueValidator(366)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("check-in step")
        verbose_name_plural = _("check-in schedule")
        ordering = ["position_type_id", "anchor", "months", "days", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["position_type", "code"], name="check_in_step_code_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(position_type__isnull=True), name="check_in_default_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv


class ResponseTimeLimit(models.Model):
    """How many working days the municipality has to respond first to a situation of a category.

    Local policy, not law: the source names the municipality's routine; Swedish public holidays don't count.
    """

    category = models.CharField(_("category"), max_length=20, choices=SituationCategory, unique=True)
    working_days = models.PositiveSmallIntegerField(
        _("working days for the first response"), validators=[MaxValueValidator(30)]
    )
    source = models.CharField(_("source"), max_length=300)
    certainty = models.CharField(_("certainty"), max_length=12, choices=Certainty, default=Certainty.SECONDARY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("response time limit")
        verbose_name_plural = _("response time limits")
        ordering = ["category"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.working_days}"


# --- Check-ins -------------------------------------------------------------------------------------------------


class CheckInQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True, cancelled_at__isnull=True)

    def due_by(self, day):
        return self.open().filter(due_on__lte=day)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


class CheckIn(models.Model):
    class Channel(models.TextChoices):
        VISIT = "visit", _("Visit")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video")

    class WithWhom(models.TextChoices):
        PARTICIPANT = "participant", _("The participant")
        SUPERVISOR = "supervisor", _("The supervisor")
        BOTH = "both", _("Both")

    class Status(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        NEEDS_SUPPORT = "needs_support", _("Needs support")
        AT_RISK = "at_risk", _("At risk")
        ENDED = "ended", _("Ended")

    placement = models.ForeignKey(
        "matching.Placement", models.CASCADE, related_name="check_ins", verbose_name=_("placement")
    )
    step = models.ForeignKey(
        CheckInStep, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("scheduled as")
    )
    name = models.CharField(_("check-in"), max_length=100)
    # The step's timing, copied when the check-in is made: a later change to the schedule never moves it.
    anchor = models.CharField(_("counted from"), max_length=5, choices=CheckInStep.Anchor, blank=True)
    offset_months = models.PositiveSmallIntegerField(_("months"), default=0)
    offset_days = models.PositiveSmallIntegerField(_("days"), default=0)
    due_on = models.DateField(_("due"), db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_check_ins",
        verbose_name=_("responsible"),
    )
    done_on = models.DateField(_("held on"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel, blank=True)
    with_whom = models.CharField(_("with whom"), max_length=12, choices=WithWhom, blank=True)
    status = models.CharField(_("how it goes"), max_length=15, choices=Status, blank=True)
    categories = models.JSONField(_("situation categories"), default=list, blank=True)
    notes = models.TextField(
        _("notes"),
        max_length=MAX_NOTE_LENGTH,
        blank=True,
        help_text=_("Practical matters only. Never write health details, diagnoses or background here."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    reminded_on = models.DateField(_("reminder sent"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("no longer needed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["due_on", "pk"]
        indexes = [
            # The open check-ins due by a day (`due_by`, `overdue`): a few hundred among every check-in of ten
            # years, so an index on `due_on` alone reads them all. The condition is `CheckInQuerySet.open()`.
            models.Index(
                fields=["due_on"],
                condition=models.Q(done_on__isnull=True, cancelled_at__isnull=True),
                name="followup_checkin_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.due_on:%Y-%m-%d}"

    @property
    def title(self) -> str:
        """In the reader's language: the step's name, or "Extra check-in" for one added by hand."""
        from django.utils.translation import gettext

        return self.step.name if self.step_id and self.step else gettext("Extra check-in")

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def is_overdue(self, today=None) -> bool:
        return not self.is_done and self.cancelled_at is None and self.due_on < (today or timezone.localdate())


class Action(models.Model):
    """Something agreed at a check-in: who does it and by when."""

    class Owner(models.TextChoices):
        MUNICIPALITY = "municipality", _("The municipality (matching officer)")
        HOST = "host", _("The host company (supervisor)")
        PARTICIPANT = "participant", _("The participant")
        EMPLOYMENT_SERVICE = "employment_service", _("Arbetsförmedlingen")

    check_in = models.ForeignKey(CheckIn, models.CASCADE, related_name="actions", verbose_name=_("check-in"))
    text = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=20, choices=Owner)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text


# --- Situations -------------------------------------------------------------------------------------------------


class SituationQuerySet(models.QuerySet):
    def unresolved(self):
        return self.filter(resolved_at__isnull=True)

    def awaiting_response(self):
        return self.unresolved().filter(first_response_at__isnull=True)

    def overdue(self, now=None):
        return self.awaiting_response().filter(response_due_at__lt=now or timezone.now())


class Situation(models.Model):
    """One event at a placement, reported on its own (never bundled), answered within a time limit."""

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Reporter(models.TextChoices):
        MUNICIPALITY = "municipality", _("The municipality")
        HOST = "host", _("The host company")
        EMPLOYMENT_SERVICE = "employment_service", _("Arbetsförmedlingen")

    placement = models.ForeignKey(
        "matching.Placement", models.CASCADE, related_name="situations", verbose_name=_("placement")
    )
    category = models.CharField(_("category"), max_length=20, choices=SituationCategory)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity)
    occurred_on = models.DateField(_("happened on"))
    description = models.TextField(
        _("what happened"),
        max_length=MAX_DESCRIPTION_LENGTH,
        help_text=_("What happened and what is needed. Never write health details, diagnoses or background."),
    )
    reporter = models.CharField(_("reported by"), max_length=20, choices=Reporter)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("reported by")
    )
    reported_at = models.DateTimeField(_("reported"), default=timezone.now, db_index=True)
    response_due_at = models.DateTimeField(_("first response due"))
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolution = models.TextField(_("how it was resolved"), max_length=MAX_DESCRIPTION_LENGTH, blank=True)
    reminded_at = models.DateTimeField(_("overdue reminder sent"), null=True, blank=True)

    objects = SituationQuerySet.as_manager()

    class Meta:
        verbose_name = _("situation")
        verbose_name_plural = _("situations")
        ordering = ["-reported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.reported_at:%Y-%m-%d}"

    def is_overdue(self, now=None) -> bool:
        return (
            self.resolved_at is None
            and self.first_response_at is None
            and (now or timezone.now()) > self.response_due_at
        )

    @property
    def state(self) -> str:
        if self.resolved_at:
            return "resolved"
        if self.first_response_at:
            return "responded"
        return "open"


class SituationEvent(AppendOnlyMixin, models.Model):
    """The history of a situation: every step is a new row; nothing is changed or removed."""

    class Kind(models.TextChoices):
        REPORTED = "reported", _("Reported")
        RESPONDED = "responded", _("First response")
        NOTE = "note", _("Note")
        RESOLVED = "resolved", _("Resolved")
        REOPENED = "reopened", _("Reopened")

    situation = models.ForeignKey(Situation, models.CASCADE, related_name="events", verbose_name=_("situation"))
    kind = models.CharField(_("what"), max_length=10, choices=Kind)
    text = models.TextField(_("text"), max_length=MAX_DESCRIPTION_LENGTH, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("when"), default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("situation event")
        verbose_name_plural = _("situation events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
