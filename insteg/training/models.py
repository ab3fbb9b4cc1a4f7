"""Supervisor training (handledarutbildning): courses, dated sessions and the registrations for them.

A registration rests on consent (GDPR art. 6.1 a, domain research §6): it points at the consent-text version
it was given under and its time; withdrawing (the signed link in the confirmation email) anonymises it at once.
Registrations are otherwise anonymised under the retention rule (insteg.retention) once a disposal decision
is recorded; an anonymised row keeps its session, company, status and attendance, so counts per session and
company survive.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
MAX_CAPACITY = 500
MAX_DAYS_BEFORE = 90


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class Course(models.Model):
    """What is taught; a course is given at one or more sessions."""

    organisation = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, related_name="courses", verbose_name=_("organiser")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    agenda = models.TextField(
        _("agenda"), max_length=4000, blank=True, help_text=_("One item per line, for example 09.00 Leadership.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class SessionQuerySet(models.QuerySet):
    def with_counts(self):
        """Confirmed and waiting counts in the same query, so a list of sessions costs one query."""
        return self.annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
            waitlisted_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
        )

    def upcoming(self, now: datetime.datetime | None = None):
        return self.filter(starts_at__gt=now or timezone.now())

    def listed_publicly(self, now: datetime.datetime | None = None):
        """What anyone may see: upcoming sessions that have not been cancelled."""
        return self.upcoming(now).exclude(status=Session.Status.CANCELLED)


class Session(models.Model):
    """One date of a course, with its seats and its registration deadline.

    `status` is what staff decided (open, closed, cancelled); `display_status` adds what follows from the
    clock and the seats: closed after the deadline, full when every seat is taken.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open for registration")
        FULL = "full", _("Full")
        CLOSED = "closed", _("Registration closed")
        CANCELLED = "cancelled", pgettext_lazy("a session", "Cancelled")

    course = models.ForeignKey(Course, models.PROTECT, related_name="sessions", verbose_name=_("course"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=300, blank=True, help_text=_("Address and room."))
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    registration_closes_on = models.DateField(
        _("last day to register"), null=True, blank=True, help_text=_("Or give a number of days before the start.")
    )
    deadline_days_before = models.PositiveSmallIntegerField(
        _("registration closes this many days before"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_DAYS_BEFORE)],
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), editable=False)
    waitlist_enabled = models.BooleanField(_("waiting list when full"), default=True)
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.SWEDISH)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=models.F("starts_at")), name="session_deadline_before_start"
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at, STOCKHOLM)
        return f"{self.course.title}, {local:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        self.registration_deadline = self.compute_deadline()
        super().save(*args, **kwargs)

    # --- The deadline: a date, or a number of days before the start -----------------------------------------

    def deadline_date(self) -> datetime.date | None:
        if self.registration_closes_on:
            return self.registration_closes_on
        if self.deadline_days_before is not None and self.starts_at:
            return timezone.localtime(self.starts_at, STOCKHOLM).date() - datetime.timedelta(
                days=self.deadline_days_before
            )
        return None

    def compute_deadline(self) -> datetime.datetime | None:
        """The end of the last day (23.59 Swedish time), but never after the start."""
        day = self.deadline_date()
        if day is None:
            return self.starts_at
        end_of_day = datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=STOCKHOLM)
        return min(end_of_day, self.starts_at) if self.starts_at else end_of_day

    def clean(self) -> None:
        # Before the constraints are validated (full_clean runs them after clean), so they see the new deadline.
        self.registration_deadline = self.compute_deadline()
        errors = {}
        if self.registration_closes_on and self.deadline_days_before is not None:
            errors["deadline_days_before"] = _("Give either a last day to register or a number of days, not both.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if self.starts_at and self.ends_at and self.ends_at - self.starts_at > datetime.timedelta(days=14):
            errors["ends_at"] = _("A session can last at most 14 days.")
        day = self.deadline_date()
        if self.starts_at and day and day > timezone.localtime(self.starts_at, STOCKHOLM).date():
            errors["registration_closes_on"] = _("Registration must close before the session starts.")
        if not self.location and not self.online_url:
            errors["location"] = _("Give a place, an online link, or both.")
        if errors:
            raise ValidationError(errors)

    # --- What follows from the clock and the seats ------------------------------------------------------------

    @property
    def confirmed(self) -> int:
        if hasattr(self, "confirmed_count"):
            return self.confirmed_count
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    @property
    def waitlisted(self) -> int:
        if hasattr(self, "waitlisted_count"):
            return self.waitlisted_count
        return self.registrations.filter(status=Registration.Status.WAITLISTED).count()

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed, 0)

    def has_started(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def display_status(self, now: datetime.datetime | None = None) -> str:
        now = now or timezone.now()
        if self.status == self.Status.CANCELLED:
            return self.Status.CANCELLED
        if self.status == self.Status.CLOSED or now > self.registration_deadline or self.has_started(now):
            return self.Status.CLOSED
        if self.seats_left == 0:
            return self.Status.FULL
        return self.Status.OPEN

    def get_display_status_display(self) -> str:
        return self.Status(self.display_status()).label

    def accepts_registrations(self, now: datetime.datetime | None = None) -> bool:
        state = self.display_status(now)
        return state == self.Status.OPEN or (state == self.Status.FULL and self.waitlist_enabled)

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.starts_at, STOCKHOLM)

    @property
    def local_end(self) -> datetime.datetime:
        return timezone.localtime(self.ends_at, STOCKHOLM)

    @property
    def local_deadline(self) -> datetime.datetime:
        return timezone.localtime(self.registration_deadline, STOCKHOLM)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED])

    def waiting_in_order(self):
        """First come, first served: the order the waiting list is promoted in."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def attended(self):
        return self.filter(attended=True)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("a registration", "Cancelled")

    session = models.ForeignKey(Session, models.PROTECT, related_name="registrations", verbose_name=_("session"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="training_registrations",
        verbose_name=_("company in Insteg"),
    )
    organisation_name = models.CharField(_("company"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("For example supervisor or manager."))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    language = models.CharField(_("language for messages"), max_length=2, choices=Language, default=Language.SWEDISH)
    status = models.CharField(_("status"), max_length=12, choices=Status)
    consent_text = models.ForeignKey(
        "privacy.ConsentText", models.PROTECT, related_name="+", verbose_name=_("consent text version")
    )
    consent_at = models.DateTimeField(_("consent given"))
    withdrawn_at = models.DateTimeField(_("consent withdrawn"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # The database refuses a second active registration of one address, even from parallel requests.
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=Q(status__in=["confirmed", "waitlisted"], anonymised_at__isnull=True),
                name="training_registration_once_per_session",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("Anonymised registration"))

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.WAITLISTED)

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None
