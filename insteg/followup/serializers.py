"""The follow-up API's shapes. Writes go through services; these check types and sizes only.

Input is strict JSON as in the training API: strings must be strings, lists lists, dates ISO dates between 2000
and 2100, and a field the endpoint does not take is refused. The services check the rest (dates in the future,
health words in free text, the order of the steps). Choice fields are documented as plain strings, so enum
component names never collide with other apps' (`status`, `category`).

What a reader sees depends on who reads: the municipality's matching officers and the referring officer see a
situation with its history; a host company sees only the situations it reported, with their state and
resolution, never the history or the check-ins.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from insteg.api.schema import StrictCharField, StrictInputSerializer, plain_choices, plausible_date
from insteg.followup.models import (
    MAX_DESCRIPTION_LENGTH,
    MAX_NOTE_LENGTH,
    Action,
    CheckIn,
    Situation,
    SituationCategory,
    SituationEvent,
)
from insteg.followup.services import MAX_ACTIONS
from insteg.matching.models import Placement

NO_HEALTH_DETAILS = "Practical matters only: text naming health details, diagnoses or background is refused."


# --- Check-ins --------------------------------------------------------------------------------------------------


class ActionSerializer(serializers.ModelSerializer):
    owner = plain_choices(Action.Owner.choices, read_only=True)

    class Meta:
        model = Action
        fields = ["id", "text", "owner", "due_on", "done_on"]
        read_only_fields = fields


class CheckInSerializer(serializers.ModelSerializer):
    """A check-in, planned or held, with the actions agreed at it. Read with its actions prefetched."""

    overdue = serializers.SerializerMethodField(help_text="Not held and its day has passed.")
    assigned_to = serializers.IntegerField(
        source="assigned_to_id", read_only=True, allow_null=True, help_text="The responsible matching officer."
    )
    channel = plain_choices(CheckIn.Channel.choices, read_only=True, help_text="Empty until held.")
    with_whom = plain_choices(CheckIn.WithWhom.choices, read_only=True, help_text="Empty until held.")
    status = plain_choices(CheckIn.Status.choices, read_only=True, help_text="How it goes; empty until held.")
    categories = serializers.ListField(child=plain_choices(SituationCategory.choices), read_only=True)
    recorded_by = serializers.IntegerField(source="recorded_by_id", read_only=True, allow_null=True)
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "placement",
            "name",
            "due_on",
            "overdue",
            "assigned_to",
            "done_on",
            "channel",
            "with_whom",
            "status",
            "categories",
            "notes",
            "actions",
            "recorded_by",
            "recorded_at",
            "cancelled_at",
        ]
        read_only_fields = fields

    def get_overdue(self, check_in) -> bool:
        return check_in.is_overdue()


class DueCheckInSerializer(serializers.ModelSerializer):
    """One line of an officer's due list: open, due within a week or overdue."""

    participant = serializers.IntegerField(source="placement.participant_id", read_only=True)
    participant_name = serializers.CharField(source="placement.participant", read_only=True)
    overdue = serializers.SerializerMethodField()
    assigned_to = serializers.IntegerField(source="assigned_to_id", read_only=True, allow_null=True)
    assigned_to_name = serializers.CharField(source="assigned_to.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "placement",
            "participant",
            "participant_name",
            "name",
            "due_on",
            "overdue",
            "assigned_to",
            "assigned_to_name",
        ]
        read_only_fields = fields

    def get_overdue(self, check_in) -> bool:
        return check_in.is_overdue()


class DueQuerySerializer(serializers.Serializer):
    scope = serializers.ChoiceField(
        choices=["mine", "team"],
        default="mine",
        help_text="`mine` (default): the check-ins assigned to you. `team`: every check-in of your municipality.",
    )
    overdue = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="`true`: only the check-ins whose day has passed; `false`: only those still ahead.",
    )


class ActionInputSerializer(StrictInputSerializer):
    text = StrictCharField(max_length=300, help_text=NO_HEALTH_DETAILS)
    owner = plain_choices(Action.Owner.choices)
    due_on = plausible_date()


class CheckInRecordSerializer(StrictInputSerializer):
    """A check-in that was held. `next_check_in_on` adds an extra check-in on that day."""

    done_on = plausible_date(help_text="The day it was held; not in the future, not before the start.")
    channel = plain_choices(CheckIn.Channel.choices)
    with_whom = plain_choices(CheckIn.WithWhom.choices)
    status = plain_choices(CheckIn.Status.choices, help_text="How it goes.")
    categories = serializers.ListField(
        child=plain_choices(SituationCategory.choices),
        required=False,
        default=list,
        max_length=len(SituationCategory.choices),
        help_text="The kinds of situation talked about.",
    )
    notes = StrictCharField(
        max_length=MAX_NOTE_LENGTH, required=False, allow_blank=True, default="", help_text=NO_HEALTH_DETAILS
    )
    actions = serializers.ListField(
        child=ActionInputSerializer(),
        required=False,
        default=list,
        max_length=MAX_ACTIONS,
        help_text="What was agreed: who does it and by when.",
    )
    next_check_in_on = plausible_date(
        required=False, allow_null=True, default=None, help_text="An extra check-in, after today."
    )


class CheckInAddSerializer(StrictInputSerializer):
    due_on = plausible_date(help_text="After today and within two years.")


# --- Placements -------------------------------------------------------------------------------------------------


class StartSerializer(StrictInputSerializer):
    started_on = plausible_date(
        required=False,
        allow_null=True,
        default=None,
        help_text="When it really started, if not on the planned day (the planned end moves with it).",
    )


class EndSerializer(StrictInputSerializer):
    ended_on = plausible_date()
    end_reason = plain_choices(Placement.EndReason.choices, help_text="No health details: only the category.")
    outcome_at_end = plain_choices(Placement.Outcome.choices)
    outcome_at_end_evidence = plain_choices(
        Placement.Evidence.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required unless the outcome is `unknown`.",
    )


class Outcome90Serializer(StrictInputSerializer):
    outcome_90 = plain_choices(Placement.Outcome.choices)
    outcome_90_evidence = plain_choices(
        Placement.Evidence.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required unless the outcome is `unknown`.",
    )


# --- Situations -------------------------------------------------------------------------------------------------


class SituationEventSerializer(serializers.ModelSerializer):
    kind = plain_choices(SituationEvent.Kind.choices, read_only=True)
    by = serializers.IntegerField(source="by_id", read_only=True, allow_null=True)

    class Meta:
        model = SituationEvent
        fields = ["id", "kind", "text", "by", "at"]
        read_only_fields = fields


STATE_HELP = "`open` (waiting for the municipality's first response), `responded` or `resolved`."


class SituationSerializer(serializers.ModelSerializer):
    """A situation as the municipality's matching officers and the referring officer see it."""

    category = plain_choices(SituationCategory.choices, read_only=True)
    severity = plain_choices(Situation.Severity.choices, read_only=True)
    reporter = plain_choices(Situation.Reporter.choices, read_only=True)
    reported_by = serializers.IntegerField(source="reported_by_id", read_only=True, allow_null=True)
    state = serializers.CharField(read_only=True, help_text=STATE_HELP)
    overdue = serializers.SerializerMethodField(help_text="No first response and its time limit has passed.")

    class Meta:
        model = Situation
        fields = [
            "id",
            "placement",
            "category",
            "severity",
            "occurred_on",
            "description",
            "reporter",
            "reported_by",
            "reported_at",
            "response_due_at",
            "first_response_at",
            "overdue",
            "state",
            "resolved_at",
            "resolution",
        ]
        read_only_fields = fields

    def get_overdue(self, situation) -> bool:
        return situation.is_overdue()


class SituationDetailSerializer(SituationSerializer):
    """With its append-only history. Read with the events prefetched."""

    events = SituationEventSerializer(many=True, read_only=True)

    class Meta(SituationSerializer.Meta):
        fields = [*SituationSerializer.Meta.fields, "events"]
        read_only_fields = fields


class HostSituationSerializer(serializers.ModelSerializer):
    """A situation the host company reported, as it sees it: what it wrote, the state and the resolution."""

    category = plain_choices(SituationCategory.choices, read_only=True)
    severity = plain_choices(Situation.Severity.choices, read_only=True)
    state = serializers.CharField(read_only=True, help_text=STATE_HELP)

    class Meta:
        model = Situation
        fields = [
            "id",
            "placement",
            "category",
            "severity",
            "occurred_on",
            "description",
            "reported_at",
            "state",
            "resolved_at",
            "resolution",
        ]
        read_only_fields = fields


class SituationInputSerializer(StrictInputSerializer):
    """One event, one report: never several events in one."""

    category = plain_choices(SituationCategory.choices)
    severity = plain_choices(Situation.Severity.choices)
    occurred_on = plausible_date(help_text="Not in the future, not before the start.")
    description = StrictCharField(
        max_length=MAX_DESCRIPTION_LENGTH, help_text="What happened and what is needed. " + NO_HEALTH_DETAILS
    )


class SituationEventInputSerializer(StrictInputSerializer):
    kind = plain_choices(
        [("response", _("Response")), ("resolve", _("Resolve")), ("reopen", _("Reopen"))],
        help_text="`response`: the first one stops the clock, later ones are notes. `resolve`: `text` is the "
        "resolution. `reopen`: `text` says why.",
    )
    text = StrictCharField(max_length=MAX_DESCRIPTION_LENGTH, help_text=NO_HEALTH_DETAILS)
