"""`/api/v1/criteria`: the criteria library, read-only, for everyone signed in (contract.md)."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from insteg.api import filtering
from insteg.api.filtering import ListQuery, ordering_field
from insteg.api.pagination import Pagination
from insteg.procurement import access
from insteg.procurement.criteria_forms import CriterionFilterForm
from insteg.procurement.criteria_services import with_version
from insteg.procurement.models import Criterion, LegalInstrument, Level, SocialObjective, Theme
from insteg.rules.models import ContractType


class CriterionSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="social_objective", help_text="The eForms BT-775 social-objective code.")
    contract_types = serializers.ListField(
        source="suited_contract_types", child=serializers.CharField(), help_text="The contract types it suits."
    )
    version = serializers.IntegerField(help_text="How many versions of the criterion are stored.")

    class Meta:
        model = Criterion
        fields = [
            "code",
            "title_sv",
            "title_en",
            "category",
            "level",
            "legal_instrument",
            "lou_reference",
            "text_sv",
            "theme",
            "sustainability_goal",
            "requirement_kind",
            "contract_types",
            "guidance_sv",
            "guidance_en",
            "verification_sv",
            "verification_en",
            "is_active",
            "version",
        ]
        read_only_fields = fields


class CriterionPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CriterionSerializer(many=True)


class CriterionQuery(ListQuery):
    """What the page's filter form does not have: the eForms category and an ordering."""

    category = serializers.ChoiceField(
        choices=SocialObjective.choices, required=False, help_text="Only criteria of this eForms BT-775 code."
    )
    ordering = ordering_field({"code": ("code",), "title": ("title_sv",), "level": ("level",)}, default="code")

    lookups = {"category": "social_objective"}


def _choice_parameter(name: str, choices, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, enum=[value for value, _label in choices], description=description)


@extend_schema(
    operation_id="criteria_list",
    summary="The criteria library",
    parameters=[
        _choice_parameter("theme", Theme.choices, "Only criteria of this theme."),
        _choice_parameter("level", Level.choices, "Only criteria of this level of the national model."),
        _choice_parameter("legal_instrument", LegalInstrument.choices, "Only criteria set through this instrument."),
        _choice_parameter("contract_type", ContractType.choices, "Only criteria that suit this contract type."),
        OpenApiParameter("q", OpenApiTypes.STR, description="Words in the Swedish or English title, or the code."),
        OpenApiParameter(
            "include_inactive",
            OpenApiTypes.BOOL,
            description="Administrators only: include criteria no longer in use (others always get active ones).",
        ),
        OpenApiParameter("page", OpenApiTypes.INT),
        OpenApiParameter("page_size", OpenApiTypes.INT, description="Up to 200."),
        CriterionQuery,
    ],
    responses=CriterionPageSerializer,
)
@api_view(["GET"])
def criterion_list(request):
    if not access.can_view_criteria(request.user):
        raise PermissionDenied
    form = CriterionFilterForm(request.query_params, may_include_inactive=access.can_edit_criteria(request.user))
    if not form.is_valid():
        raise ValidationError({field: list(messages) for field, messages in form.errors.items()})
    criteria = filtering.query(CriterionQuery, request).apply(form.filter(Criterion.objects.all()))
    paginator = Pagination()
    page = paginator.paginate_queryset(with_version(criteria), request)
    return paginator.get_paginated_response(CriterionSerializer(page, many=True).data)


@extend_schema(operation_id="criteria_retrieve", summary="One criterion of the library", responses=CriterionSerializer)
@api_view(["GET"])
def criterion_detail(request, code):
    criterion = access.get_criterion_for_user(request.user, code)
    criterion.version = criterion.history.count()
    return Response(CriterionSerializer(criterion).data)
