"""The contracts API's shapes. Writes go through services; these only check types and ranges.

Choice fields whose names other apps also use (`status`, `kind`, `category`) are documented inline rather
than as named enum components, so the OpenAPI document has no colliding enum names.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from insteg.api.filtering import ListQuery, id_filter, ordering_field, search_field
from insteg.api.schema import plain_choices, plausible_date
from insteg.contracts import services
from insteg.contracts.models import (
    Award,
    Commitment,
    ComplianceDecision,
    ComplianceReport,
    Contract,
    Occupation,
    Position,
    PositionType,
    Tender,
)
from insteg.procurement.models import MAX_ESTIMATED_VALUE_SEK, ReportingFrequency

# --- Reference tables -----------------------------------------------------------------------------------------


class PositionTypeSerializer(serializers.ModelSerializer):
    category = serializers.ChoiceField(choices=PositionType.Category.choices, read_only=True)
    typical_financing = serializers.ChoiceField(choices=PositionType.Financing.choices, read_only=True)

    class Meta:
        model = PositionType
        fields = [
            "code",
            "name_sv",
            "name_en",
            "category",
            "is_employment",
            "typical_financing",
            "active_from",
            "active_to",
            "source",
        ]


class OccupationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Occupation
        fields = ["code", "title_sv"]


class OccupationQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="The start of an SSYK code (`91`), or words in the Swedish title (`städ`).",
    )


# --- Tenders and award ----------------------------------------------------------------------------------------


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class TenderSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(
        source="organisation.id", min_value=1, help_text="The tendering supplier organisation's id."
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    lot = serializers.IntegerField(
        source="lot.number", allow_null=True, required=False, min_value=1, help_text="Lot number; null or absent: "
        "the whole procurement.",
    )  # fmt: skip
    price_sek = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=MAX_ESTIMATED_VALUE_SEK, help_text="Whole SEK ex VAT."
    )

    class Meta:
        model = Tender
        fields = ["id", "organisation", "organisation_name", "lot", "price_sek", "is_sme", "created_at"]
        read_only_fields = ["is_sme", "created_at"]
        validators = []  # one tender per lot and supplier: the service says so in words


class AwardSerializer(serializers.ModelSerializer):
    tender = serializers.IntegerField(source="winner.id", min_value=1, help_text="The winning tender's id.")
    supplier = OrganisationRefSerializer(source="winner.organisation", read_only=True)
    lot = serializers.IntegerField(source="lot.number", read_only=True, allow_null=True, default=None)
    decided_on = plausible_date()
    notice_sent_on = plausible_date(help_text="Day the award notice was sent; the standstill counts from it.")
    notice_electronic = serializers.BooleanField(default=True)
    standstill_ends = serializers.SerializerMethodField()
    earliest_contract_signing = serializers.SerializerMethodField()

    class Meta:
        model = Award
        fields = [
            "id",
            "tender",
            "supplier",
            "lot",
            "decided_on",
            "notice_sent_on",
            "notice_electronic",
            "standstill_ends",
            "earliest_contract_signing",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def get_standstill_ends(self, award) -> str | None:
        ends = services.standstill(award).standstill_ends
        return ends.isoformat() if ends else None

    def get_earliest_contract_signing(self, award) -> str | None:
        earliest = services.standstill(award).earliest_contract_signing
        return earliest.isoformat() if earliest else None


# --- Contracts ------------------------------------------------------------------------------------------------


class ContractSignSerializer(serializers.Serializer):
    value_sek = serializers.IntegerField(min_value=1, max_value=MAX_ESTIMATED_VALUE_SEK, help_text="Whole SEK ex VAT.")
    signed_on = plausible_date()
    starts_on = plausible_date()
    ends_on = plausible_date()
    options = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    early_signing_ground = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="The legal ground for signing before the standstill ends; required only then.",
    )


class ProcurementRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)


class CommitmentSerializer(serializers.ModelSerializer):
    position_types = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    reporting_frequency = serializers.ChoiceField(choices=ReportingFrequency.choices, read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "slots",
            "months_fulltime",
            "position_types",
            "first_start_within_months",
            "early_end_threshold_percent",
            "penalty_per_missing_month_sek",
            "bonus_per_extra_month_sek",
            "reporting_frequency",
        ]


COMPLIANCE_STATUSES = ["on_track", "at_risk", "behind", "met", "not_started"]


class ComplianceSerializer(serializers.Serializer):
    status = plain_choices([(status, status) for status in COMPLIANCE_STATUSES])
    months_committed = serializers.IntegerField()
    months_delivered = serializers.DecimalField(max_digits=8, decimal_places=1, coerce_to_string=False)
    months_expected_by_now = serializers.DecimalField(max_digits=8, decimal_places=1, coerce_to_string=False)
    first_start_due = serializers.DateField(allow_null=True)
    first_started = serializers.DateField(allow_null=True, help_text="End of the first period with a start.")
    first_start_ok = serializers.BooleanField(allow_null=True, help_text="null: not yet decided.")
    early_ends = serializers.IntegerField()
    early_ends_met = serializers.IntegerField()
    suggested_penalty_sek = serializers.IntegerField()
    suggested_bonus_sek = serializers.IntegerField()
    months_reported = serializers.DecimalField(
        max_digits=8, decimal_places=1, coerce_to_string=False, help_text="What the supplier's reports add up to."
    )
    months_source = plain_choices(
        [("placements", "placements"), ("reports", "reports")],
        help_text="Where months_delivered comes from: the municipality's placement follow-up, or the supplier's "
        "reports when no placement under the contract has started.",
    )


class ContractSerializer(serializers.ModelSerializer):
    """A contract with its social commitments and how they are kept (computed, today)."""

    procurement = ProcurementRefSerializer(read_only=True)
    lot = serializers.IntegerField(source="lot.number", read_only=True, allow_null=True, default=None)
    supplier = OrganisationRefSerializer(read_only=True)
    commitments = CommitmentSerializer(many=True, read_only=True)
    compliance = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "procurement",
            "lot",
            "supplier",
            "value_sek",
            "signed_on",
            "starts_on",
            "ends_on",
            "options",
            "early_signing_ground",
            "commitments",
            "compliance",
        ]
        read_only_fields = fields

    @extend_schema_field(ComplianceSerializer)
    def get_compliance(self, contract) -> dict:
        return ComplianceSerializer(services.compliance(contract)).data


# --- Positions ------------------------------------------------------------------------------------------------


class PositionSerializer(serializers.ModelSerializer):
    position_type = serializers.SlugRelatedField(
        slug_field="code", queryset=PositionType.objects.all(), help_text="A code from /api/v1/position-types."
    )
    occupation = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Occupation.objects.all(),
        help_text="An SSYK 2012 unit group code (four digits), from /api/v1/occupations.",
        error_messages={"does_not_exist": _("There is no SSYK 2012 occupation with the code {value}.")},
    )
    occupation_title_sv = serializers.CharField(source="occupation.title_sv", read_only=True)
    start_from = plausible_date()
    start_until = plausible_date()
    swedish_level = serializers.ChoiceField(choices=Position.SwedishLevel.choices, required=False)
    status = plain_choices(Position.Status.choices, required=False)

    class Meta:
        model = Position
        fields = ["id", *services.POSITION_FIELDS, "occupation_title_sv", "created_at"]
        read_only_fields = ["created_at"]


# --- Reports and decisions ------------------------------------------------------------------------------------


class ReportSerializer(serializers.ModelSerializer):
    period_start = plausible_date(help_text="First day of one of the contract's reporting periods that has started.")
    months_completed = serializers.DecimalField(
        max_digits=6, decimal_places=1, min_value=0, max_value=10000, coerce_to_string=False
    )
    ended_early = serializers.IntegerField(min_value=0, max_value=1000, default=0)
    ended_early_met = serializers.IntegerField(
        min_value=0, max_value=1000, default=0, help_text="Of those ended early: how many after the agreed share."
    )
    confirms_terms = serializers.BooleanField(help_text="The placements follow the contract's terms (must be true).")
    confirms_supervision = serializers.BooleanField(help_text="Every person has a named supervisor (must be true).")

    class Meta:
        model = ComplianceReport
        fields = ["id", *services.REPORT_FIELDS, "period_end", "submitted_at"]
        read_only_fields = ["period_end", "submitted_at"]
        validators = []  # one report per period: the service says so in words


class DecisionSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=ComplianceDecision.Kind.choices, help_text="`penalty` is vite.")
    amount_sek = serializers.IntegerField(min_value=0, max_value=10**9, default=0)
    reason = serializers.CharField(max_length=4000)

    class Meta:
        model = ComplianceDecision
        fields = ["id", "kind", "amount_sek", "suggested_amount_sek", "reason", "decided_at", "supplier_notified_at"]
        read_only_fields = ["suggested_amount_sek", "decided_at", "supplier_notified_at"]


# --- List filters -----------------------------------------------------------------------------------------------


class ContractQuery(ListQuery):
    """`GET /contracts`' filters and ordering."""

    supplier = id_filter("The supplier organisation's id.")
    procurement = id_filter("The procurement's id.")
    active_on = plausible_date(required=False, help_text="Only contracts running on this day.")
    q = search_field("Words in the procurement's title or reference, or the supplier's name.")
    ordering = ordering_field(
        {"starts_on": ("starts_on",), "ends_on": ("ends_on",), "signed_on": ("signed_on",), "value": ("value_sek",)},
        default="-starts_on",
    )

    lookups = {"supplier": "supplier_id", "procurement": "procurement_id"}
    search_fields = ("procurement__title", "procurement__reference", "supplier__name")

    def filter_queryset(self, queryset, data):
        queryset = super().filter_queryset(queryset, data)
        if data.get("active_on"):
            queryset = queryset.filter(starts_on__lte=data["active_on"], ends_on__gte=data["active_on"])
        return queryset


class PositionQuery(ListQuery):
    """The position lists' filters and ordering (a contract's, and every position you may see)."""

    status = serializers.ChoiceField(choices=Position.Status.choices, required=False)
    occupation = serializers.RegexField(
        r"^\d{1,4}$", required=False, help_text="An SSYK 2012 code or its first digits (`5321`, `53`)."
    )
    position_type = serializers.CharField(required=False, max_length=50, help_text="The position type's code.")
    municipality = serializers.CharField(
        required=False, max_length=100, help_text="The workplace municipality, as written (case-insensitive)."
    )
    contract = id_filter("The contract's id.")
    starts_before = plausible_date(required=False, help_text="Only positions that may start on or before this day.")
    q = search_field("Words in the job title.")
    ordering = ordering_field(
        {"start_from": ("start_from",), "created": ("created_at",), "title": ("title",)}, default="start_from"
    )

    lookups = {
        "status": "status",
        "occupation": "occupation__code__startswith",
        "position_type": "position_type__code",
        "municipality": "workplace_municipality__iexact",
        "contract": "contract_id",
        "starts_before": "start_from__lte",
    }
    search_fields = ("title",)
