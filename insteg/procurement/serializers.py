from rest_framework import serializers

from insteg.api.filtering import ListQuery, ordering_field, search_field
from insteg.procurement.models import (
    MAX_ESTIMATED_VALUE_SEK,
    Criterion,
    EmploymentAlternative,
    Lot,
    Procurement,
    SocialRequirement,
    TargetGroup,
)
from insteg.procurement.services import PROCUREMENT_FIELDS, REQUIREMENT_FIELDS, procurement_deadlines
from insteg.rules.models import ContractType, Procedure, ProportionalityPreset, Regime


class LotSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lot
        fields = ["number", "title", "estimated_value_sek"]


class ProcurementSerializer(serializers.ModelSerializer):
    """The procurement as contract.md describes it; writes go through services, never straight to the model."""

    estimated_value_sek = serializers.IntegerField(min_value=1, max_value=MAX_ESTIMATED_VALUE_SEK)
    cpv_additional = serializers.ListField(child=serializers.CharField(max_length=10), required=False, max_length=20)
    answers_due_by = serializers.SerializerMethodField()
    lots = LotSerializer(many=True, read_only=True)

    class Meta:
        model = Procurement
        fields = [
            "id",
            *PROCUREMENT_FIELDS,
            "answers_due_by",
            "regime",
            "regime_is_estimate",
            "status",
            "lots",
            "published_at",
        ]
        read_only_fields = ["regime", "regime_is_estimate", "status", "published_at"]
        # Uniqueness of the reference is checked by the form and the database, per organisation.
        validators = []

    def get_answers_due_by(self, procurement) -> str | None:
        due = procurement_deadlines(procurement).answers_due_by
        return due.isoformat() if due else None


class TransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Procurement.Status.choices)


class RequirementSerializer(serializers.ModelSerializer):
    criterion = serializers.SlugRelatedField(slug_field="code", queryset=Criterion.objects.active())
    lot = serializers.IntegerField(source="lot.number", allow_null=True, required=False, min_value=1)
    preset = serializers.SlugRelatedField(
        slug_field="code", queryset=ProportionalityPreset.objects.all(), required=False, allow_null=True
    )
    target_groups = serializers.ListField(child=serializers.ChoiceField(choices=TargetGroup.choices), required=False)
    alternatives = serializers.ListField(
        child=serializers.ChoiceField(choices=EmploymentAlternative.choices), required=False
    )
    rendered_clause = serializers.CharField(read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", read_only=True, default=None, allow_null=True)

    class Meta:
        model = SocialRequirement
        fields = [
            "id",
            "criterion",
            *REQUIREMENT_FIELDS,
            "rendered_clause",
            "slots_suggested",
            "suggestion_explanation",
            "decided_by",
            "decided_at",
        ]
        read_only_fields = ["slots_suggested", "suggestion_explanation", "decided_at"]
        extra_kwargs = {"clause_text": {"required": False}}


class ProcurementQuery(ListQuery):
    """`GET /procurements`' filters and ordering."""

    status = serializers.ChoiceField(choices=Procurement.Status.choices, required=False)
    contract_type = serializers.ChoiceField(choices=ContractType.choices, required=False)
    procedure = serializers.ChoiceField(choices=Procedure.choices, required=False)
    regime = serializers.ChoiceField(choices=Regime.choices, required=False)
    q = search_field("Words in the title or the reference (case-insensitive; every word must match).")
    ordering = ordering_field(
        {"created": ("created_at",), "tender_deadline": ("tender_deadline",), "reference": ("reference",)},
        default="-created",
    )

    lookups = {"status": "status", "contract_type": "contract_type", "procedure": "procedure", "regime": "regime"}
    search_fields = ("title", "reference")
