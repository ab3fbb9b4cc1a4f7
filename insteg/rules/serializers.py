from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from insteg.rules.forms import MAX_AMOUNT, validate_plausible_date
from insteg.rules.models import ContractType, Procedure, ProportionalityPreset

MAX_DURATION_MONTHS = 240


def _date(help_text: str):
    return serializers.DateField(
        required=False, allow_null=True, default=None, help_text=help_text, validators=[validate_plausible_date]
    )


class DeadlinesQuerySerializer(serializers.Serializer):
    """The calculator's inputs, as query parameters; all optional."""

    procedure = serializers.ChoiceField(choices=Procedure.choices, default=Procedure.OPEN)
    electronic_submission = serializers.BooleanField(default=True, help_text="Tenders may be submitted electronically.")
    prior_information_notice = serializers.BooleanField(
        default=False, help_text="A prior information notice was sent 35 days to 12 months before the notice."
    )
    accelerated = serializers.BooleanField(default=False, help_text="Accelerated procedure because of urgency.")
    notice_sent = _date("Day the notice (restricted and negotiated: the invitation to tender) is sent.")
    tender_deadline = _date("Tender deadline.")
    award_notice_sent = _date("Day the award notice is sent.")
    award_notice_electronic = serializers.BooleanField(
        default=True, help_text="The award notice is sent electronically."
    )

    def validate(self, data):
        notice_sent, tender_deadline = data.get("notice_sent"), data.get("tender_deadline")
        if notice_sent and tender_deadline and tender_deadline <= notice_sent:
            raise serializers.ValidationError(
                {"tender_deadline": [_("The tender deadline must come after the day the notice is sent.")]}
            )
        return data


class AppliedRuleSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable code of the rule.")
    text = serializers.CharField(help_text="The rule, in the language of the request.")
    source = serializers.CharField(help_text="Its legal source.")


class DeadlinesSerializer(serializers.Serializer):
    minimum_tender_deadline = serializers.DateField(allow_null=True)
    question_deadline = serializers.DateField(allow_null=True)
    answers_due_by = serializers.DateField(allow_null=True)
    standstill_ends = serializers.DateField(allow_null=True)
    earliest_contract_signing = serializers.DateField(allow_null=True)
    rules = AppliedRuleSerializer(many=True)
    warnings = serializers.ListField(child=serializers.CharField(), help_text="Problems and points to check.")


class ProportionalityQuerySerializer(serializers.Serializer):
    contract_type = serializers.ChoiceField(choices=ContractType.choices)
    estimated_value_sek = serializers.IntegerField(
        min_value=1, max_value=MAX_AMOUNT, help_text="Whole SEK excluding VAT, including options."
    )
    duration_months = serializers.IntegerField(min_value=1, max_value=MAX_DURATION_MONTHS)
    preset = serializers.SlugField(
        required=False, help_text="A preset code; default: your organisation's default preset, else trafikverket."
    )

    def validate_preset(self, code: str) -> ProportionalityPreset:
        preset = ProportionalityPreset.objects.filter(code=code).first()
        if preset is None:
            codes = ", ".join(ProportionalityPreset.objects.order_by("code").values_list("code", flat=True))
            raise serializers.ValidationError(_("Unknown preset. Choose one of: %(codes)s.") % {"codes": codes})
        return preset


class SuggestionSerializer(serializers.Serializer):
    slots_suggested = serializers.IntegerField()
    slot_definition = serializers.CharField()
    recommend_dialogue = serializers.BooleanField(help_text="True when no numeric requirement is proportionate.")
    preset = serializers.CharField(help_text="Code of the preset used.")
    explanation = serializers.CharField()
