"""The participants, matching and placements API's shapes. Writes go through services; these check types and ranges.

What a reader sees depends on who reads: the restricted field group (adaptations, notes) only for the
municipality's matching officers and the referring officer, the personnummer (masked) only when the setting
allows collecting it, and a host company only the first name, start and the adaptations shared with it.
Choice fields named like other apps' (`status`) are documented inline, so enum component names never collide.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from insteg.accounts.models import Role
from insteg.api.filtering import ListQuery, id_filter, ordering_field, search_field
from insteg.api.schema import plain_choices, plausible_date
from insteg.contracts.models import Occupation, PositionType
from insteg.matching.models import Adaptation, Participant, Placement, Proposal
from insteg.procurement.models import TargetGroup

RESTRICTED_FIELDS = ("adaptations", "notes")


def _adaptation() -> serializers.ChoiceField:
    """One practical adaptation; one plain-string schema wherever adaptations appear (no enum naming clash)."""
    return plain_choices(Adaptation.choices)


def sees_restricted_fields(user, participant: Participant) -> bool:
    """The practical adaptations and notes: the municipality's matching officers and the referring officer."""
    return (
        participant.municipality_id in user.organisations_with_role(Role.MATCHING_OFFICER)
        or participant.referred_by_id == user.pk
    )


# --- Participants ---------------------------------------------------------------------------------------------


class LanguagesSerializer(serializers.Serializer):
    swedish_level = serializers.ChoiceField(choices=Participant._meta.get_field("swedish_level").choices)
    other_languages = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ParticipantSerializer(serializers.ModelSerializer):
    """A participant as contract.md lists the fields. Reads need `request` in the context (who is reading)."""

    municipality = serializers.IntegerField(
        write_only=True, required=False, min_value=1, help_text="The municipality's id; optional when there is one."
    )
    personnummer = serializers.CharField(
        max_length=13,
        required=False,
        allow_blank=True,
        help_text="Only when the installation collects personal identity numbers (else 400); shown masked.",
    )
    programme = serializers.SlugRelatedField(
        slug_field="code",
        queryset=PositionType.objects.all(),
        required=False,
        allow_null=True,
        help_text="The labour-market programme: a position-type code from /api/v1/position-types.",
        error_messages={"does_not_exist": _("There is no position type with the code {value}.")},
    )
    occupations = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Occupation.objects.all(),
        many=True,
        required=False,
        help_text="Occupations of interest: SSYK 2012 unit-group codes (four digits).",
        error_messages={"does_not_exist": _("There is no SSYK 2012 occupation with the code {value}.")},
    )
    languages = LanguagesSerializer(source="*", required=False)
    available_from = plausible_date()
    waiting_since = plausible_date(required=False, allow_null=True)
    informed_on = plausible_date(help_text="The day the person was told how their data is used.")
    adaptations = serializers.ListField(
        child=_adaptation(),
        required=False,
        max_length=len(Adaptation.choices),
        help_text="Practical adaptations (restricted: matching officers and the referring officer only).",
    )
    notes = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text="Practical matters only (restricted); health details or background are refused.",
    )
    target_group = plain_choices(Participant._meta.get_field("target_group").choices)
    status = plain_choices(Participant.Status.choices, read_only=True)

    class Meta:
        model = Participant
        fields = [
            "id",
            "public_id",
            "municipality",
            "referral_reference",
            "first_name",
            "last_name",
            "email",
            "phone",
            "personnummer",
            "birth_year",
            "age_band",
            "gender",
            "target_group",
            "programme",
            "occupations",
            "languages",
            "driving_licence",
            "home_municipality",
            "max_travel_km",
            "available_from",
            "hours_min",
            "hours_max",
            "waiting_since",
            "status",
            "legal_basis",
            "informed_on",
            "adaptations",
            "notes",
        ]
        read_only_fields = ["public_id", "age_band", "status"]
        # The referral reference's uniqueness per municipality is the service's to check (with a sentence); DRF
        # would otherwise demand `municipality` in every body for the model's unique constraint.
        validators = []

    def to_representation(self, participant):
        data = super().to_representation(participant)
        if settings.INSTEG_COLLECT_PERSONNUMMER:
            data["personnummer"] = participant.masked_personnummer
        else:
            data.pop("personnummer")
        request = self.context.get("request")
        if request is None or not sees_restricted_fields(request.user, participant):
            for name in RESTRICTED_FIELDS:
                data.pop(name)
        return data

    def service_data(self) -> dict:
        """The validated fields in the form services.save_participant takes (languages flattened, no municipality)."""
        data = dict(self.validated_data)
        data.pop("municipality", None)
        return data


class ExportSerializer(serializers.Serializer):
    """Everything stored about the person (GDPR art. 15)."""

    participant = serializers.DictField()
    proposals = serializers.ListField(child=serializers.DictField())
    placements = serializers.ListField(child=serializers.DictField())
    views = serializers.ListField(child=serializers.DictField(), help_text="Every logged read of the person's data.")


class ErasedSerializer(serializers.Serializer):
    erased = serializers.BooleanField()
    public_id = serializers.UUIDField(help_text="The pseudonymous id kept for statistics.")


# --- Matching -------------------------------------------------------------------------------------------------


class ParticipantRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    first_name = serializers.CharField(read_only=True)


class PositionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class ExplanationPartSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    points = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True, help_text="In Swedish.")


class MatchSuggestionSerializer(serializers.Serializer):
    """One scored suggestion (participant, position, fit): the parts of the score say why."""

    participant = serializers.SerializerMethodField()
    position = serializers.SerializerMethodField()
    score = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()

    @extend_schema_field(ParticipantRefSerializer)
    def get_participant(self, suggestion) -> dict:
        return ParticipantRefSerializer(suggestion[0]).data

    @extend_schema_field(PositionRefSerializer)
    def get_position(self, suggestion) -> dict:
        return PositionRefSerializer(suggestion[1]).data

    def get_score(self, suggestion) -> int:
        return suggestion[2].score

    @extend_schema_field(ExplanationPartSerializer(many=True))
    def get_explanation(self, suggestion) -> list:
        return suggestion[2].as_list()


class MatchSuggestionQuerySerializer(serializers.Serializer):
    position = id_filter("Ranked candidates for this position.")
    participant = id_filter("Ranked positions for this person.")

    def validate(self, attrs):
        if "position" in attrs and "participant" in attrs:
            raise serializers.ValidationError({"position": [_("Give either a position or a participant, not both.")]})
        return attrs


class ProposalCreateSerializer(serializers.Serializer):
    participant = serializers.IntegerField(min_value=1)
    position = serializers.IntegerField(min_value=1)


class ProposalSerializer(serializers.ModelSerializer):
    """A proposal as the matching officers and the referring officer see it."""

    participant = ParticipantRefSerializer(read_only=True)
    position = PositionRefSerializer(read_only=True)
    explanation = ExplanationPartSerializer(many=True, read_only=True)
    status = plain_choices(Proposal.Status.choices, read_only=True)
    disclosure = serializers.ChoiceField(choices=Proposal.Disclosure.choices, read_only=True)
    shared_adaptations = serializers.ListField(child=_adaptation(), read_only=True)
    # Empty until the host declines: documented as a plain string, since "" is not one of the reasons.
    decline_reason = plain_choices(Proposal.DeclineReason.choices, read_only=True, help_text="Empty unless declined.")

    class Meta:
        model = Proposal
        fields = [
            "id",
            "status",
            "participant",
            "position",
            "score",
            "explanation",
            "disclosure",
            "shared_adaptations",
            "proposed_start",
            "proposed_at",
            "decided_at",
            "decline_reason",
            "created_at",
        ]
        read_only_fields = fields


class HostProposalSerializer(serializers.ModelSerializer):
    """What a host company sees of a proposal sent to it: first name, start, the adaptations shared; no more."""

    status = plain_choices(Proposal.Status.choices, read_only=True)
    position = PositionRefSerializer(read_only=True)
    first_name = serializers.CharField(source="participant.first_name", read_only=True)
    shared_adaptations = serializers.ListField(child=_adaptation(), read_only=True)

    class Meta:
        model = Proposal
        fields = ["id", "status", "position", "first_name", "proposed_start", "shared_adaptations"]
        read_only_fields = fields


class ProposeSerializer(serializers.Serializer):
    disclosure = serializers.ChoiceField(
        choices=Proposal.Disclosure.choices,
        help_text="The recorded basis for showing the person to the host: consent or a confidentiality assessment.",
    )
    shared_adaptations = serializers.ListField(
        child=_adaptation(),
        required=False,
        default=list,
        max_length=len(Adaptation.choices),
        help_text="Of the person's adaptations, those the host is told about.",
    )
    proposed_start = plausible_date()


class ProposalDecisionSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    decline_reason = serializers.ChoiceField(
        choices=Proposal.DeclineReason.choices, required=False, allow_blank=True, default=""
    )


# --- Placements -----------------------------------------------------------------------------------------------


class PlacementSerializer(serializers.ModelSerializer):
    """A placement as the municipality's matching officers and the referring officer see it, with its follow-up."""

    participant = serializers.SerializerMethodField()
    position = PositionRefSerializer(read_only=True)
    status = plain_choices(Placement.Status.choices, read_only=True)
    agreed_adaptations = serializers.ListField(child=_adaptation(), read_only=True)
    responsible = serializers.IntegerField(
        source="responsible_id", read_only=True, allow_null=True, help_text="The responsible matching officer."
    )
    end_reason = plain_choices(Placement.EndReason.choices, read_only=True, help_text="Empty until it ends.")
    outcome_at_end = plain_choices(Placement.Outcome.choices, read_only=True, help_text="Empty until it ends.")
    outcome_at_end_evidence = plain_choices(Placement.Evidence.choices, read_only=True)
    outcome_90 = plain_choices(
        Placement.Outcome.choices, read_only=True, help_text="Where the person is 90 days after the end."
    )
    outcome_90_evidence = plain_choices(Placement.Evidence.choices, read_only=True)
    outcome_90_due_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="90 days after the end: the outcome can be recorded from then."
    )

    class Meta:
        model = Placement
        fields = [
            "id",
            "participant",
            "position",
            "proposal",
            "starts_on",
            "planned_end_on",
            "supervisor_name",
            "agreed_adaptations",
            "status",
            "responsible",
            "started_at",
            "ended_on",
            "end_reason",
            "outcome_at_end",
            "outcome_at_end_evidence",
            "outcome_90",
            "outcome_90_evidence",
            "outcome_90_due_on",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(ParticipantRefSerializer)
    def get_participant(self, placement) -> dict:
        return ParticipantRefSerializer(placement.participant).data


class HostPlacementSerializer(serializers.ModelSerializer):
    """A placement as the host company sees it: the person's first name only."""

    first_name = serializers.CharField(source="participant.first_name", read_only=True)
    position = PositionRefSerializer(read_only=True)
    status = plain_choices(Placement.Status.choices, read_only=True)
    agreed_adaptations = serializers.ListField(child=_adaptation(), read_only=True)

    class Meta:
        model = Placement
        fields = [
            "id",
            "first_name",
            "position",
            "starts_on",
            "planned_end_on",
            "supervisor_name",
            "agreed_adaptations",
            "status",
        ]
        read_only_fields = fields


class DecisionResultSerializer(serializers.Serializer):
    proposal = HostProposalSerializer(read_only=True)
    placement = HostPlacementSerializer(read_only=True, allow_null=True, help_text="Created on acceptance.")
    warning = serializers.CharField(
        read_only=True, allow_null=True, help_text="Set when the supervisor has not taken the supervisor training."
    )


# --- List filters -----------------------------------------------------------------------------------------------


class ParticipantQuery(ListQuery):
    """`GET /participants`' filters and ordering (the people are only ever those you may see)."""

    status = serializers.ChoiceField(choices=Participant.Status.choices, required=False)
    target_group = serializers.ChoiceField(choices=TargetGroup.choices, required=False)
    occupation = serializers.RegexField(
        r"^\d{1,4}$", required=False, help_text="An SSYK 2012 code the person wants, or its first digits."
    )
    home_municipality = serializers.CharField(required=False, max_length=100, help_text="As written (any case).")
    available_before = plausible_date(required=False, help_text="Only people available on or before this day.")
    q = search_field("Words in the first or last name.")
    ordering = ordering_field(
        {
            "available_from": ("available_from",),
            "created": ("created_at",),
            "name": ("last_name", "first_name"),
            "waiting_since": ("waiting_since",),
        },
        default="-created",
    )

    lookups = {
        "status": "status",
        "target_group": "target_group",
        "home_municipality": "home_municipality__iexact",
        "available_before": "available_from__lte",
    }
    search_fields = ("first_name", "last_name")

    def filter_queryset(self, queryset, data):
        queryset = super().filter_queryset(queryset, data)
        if data.get("occupation"):
            wanted = Participant.occupations.through.objects.filter(occupation__code__startswith=data["occupation"])
            queryset = queryset.filter(pk__in=wanted.values("participant_id"))
        return queryset


class ProposalQuery(ListQuery):
    """`GET /matching/proposals/saved`' filters and ordering."""

    status = serializers.ChoiceField(choices=Proposal.Status.choices, required=False)
    position = id_filter("The position's id.")
    participant = id_filter("The participant's id.")
    ordering = ordering_field({"created": ("created_at",), "score": ("score",)}, default="-created")

    lookups = {"status": "status", "position": "position_id", "participant": "participant_id"}


class PlacementQuery(ListQuery):
    """`GET /placements`' filters and ordering."""

    status = serializers.ChoiceField(choices=Placement.Status.choices, required=False)
    contract = id_filter("The contract's id.")
    position = id_filter("The position's id.")
    starts_from = plausible_date(required=False, help_text="Only placements starting on or after this day.")
    starts_to = plausible_date(required=False, help_text="Only placements starting on or before this day.")
    ordering = ordering_field({"starts_on": ("starts_on",), "created": ("created_at",)}, default="-starts_on")

    lookups = {
        "status": "status",
        "contract": "position__contract_id",
        "position": "position_id",
        "starts_from": "starts_on__gte",
        "starts_to": "starts_on__lte",
    }
