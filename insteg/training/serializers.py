"""The supervisor-training API's shapes. Writes go through services; these check types and sizes only.

Input is strict JSON: a name must be a string and consent must be the boolean `true` (DRF would otherwise take
123 as "123" and "yes" as true), and a field the endpoint does not take is refused rather than ignored.
Choice fields are documented as plain strings (`status`, `language`), so enum component names never collide.
"""

import datetime

from django.conf import settings
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from insteg.api.filtering import ListQuery, id_filter, ordering_field, search_field
from insteg.api.schema import (
    StrictBooleanField,
    StrictCharField,
    StrictEmailField,
    StrictInputSerializer,
    plain_choices,
    plausible_date,
)
from insteg.training.models import MAX_CAPACITY, MAX_DAYS_BEFORE, Course, Language, Registration, Session

MAX_AGENDA_ITEMS = 50
MAX_AGENDA_LENGTH = Course._meta.get_field("agenda").max_length
CONSENT_REQUIRED = _("Tick the box to consent; without consent we cannot register you.")


def _session_url(session_pk: int) -> str:
    return settings.INSTEG_SITE_URL.rstrip("/") + reverse("training:session", args=[session_pk])


# --- Courses --------------------------------------------------------------------------------------------------


class AgendaField(serializers.ListField):
    """The agenda as a list of items; stored one item per line."""

    child = StrictCharField(max_length=200, help_text="One item, for example 09.00 Leadership.")

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_AGENDA_ITEMS, **kwargs)

    def to_internal_value(self, data):
        items = [item.strip() for item in super().to_internal_value(data)]
        if any("\n" in item or "\r" in item for item in items):
            raise serializers.ValidationError(_("Give each agenda item as its own entry, without line breaks."))
        text = "\n".join(item for item in items if item)
        if len(text) > MAX_AGENDA_LENGTH:
            raise serializers.ValidationError(
                _("The agenda can have at most %(limit)d characters.") % {"limit": MAX_AGENDA_LENGTH}
            )
        return text

    def to_representation(self, agenda):
        return [line.strip() for line in agenda.splitlines() if line.strip()]


class CourseSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id", read_only=True, help_text="The organiser.")
    agenda = AgendaField(read_only=True, help_text="The programme, one item per entry.")

    class Meta:
        model = Course
        fields = ["id", "organisation", "title", "description", "agenda", "created_at"]
        read_only_fields = fields


class CourseInputSerializer(StrictInputSerializer):
    title = StrictCharField(max_length=200)
    description = StrictCharField(max_length=4000)
    agenda = AgendaField(required=False, help_text="The programme, one item per entry.")


# --- Sessions -------------------------------------------------------------------------------------------------


class SessionQuerySerializer(ListQuery):
    scope = serializers.ChoiceField(
        choices=["public", "managed"],
        default="public",
        help_text="`public` (default): upcoming sessions that are not cancelled, for everyone. `managed`: every "
        "session of your own organisation's courses, past and cancelled too (organisers only).",
    )
    status = serializers.ChoiceField(
        choices=Session.Status.choices, required=False, help_text="The status a registrant sees (`full`, `closed`...)."
    )
    starts_from = plausible_date(required=False, help_text="Only sessions starting on or after this day.")
    starts_to = plausible_date(required=False, help_text="Only sessions starting on or before this day.")
    course = id_filter("The course's id.")
    q = search_field("Words in the course title or the location.")
    ordering = ordering_field({"starts_at": ("starts_at",), "created": ("created_at",)}, default="starts_at")

    lookups = {"course": "course_id"}
    search_fields = ("course__title", "location")

    def filter_queryset(self, queryset, data):
        queryset = super().filter_queryset(queryset, data)
        if data.get("starts_from"):
            queryset = queryset.filter(starts_at__gte=_midnight(data["starts_from"]))
        if data.get("starts_to"):
            queryset = queryset.filter(starts_at__lt=_midnight(data["starts_to"] + datetime.timedelta(days=1)))
        if data.get("status"):
            queryset = queryset.filter(_shown_as(data["status"], timezone.now()))
        return queryset


def _midnight(day: datetime.date) -> datetime.datetime:
    """The day's start in Swedish time: the days a registrant reads are local days."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _shown_as(status: str, now) -> Q:
    """Session.display_status as a query (on `with_counts()` sessions): what a registrant sees."""
    cancelled = Q(status=Session.Status.CANCELLED)
    closed = ~cancelled & (Q(status=Session.Status.CLOSED) | Q(registration_deadline__lt=now) | Q(starts_at__lte=now))
    full = ~cancelled & ~closed & Q(confirmed_count__gte=F("capacity"))
    return {
        Session.Status.CANCELLED: cancelled,
        Session.Status.CLOSED: closed,
        Session.Status.FULL: full,
        Session.Status.OPEN: ~cancelled & ~closed & Q(confirmed_count__lt=F("capacity")),
    }[status]


class SessionSerializer(serializers.ModelSerializer):
    """A session as anyone sees it. Read from `Session.objects.with_counts()` so a list costs one query."""

    course = serializers.IntegerField(source="course_id", read_only=True)
    title = serializers.CharField(source="course.title", read_only=True)
    description = serializers.CharField(source="course.description", read_only=True)
    agenda = serializers.ListField(child=serializers.CharField(), source="course.agenda_items", read_only=True)
    language = plain_choices(Language.choices, read_only=True)
    status = plain_choices(
        Session.Status.choices,
        read_only=True,
        source="display_status",
        help_text="What a registrant sees: `full` when every seat is taken, `closed` after the deadline.",
    )
    seats_left = serializers.IntegerField(read_only=True)
    waitlisted = serializers.IntegerField(read_only=True, help_text="People on the waiting list.")
    url = serializers.SerializerMethodField(help_text="The session's public page.")

    class Meta:
        model = Session
        fields = [
            "id",
            "course",
            "title",
            "description",
            "agenda",
            "starts_at",
            "ends_at",
            "location",
            "online_url",
            "capacity",
            "registration_deadline",
            "registration_closes_on",
            "deadline_days_before",
            "waitlist_enabled",
            "language",
            "status",
            "seats_left",
            "waitlisted",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, session) -> str:
        return _session_url(session.pk)


class SessionInputSerializer(StrictInputSerializer):
    """What an organiser sets. The registration deadline is a date or a number of days before the start."""

    course = serializers.IntegerField(min_value=1, help_text="One of your organisation's courses.")
    starts_at = serializers.DateTimeField(help_text="With a UTC offset; without one, Swedish time.")
    ends_at = serializers.DateTimeField()
    location = StrictCharField(max_length=300, required=False, allow_blank=True, help_text="Address and room.")
    online_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    capacity = serializers.IntegerField(min_value=1, max_value=MAX_CAPACITY)
    registration_closes_on = plausible_date(
        required=False, allow_null=True, help_text="The last day to register (or give `deadline_days_before`)."
    )
    deadline_days_before = serializers.IntegerField(
        min_value=0, max_value=MAX_DAYS_BEFORE, required=False, allow_null=True
    )
    waitlist_enabled = StrictBooleanField(required=False)
    language = plain_choices(Language.choices, required=False)
    status = plain_choices(
        [choice for choice in Session.Status.choices if choice[0] != Session.Status.FULL],
        required=False,
        help_text="`open` or `closed`; cancel with the cancel action (it tells everyone registered).",
    )

    def validate_starts_at(self, value):
        return _plausible_time(value)

    def validate_ends_at(self, value):
        return _plausible_time(value)


def _plausible_time(value):
    """A guard against typing errors (year 20226) that would also overflow the Swedish local time."""
    if not 2000 <= value.year <= 2100:
        raise serializers.ValidationError(_("Enter a time between the years 2000 and 2100."))
    return value


class CancelSerializer(StrictInputSerializer):
    message = StrictCharField(
        max_length=1000, required=False, allow_blank=True, default="", help_text="Added to the email to everyone."
    )


# --- Registrations --------------------------------------------------------------------------------------------


class RegistrationCreateSerializer(StrictInputSerializer):
    """A registration (no login needed). `consent` must be `true`: the person agrees to the current consent text."""

    name = StrictCharField(max_length=200)
    email = StrictEmailField(max_length=254)
    organisation_name = StrictCharField(max_length=200, help_text="The company the person works for.")
    phone = StrictCharField(max_length=30, required=False, allow_blank=True, default="")
    role = StrictCharField(
        max_length=200, required=False, allow_blank=True, default="", help_text="For example supervisor."
    )
    consent = StrictBooleanField(
        help_text="`true`: the person consents to the current consent text (version stored with the time).",
        error_messages={"required": CONSENT_REQUIRED, "null": CONSENT_REQUIRED},
    )
    language = plain_choices(
        Language.choices, required=False, help_text="Language of the emails; default the request's language."
    )


class RegistrationReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = plain_choices(Registration.Status.choices)
    waitlist_position = serializers.IntegerField(allow_null=True, help_text="1 is next; null when confirmed.")
    session = serializers.IntegerField(source="session_id")
    token = serializers.CharField(
        help_text="The registrant's own key: POST it to /api/v1/training/registrations/withdraw to cancel. "
        "It is also in the confirmation email."
    )


class RegistrationSerializer(serializers.ModelSerializer):
    """A registration as the organiser sees it (personal data: organisers only)."""

    organisation = serializers.IntegerField(
        source="organisation_id", read_only=True, allow_null=True, help_text="The supplier organisation, when known."
    )
    status = plain_choices(Registration.Status.choices, read_only=True)
    registered_at = serializers.DateTimeField(source="created_at", read_only=True)
    consent_version = serializers.IntegerField(source="consent_text.version", read_only=True)
    anonymised = serializers.BooleanField(source="is_anonymised", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "name",
            "email",
            "phone",
            "organisation_name",
            "organisation",
            "role",
            "status",
            "registered_at",
            "consent_version",
            "consent_at",
            "attended",
            "anonymised",
        ]
        read_only_fields = fields


class AttendanceSerializer(StrictInputSerializer):
    attended = StrictBooleanField(allow_null=True, help_text="`true` came, `false` did not come, `null` not marked.")


class WithdrawSerializer(StrictInputSerializer):
    token = StrictCharField(max_length=500, help_text="The key from the registration answer or the email.")


class WithdrawnSerializer(serializers.Serializer):
    status = serializers.CharField(help_text="`cancelled`.")
