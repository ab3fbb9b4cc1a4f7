"""The procurement API: the same services and access rules as the pages."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from insteg.api import examples, filtering
from insteg.api.filtering import list_view
from insteg.api.pagination import Pagination, paginated
from insteg.api.schema import BAD_INPUT, CONFLICT, FORBIDDEN, NOT_FOUND
from insteg.procurement import access, services
from insteg.procurement.serializers import (
    LotSerializer,
    ProcurementQuery,
    ProcurementSerializer,
    RequirementSerializer,
    TransitionSerializer,
)
from insteg.rules import deadlines


def _procurement_data(serializer) -> dict:
    return {name: value for name, value in serializer.validated_data.items() if name in services.PROCUREMENT_FIELDS}


@extend_schema(
    methods=["GET"],
    summary="Procurements you may see",
    description="Filter by `status`, `contract_type`, `procedure`, `regime` and words in the title or reference "
    "(`q`); sort with `ordering`. An unknown value is a 400 naming the parameter.",
    parameters=[ProcurementQuery],
    responses={200: ProcurementSerializer(many=True), 400: BAD_INPUT},
)
@extend_schema(
    methods=["POST"],
    summary="Create a draft procurement",
    request=ProcurementSerializer,
    responses={201: ProcurementSerializer, 400: BAD_INPUT},
    examples=[
        examples.request("A cleaning-services procurement", examples.PROCUREMENT_CREATE),
        examples.answer("The draft created", examples.PROCUREMENT_ANSWER, 201),
        examples.BAD_INPUT,
    ],
)
@list_view
@api_view(["GET", "POST"])
def procurement_list(request):
    if request.method == "POST":
        return _create_procurement(request)
    procurements = filtering.query(ProcurementQuery, request).apply(
        access.procurements_visible_to(request.user).prefetch_related("lots")
    )
    paginator = Pagination()
    page = paginator.paginate_queryset(procurements, request)
    with deadlines.rules_read_once():
        return paginator.get_paginated_response(ProcurementSerializer(page, many=True).data)


def _create_procurement(request):
    organisation = access.organisation_for_new_procurement(request.user)
    serializer = ProcurementSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    procurement = services.create_procurement(
        user=request.user, organisation=organisation, data=_procurement_data(serializer)
    )
    return Response(ProcurementSerializer(procurement).data, status=status.HTTP_201_CREATED)


@extend_schema(methods=["GET"], summary="One procurement", responses=ProcurementSerializer)
@extend_schema(
    methods=["PATCH"],
    summary="Change a draft procurement",
    request=ProcurementSerializer,
    responses=ProcurementSerializer,
)
@api_view(["GET", "PATCH"])
def procurement_detail(request, pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        serializer = ProcurementSerializer(procurement, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        procurement = services.update_procurement(procurement, user=request.user, data=_procurement_data(serializer))
    return Response(ProcurementSerializer(procurement).data)


@extend_schema(
    summary="Change a procurement's status (publish, award, cancel, complete)",
    description="Publishing checks the law's time limits and the requirements; refusals give 400 with reasons. "
    "A change the current status does not allow gives 409.",
    request=TransitionSerializer,
    responses=ProcurementSerializer,
)
@api_view(["POST"])
def procurement_transition(request, pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=True)
    serializer = TransitionSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    procurement = services.change_status(procurement, user=request.user, status=serializer.validated_data["status"])
    return Response(ProcurementSerializer(procurement).data)


def _requirement_data(procurement, serializer) -> dict:
    data = dict(serializer.validated_data)
    data.pop("criterion", None)
    if "lot" in data:
        number = (data.pop("lot") or {}).get("number")
        data["lot"] = None
        if number is not None:
            data["lot"] = procurement.lots.filter(number=number).first()
            if data["lot"] is None:
                raise ApiValidationError({"lot": [_("This procurement has no lot %(number)s.") % {"number": number}]})
    return data


@extend_schema(
    methods=["GET"], summary="A procurement's social requirements", responses=RequirementSerializer(many=True)
)
@extend_schema(
    methods=["POST"],
    summary="Add a social requirement from the criteria library",
    description="With `rationale` (and `slots_decided` for numeric employment requirements) it is decided at once.",
    request=RequirementSerializer,
    responses={201: RequirementSerializer, 400: BAD_INPUT},
    examples=[examples.request("A numeric employment requirement", examples.REQUIREMENT_CREATE), examples.BAD_INPUT],
)
@list_view
@api_view(["GET", "POST"])
def requirement_list(request, pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=request.method == "POST")
    if request.method == "POST":
        return _add_requirement(request, procurement)
    requirements = procurement.requirements.select_related("criterion", "lot", "preset", "decided_by")
    paginator = Pagination()
    page = paginator.paginate_queryset(requirements, request)
    return paginator.get_paginated_response(RequirementSerializer(page, many=True).data)


@transaction.atomic
def _add_requirement(request, procurement):
    serializer = RequirementSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = _requirement_data(procurement, serializer)
    requirement = services.add_requirement(
        procurement, user=request.user, criterion=serializer.validated_data["criterion"], lot=data.pop("lot", None)
    )
    if data.get("rationale"):
        requirement = services.decide_requirement(requirement, user=request.user, data=data)
    return Response(RequirementSerializer(requirement).data, status=status.HTTP_201_CREATED)


@extend_schema(methods=["GET"], summary="One social requirement", responses=RequirementSerializer)
@extend_schema(
    methods=["PATCH"],
    summary="Set parameters, decide and justify a requirement",
    request=RequirementSerializer,
    responses=RequirementSerializer,
)
@extend_schema(methods=["DELETE"], summary="Remove a requirement from a draft", responses={204: None})
@api_view(["GET", "PATCH", "DELETE"])
def requirement_detail(request, pk, requirement_pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=request.method != "GET")
    requirement = access.get_requirement_for_user(request.user, procurement, requirement_pk)
    if request.method == "DELETE":
        services.remove_requirement(requirement, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        serializer = RequirementSerializer(requirement, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        if "criterion" in serializer.validated_data:
            raise ApiValidationError({"criterion": [_("The criterion of a requirement cannot change; add a new one.")]})
        requirement = services.decide_requirement(
            requirement, user=request.user, data=_requirement_data(procurement, serializer)
        )
    return Response(RequirementSerializer(requirement).data)


# --- Lots -------------------------------------------------------------------------------------------------------


@extend_schema(
    methods=["GET"],
    summary="A procurement's lots (delkontrakt)",
    request=None,
    responses={200: LotSerializer(many=True), 404: NOT_FOUND},
)
@extend_schema(
    methods=["POST"],
    summary="Add a lot to a draft",
    description="The procurement's officers, while it is a draft (after: 409). Lots are named by `number`.",
    request=LotSerializer,
    responses={201: LotSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@list_view
@api_view(["GET", "POST"])
def lot_list(request, pk):
    procurement = access.get_procurement_for_user(request.user, pk, write=request.method == "POST")
    if request.method == "POST":
        serializer = LotSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lot = services.add_lot(procurement, user=request.user, **serializer.validated_data)
        return Response(LotSerializer(lot).data, status=status.HTTP_201_CREATED)
    return paginated(request, procurement.lots.order_by("number"), LotSerializer)


@extend_schema(
    summary="Remove a lot from a draft",
    description="The procurement's officers, while it is a draft (after: 409).",
    request=None,
    responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["DELETE"])
def lot_detail(request, pk, number):
    procurement = access.get_procurement_for_user(request.user, pk, write=True)
    services.delete_lot(get_object_or_404(procurement.lots.all(), number=number), user=request.user)
    return Response(status=status.HTTP_204_NO_CONTENT)
