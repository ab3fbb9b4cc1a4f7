"""The reports API's shapes: the selection a report is made for, and its answers.

A count of people hidden by small-cell suppression is `null`, never the number; every other figure is a JSON
number (months are decimals). `suppressed_below` says which counts may be hidden: the threshold, or null for the
municipality's staff, who see exact counts.
"""

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from insteg.api.schema import plain_choices, plausible_date
from insteg.reports import access
from insteg.reports.models import ImpactParameter
from insteg.reports.suppression import Count
from insteg.rules.models import Certainty

MAX_PERIOD_YEARS = 10
MAX_PROCUREMENTS = 500
PROCUREMENT_ID = re.compile(r"^\d{1,18}$")  # fits the database's integers


# --- The selection ---------------------------------------------------------------------------------------------------


class ReportQuerySerializer(serializers.Serializer):
    """Which procurements and which period. Needs the reader as context `user`."""

    procurements = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Procurement ids separated by commas, for example `12,15`. Default: every procurement you may "
        "report on.",
    )
    start = plausible_date(
        required=False, help_text="Placements and training from this day. Default: 1 January of the end's year."
    )
    end = plausible_date(required=False, help_text="Until this day, at most 10 years after the start. Default: today.")

    @staticmethod
    def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
        """This year so far, as on the report pages."""
        return datetime.date(today.year, 1, 1), today

    def validate_procurements(self, value: str) -> list[int]:
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if not all(PROCUREMENT_ID.match(part) for part in parts):
            raise serializers.ValidationError(_("Give procurement ids as numbers separated by commas, like 12,15."))
        if len(parts) > MAX_PROCUREMENTS:
            raise serializers.ValidationError(_("Choose at most %(max)d procurements.") % {"max": MAX_PROCUREMENTS})
        return sorted({int(part) for part in parts})

    def validate(self, data):
        # An end alone ends the default period there (a past year is chosen by its last day).
        default_start, default_end = self.default_period(data.get("end") or timezone.localdate())
        data.setdefault("start", default_start)
        data.setdefault("end", default_end)
        start, end = data["start"], data["end"]
        if end < start:
            raise serializers.ValidationError({"end": [_("The end of the period cannot be before its start.")]})
        if end > _years_after(start, MAX_PERIOD_YEARS):
            raise serializers.ValidationError(
                {"end": [_("The period can be at most %(years)d years long.") % {"years": MAX_PERIOD_YEARS}]}
            )
        data["procurements"] = self._chosen(data.get("procurements") or [])
        return data

    def _chosen(self, ids: list[int]):
        """The procurements to report on; an id the reader may not report on is an error, not left out quietly."""
        reportable = access.reportable_procurements(self.context["user"])
        if not ids:
            return reportable
        chosen = reportable.filter(pk__in=ids)
        missing = sorted(set(ids) - set(chosen.values_list("pk", flat=True)))
        if missing:
            raise serializers.ValidationError(
                {
                    "procurements": [
                        _("Not among the procurements you may report on: %(ids)s.")
                        % {"ids": ", ".join(str(pk) for pk in missing[:10])}
                    ]
                }
            )
        return chosen


class ImpactQuerySerializer(ReportQuerySerializer):
    start = plausible_date(
        required=False,
        help_text="Placements from this day. Default: 1 January of the year before the end's (so that outcomes 90 "
        "days after are known).",
    )
    deadweight = serializers.IntegerField(
        min_value=0, max_value=90, default=0, help_text="Percent of the effect that would have happened anyway."
    )
    attribution = serializers.IntegerField(
        min_value=10, max_value=100, default=100, help_text="Percent of the effect due to the requirement."
    )
    lifetime_share = serializers.IntegerField(
        min_value=0,
        max_value=20,
        default=0,
        help_text="Long-term scenario: percent of the lifetime cost of exclusion. 0 (default) leaves it out.",
    )

    @staticmethod
    def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
        """From 1 January last year, as on the impact page: long enough for outcomes 90 days after to be known."""
        return datetime.date(today.year - 1, 1, 1), today


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- Figures ---------------------------------------------------------------------------------------------------------


def figure(value):
    """A table cell for JSON: a hidden count is None (never its number), a shown count its number, a decimal a
    number; text stays text."""
    if isinstance(value, Count):
        return value.shown
    return value


class ThresholdField(serializers.IntegerField):
    """The viewer's small-cell threshold; 0 (exact counts) is shown as null."""

    def to_representation(self, value):
        return value or None


def threshold_field() -> ThresholdField:
    return ThresholdField(
        source="threshold",
        allow_null=True,
        help_text="Counts of people below this are hidden (null), and so are counts that would reveal them. Null: "
        "exact counts (the municipality's staff).",
    )


@extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "string"}],
        "nullable": True,
        "description": "A number, a text, or null: a count of people hidden below `suppressed_below`.",
    }
)
class CellField(serializers.Field):
    def to_representation(self, value):
        return figure(value)


class ReportRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    values = serializers.ListField(child=CellField(), help_text="One per column.")

    def to_representation(self, row):
        label, values = row
        return {"label": str(label), "values": [figure(value) for value in values]}


class ReportTableSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="requirements, commitments, people, completion, outcomes, evidence, supervisors, smes, questions."
    )
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = ReportRowSerializer(many=True)
    total = ReportRowSerializer(allow_null=True)
    summary = serializers.CharField(help_text="The table in a sentence.")
    about_people = serializers.BooleanField(help_text="Counts people: small counts are suppressed.")


class ReportProcurementSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    title = serializers.CharField()


class EvaluationSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    procurements = ReportProcurementSerializer(many=True)
    suppressed_below = threshold_field()
    tables = ReportTableSerializer(many=True)


# --- Dashboard -------------------------------------------------------------------------------------------------------


def months(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False, **kwargs)


class DashboardStaffSerializer(serializers.Serializer):
    procurements = serializers.IntegerField(help_text="Published, awarded, completed or cancelled.")
    procurements_with_social_requirements = serializers.IntegerField()
    contracts = serializers.IntegerField()
    months_committed = serializers.IntegerField(help_text="Full-time months the contracts commit to.")
    months_delivered = months(help_text="Full-time months delivered so far.")
    active_placements = serializers.IntegerField()
    follow_ups_due = serializers.IntegerField(help_text="Check-ins due within a week or overdue, your municipality's.")


class DashboardYearSerializer(serializers.Serializer):
    people_placed = serializers.IntegerField(allow_null=True, help_text="People whose placement started this year.")
    months_delivered = months(help_text="Full-time months delivered under the contracts so far.")
    completion_rate_percent = serializers.IntegerField(
        allow_null=True, help_text="Completed as planned, of the placements that ended; null when hidden or none."
    )
    in_work_90_days = serializers.IntegerField(allow_null=True, help_text="In work 90 days after the end.")
    followed_up_90_days = serializers.IntegerField(allow_null=True, help_text="Followed up 90 days after the end.")
    in_work_90_days_percent = serializers.IntegerField(allow_null=True)
    supervisors_trained = serializers.IntegerField(allow_null=True, help_text="At the contracted companies.")


class DashboardSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    suppressed_below = threshold_field()
    staff = DashboardStaffSerializer(allow_null=True, help_text="The municipality's staff only; null for the funder.")
    year = DashboardYearSerializer(help_text="This year's aggregates, as the funder sees them (suppressed).")


# --- Impact ----------------------------------------------------------------------------------------------------------


class ImpactParameterSerializer(serializers.ModelSerializer):
    value_low = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    value_high = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    unit = plain_choices(ImpactParameter.Unit.choices)
    certainty = plain_choices(Certainty.choices)

    class Meta:
        model = ImpactParameter
        fields = [
            "key",
            "name",
            "value_low",
            "value_high",
            "unit",
            "price_year",
            "source_title",
            "source_url",
            "certainty",
        ]
        read_only_fields = fields


class ImpactEstimateSerializer(serializers.Serializer):
    low = serializers.IntegerField(help_text="Whole SEK.")
    high = serializers.IntegerField(help_text="Whole SEK.")
    currency = serializers.CharField(default="SEK")
    parameters = ImpactParameterSerializer(many=True)

    def to_representation(self, estimate):
        return {
            "low": int(estimate.low),
            "high": int(estimate.high),
            "currency": "SEK",
            "parameters": ImpactParameterSerializer(estimate.parameters, many=True).data,
        }


class ImpactSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    procurements = serializers.ListField(child=serializers.IntegerField(), help_text="The procurements' ids.")
    suppressed_below = threshold_field()
    deadweight = serializers.IntegerField(help_text="Percent, as used.")
    attribution = serializers.IntegerField(help_text="Percent, as used.")
    lifetime_share = serializers.IntegerField(help_text="Percent, as used.")
    months_delivered = months(help_text="Full-time months delivered under the contracts by the end of the period.")
    people_in_work_90_days = serializers.IntegerField(allow_null=True, help_text="Null when hidden.")
    in_placement = ImpactEstimateSerializer(
        allow_null=True, help_text="Public income support not paid while people work. Null if the parameter is off."
    )
    long_term = ImpactEstimateSerializer(
        allow_null=True,
        help_text="An illustrative scenario, not a measured effect. Null when `lifetime_share` is 0, the count of "
        "people in work is hidden from you, or the parameter is off.",
    )
    method = serializers.CharField(help_text="How the estimate is made, its assumptions and sources.")


# --- Open data -------------------------------------------------------------------------------------------------------


class OcdsPublisherSerializer(serializers.Serializer):
    name = serializers.CharField()


class ReleasePackageSerializer(serializers.Serializer):
    """For the OpenAPI document only: the package is built by insteg.reports.ocds."""

    uri = serializers.URLField()
    version = serializers.CharField(help_text="`1.1`")
    extensions = serializers.ListField(child=serializers.URLField(), help_text="The extensions' extension.json.")
    publishedDate = serializers.DateTimeField()
    publisher = OcdsPublisherSerializer()
    releases = serializers.ListField(
        child=serializers.DictField(), help_text="OCDS 1.1 releases (release-schema.json), one per procurement."
    )
    links = serializers.DictField(
        child=serializers.URLField(),
        required=False,
        help_text="`next` and `prev` pages, when there are more (OCDS pagination extension).",
    )
