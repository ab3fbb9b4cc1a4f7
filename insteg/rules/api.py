"""The public calculators: the same services as the pages, nothing of their own."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from insteg.api.schema import BAD_INPUT
from insteg.rules import deadlines, proportionality
from insteg.rules.serializers import (
    DeadlinesQuerySerializer,
    DeadlinesSerializer,
    ProportionalityQuerySerializer,
    SuggestionSerializer,
)


@extend_schema(
    summary="LOU time limits for a procurement",
    description="Each date is null where the inputs do not determine it. `rules` lists every rule applied "
    "with its legal source. Public, no login.",
    parameters=[DeadlinesQuerySerializer],
    responses={200: DeadlinesSerializer, 400: BAD_INPUT},
    auth=[],
)
@api_view(["GET"])
@permission_classes([AllowAny])
def deadlines_view(request):
    query = DeadlinesQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return Response(DeadlinesSerializer(deadlines.calculate(**query.validated_data)).data)


@extend_schema(
    summary="Suggested number of placement slots for a contract",
    description="A suggestion by a proportionality preset; the officer decides. Public, no login.",
    parameters=[ProportionalityQuerySerializer],
    responses={200: SuggestionSerializer, 400: BAD_INPUT},
    auth=[],
)
@api_view(["GET"])
@permission_classes([AllowAny])
def proportionality_view(request):
    query = ProportionalityQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = query.validated_data
    organisation = request.user.organisation if request.user.is_authenticated else None
    suggestion = proportionality.suggest(
        preset=data.get("preset") or proportionality.default_preset(organisation),
        contract_type=data["contract_type"],
        estimated_value_sek=data["estimated_value_sek"],
        duration_months=data["duration_months"],
    )
    return Response(SuggestionSerializer(suggestion).data)
