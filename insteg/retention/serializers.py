from rest_framework import serializers

from insteg.api.schema import StrictCharField, StrictInputSerializer, plain_choices
from insteg.retention.models import Action, DisposalBatch, DisposalRecord, LegalHold, RecordType, RetentionRule, Trigger


class RuleSerializer(serializers.ModelSerializer):
    record_type = plain_choices(RecordType.choices, read_only=True)
    trigger = plain_choices(Trigger.choices, read_only=True)
    action = plain_choices(Action.choices, read_only=True)
    acting = serializers.BooleanField(source="is_acting", read_only=True, help_text="In force with a decision.")

    class Meta:
        model = RetentionRule
        fields = ["id", "record_type", "months", "trigger", "action", "decision_ref", "enabled", "acting", "changed_at"]
        read_only_fields = fields


class DisposalProposalSerializer(serializers.ModelSerializer):
    record_type = plain_choices(RecordType.choices, source="rule.record_type", read_only=True)
    action = plain_choices(Action.choices, source="rule.action", read_only=True)
    status = plain_choices(DisposalBatch.Status.choices, read_only=True)
    count = serializers.SerializerMethodField()

    class Meta:
        model = DisposalBatch
        fields = ["id", "rule", "record_type", "action", "record_ids", "count", "status", "proposed_at"]
        fields += ["decided_by", "decided_at"]
        read_only_fields = fields

    def get_count(self, batch) -> int:
        return len(batch.record_ids)


class DisposalRecordSerializer(serializers.ModelSerializer):
    record_type = plain_choices(RecordType.choices, read_only=True)
    action = plain_choices(Action.choices, read_only=True)

    class Meta:
        model = DisposalRecord
        fields = ["id", "batch", "record_type", "action", "count", "held_back", "no_longer_due", "months"]
        fields += ["decision_ref", "approved_by", "applied_by", "applied_at"]
        read_only_fields = fields


class HoldSerializer(serializers.ModelSerializer):
    record_type = plain_choices(RecordType.choices, read_only=True)
    active = serializers.SerializerMethodField()

    class Meta:
        model = LegalHold
        fields = ["id", "record_type", "record_id", "reason", "placed_by", "placed_at", "released_by", "released_at"]
        fields += ["active"]
        read_only_fields = fields

    def get_active(self, hold) -> bool:
        return hold.released_at is None


class HoldInputSerializer(StrictInputSerializer):
    record_type = plain_choices(RecordType.choices)
    record_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    reason = StrictCharField(max_length=200)
