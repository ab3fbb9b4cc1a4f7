"""The follow-up API: check-ins, starting and ending a placement, outcomes and situations. The same services and
access rules as the pages.

A placement's follow-up is the municipality's matching officers' (read and write) and the referring
employment officer's (read only: 403 on writes). A host company reaches only the situations of its own
placements: those it reported, without their history; it may report new ones. Everyone else gets 404, and the
due list is for matching officers only (403). Every participant an answer shows is written to the view log.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from insteg.accounts.models import Role
from insteg.api.filtering import list_view
from insteg.api.pagination import Pagination, paginated
from insteg.api.schema import BAD_INPUT, CONFLICT, FORBIDDEN, NOT_FOUND
from insteg.followup import access, services
from insteg.followup.serializers import (
    CheckInAddSerializer,
    CheckInRecordSerializer,
    CheckInSerializer,
    DueCheckInSerializer,
    DueQuerySerializer,
    EndSerializer,
    HostSituationSerializer,
    Outcome90Serializer,
    SituationDetailSerializer,
    SituationEventInputSerializer,
    SituationInputSerializer,
    SituationSerializer,
    StartSerializer,
)
from insteg.matching.models import ParticipantView
from insteg.matching.serializers import PlacementSerializer
from insteg.matching.services import log_views

WHERE = "api"
FOLLOWERS = "The municipality's matching officers; the referring employment officer reads (403 on writes)."
OFFICERS = "The municipality's matching officers; the referring employment officer gets 403, everyone else 404."
STAFF_READ = "The municipality's matching officers and the referring employment officer"
WITH_HOST = "A host company reaches only the situations it reported itself, without their history."

SITUATION_FOR_READER = PolymorphicProxySerializer(
    component_name="SituationForReader",
    serializers=[SituationSerializer, HostSituationSerializer],
    resource_type_field_name=None,
)
SITUATIONS_FOR_READER = PolymorphicProxySerializer(
    component_name="SituationForReader",
    serializers=[SituationSerializer, HostSituationSerializer],
    resource_type_field_name=None,
    many=True,
)
SITUATION_DETAIL_FOR_READER = PolymorphicProxySerializer(
    component_name="SituationDetailForReader",
    serializers=[SituationDetailSerializer, HostSituationSerializer],
    resource_type_field_name=None,
)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@contextmanager
def _fields_named(**names):
    """Some services name a field as the pages do; the API answers with the name it takes."""
    try:
        yield
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ApiValidationError(
            {names.get(field, field): messages for field, messages in error.message_dict.items()}
        ) from None


# --- Finding the placement --------------------------------------------------------------------------------------


def _followed(request, pk):
    """Officers and the referrer; everyone else 404. The read is logged."""
    return access.get_followed_placement(request.user, pk, where=WHERE)


def _followed_or_hosted(request, pk):
    """Officers and the referrer, else the host company of the placement; everyone else 404. The read is logged."""
    try:
        return _followed(request, pk)
    except Http404:
        return access.get_host_placement(request.user, pk)


def _require_follow_up(user, placement) -> None:
    if not access.may_follow_up(user, placement):
        raise PermissionDenied(_("Only the municipality's matching officers follow up placements."))


def _placement_answer(placement) -> Response:
    placement.refresh_from_db()
    return Response(PlacementSerializer(placement).data)


# --- The due list -----------------------------------------------------------------------------------------------


@extend_schema(
    summary="Check-ins due within a week or overdue",
    description="Matching officers only (everyone else 403). `scope=mine` (default): the check-ins assigned to "
    "you; `scope=team`: every open check-in of your municipality's placements; `overdue=true`: only those whose "
    "day has passed. Oldest first. Every person "
    "listed is written to the view log.",
    parameters=[DueQuerySerializer],
    request=None,
    responses={200: DueCheckInSerializer(many=True), 400: BAD_INPUT, 403: FORBIDDEN},
)
@list_view
@api_view(["GET"])
def due(request):
    user = request.user
    if not access.is_matching_officer(user):
        raise PermissionDenied(_("Only matching officers have a list of check-ins due."))
    query = DueQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    check_ins = services.due_check_ins(
        officer=user if query.validated_data["scope"] == "mine" else None,
        municipalities=user.organisations_with_role(Role.MATCHING_OFFICER),
    )
    overdue = query.validated_data["overdue"]
    if overdue is not None:
        today = timezone.localdate()
        check_ins = check_ins.filter(due_on__lt=today) if overdue else check_ins.filter(due_on__gte=today)
    paginator = Pagination()
    page = paginator.paginate_queryset(check_ins, request)
    people = {check_in.placement.participant_id: check_in.placement.participant for check_in in page}
    log_views(user, list(people.values()), purpose=ParticipantView.Purpose.FOLLOW_UP, where=WHERE)
    return paginator.get_paginated_response(DueCheckInSerializer(page, many=True).data)


# --- Check-ins --------------------------------------------------------------------------------------------------


@extend_schema(
    methods=["GET"],
    summary="A placement's check-ins with their actions",
    description=FOLLOWERS + " Everyone else 404. Planned, held and no longer needed (`cancelled_at`) ones, by day.",
    request=None,
    responses={200: CheckInSerializer(many=True), 404: NOT_FOUND},
)
@extend_schema(
    methods=["POST"],
    summary="Add an extra check-in",
    description=OFFICERS + " Once the placement has started (before: 409); assigned to the responsible officer.",
    request=CheckInAddSerializer,
    responses={201: CheckInSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@list_view
@api_view(["GET", "POST"])
def check_in_list(request, pk):
    placement = _followed(request, pk)
    if request.method == "POST":
        _require_follow_up(request.user, placement)
        data = _valid(CheckInAddSerializer, request)
        with _fields_named(next_check_in_on="due_on"):
            check_in = services.add_check_in(placement, user=request.user, due_on=data["due_on"])
        return Response(CheckInSerializer(check_in).data, status=status.HTTP_201_CREATED)
    check_ins = placement.check_ins.prefetch_related("actions").order_by("due_on", "pk")
    return paginated(request, check_ins, CheckInSerializer)


@extend_schema(
    methods=["GET"],
    summary="One check-in with its actions",
    description=FOLLOWERS + " Everyone else 404.",
    request=None,
    responses={200: CheckInSerializer, 404: NOT_FOUND},
)
@extend_schema(
    methods=["PATCH"],
    summary="Record a check-in that was held",
    description=OFFICERS + " Its actions are added, and `next_check_in_on` adds an extra check-in. Free text "
    "naming health details is refused (400). A check-in no longer needed: 409.",
    request=CheckInRecordSerializer,
    responses={200: CheckInSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["GET", "PATCH"])
def check_in_detail(request, pk, check_in_pk):
    placement = _followed(request, pk)
    check_in = access.get_check_in(placement, check_in_pk)
    if request.method == "PATCH":
        _require_follow_up(request.user, placement)
        data = _valid(CheckInRecordSerializer, request)
        services.record_check_in(check_in, user=request.user, **data)
        check_in = access.get_check_in(placement, check_in_pk)
    return Response(CheckInSerializer(check_in).data)


# --- Starting and ending a placement ----------------------------------------------------------------------------


@extend_schema(
    summary="Record that a placement has started",
    description=OFFICERS + " Makes the check-in schedule. `started_on` when it started on another day than "
    "planned (not in the future). Already started: 409.",
    request=StartSerializer,
    responses={200: PlacementSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["POST"])
def start(request, pk):
    placement = _followed(request, pk)
    _require_follow_up(request.user, placement)
    data = _valid(StartSerializer, request)
    services.start(placement, user=request.user, started_on=data["started_on"])
    return _placement_answer(placement)


@extend_schema(
    summary="End a placement",
    description=OFFICERS + " The reason is a category only (no health details); ending more than a week before "
    "the planned end needs a reason other than `completed`. Check-ins after the end are no longer needed. "
    "Not started or already ended: 409.",
    request=EndSerializer,
    responses={200: PlacementSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["POST"])
def end(request, pk):
    placement = _followed(request, pk)
    _require_follow_up(request.user, placement)
    data = _valid(EndSerializer, request)
    services.end(
        placement,
        user=request.user,
        ended_on=data["ended_on"],
        reason=data["end_reason"],
        outcome=data["outcome_at_end"],
        evidence=data["outcome_at_end_evidence"],
    )
    return _placement_answer(placement)


@extend_schema(
    summary="Record where the person is 90 days after the end",
    description=OFFICERS + " From `outcome_90_due_on` on (before: 409); it can be corrected later.",
    request=Outcome90Serializer,
    responses={200: PlacementSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["POST"])
def outcome_90(request, pk):
    placement = _followed(request, pk)
    _require_follow_up(request.user, placement)
    data = _valid(Outcome90Serializer, request)
    services.record_outcome_90(
        placement, user=request.user, outcome=data["outcome_90"], evidence=data["outcome_90_evidence"]
    )
    return _placement_answer(placement)


# --- Situations -------------------------------------------------------------------------------------------------


def _situation_serializer(user, placement, *, detail: bool):
    if access.may_follow_up(user, placement) or placement.participant.referred_by_id == user.pk:
        return SituationDetailSerializer if detail else SituationSerializer
    return HostSituationSerializer


def _situation_data(user, placement, situation_pk) -> dict:
    situation = access.get_situation(user, placement, situation_pk)
    return _situation_serializer(user, placement, detail=True)(situation).data


@extend_schema(
    methods=["GET"],
    summary="A placement's situations, newest first",
    description=STAFF_READ + " see every situation. " + WITH_HOST + " Everyone else 404.",
    request=None,
    responses={200: SITUATIONS_FOR_READER, 404: NOT_FOUND},
)
@extend_schema(
    methods=["POST"],
    summary="Report a situation",
    description="The municipality's matching officers, the referring employment officer and the host company. "
    "One event per report. The municipality's first response is due within the category's working days "
    "(Swedish holidays do not count); the responsible officer is emailed. Free text naming health details is "
    "refused (400). A placement that has not started: 409.",
    request=SituationInputSerializer,
    responses={201: SITUATION_FOR_READER, 400: BAD_INPUT, 404: NOT_FOUND, 409: CONFLICT},
)
@list_view
@api_view(["GET", "POST"])
def situation_list(request, pk):
    user = request.user
    placement = _followed_or_hosted(request, pk)
    if request.method == "POST":
        data = _valid(SituationInputSerializer, request)
        situation = services.report_situation(placement, user=user, **data)
        serializer = _situation_serializer(user, placement, detail=False)
        return Response(serializer(situation).data, status=status.HTTP_201_CREATED)
    situations = access.situations_for(user, placement)
    return paginated(request, situations, _situation_serializer(user, placement, detail=False))


@extend_schema(
    summary="One situation",
    description=STAFF_READ + " see it with its append-only history (`events`). " + WITH_HOST + " Everyone else 404.",
    request=None,
    responses={200: SITUATION_DETAIL_FOR_READER, 404: NOT_FOUND},
)
@api_view(["GET"])
def situation_detail(request, pk, situation_pk):
    placement = _followed_or_hosted(request, pk)
    return Response(_situation_data(request.user, placement, situation_pk))


@extend_schema(
    summary="Respond to, resolve or reopen a situation",
    description="The municipality's matching officers (the referring officer and the host company: 403). "
    "`response`: the first one stops the clock, later ones are notes. `resolve` records `text` as the "
    "resolution; `reopen` needs a reason. Nothing is ever changed or removed from the history. A resolved "
    "situation takes no response (409), an open one cannot be reopened (409).",
    request=SituationEventInputSerializer,
    responses={201: SituationDetailSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["POST"])
def situation_events(request, pk, situation_pk):
    user = request.user
    placement = _followed_or_hosted(request, pk)
    situation = access.get_situation(user, placement, situation_pk)
    if not access.may_follow_up(user, placement):
        raise PermissionDenied(_("Only the municipality's matching officers respond to situations."))
    data = _valid(SituationEventInputSerializer, request)
    kind, text = data["kind"], data["text"]
    with _fields_named(resolution="text"):
        if kind == "response":
            services.respond(situation, user=user, text=text)
        elif kind == "resolve":
            services.resolve(situation, user=user, resolution=text)
        else:
            services.reopen(situation, user=user, text=text)
    return Response(_situation_data(user, placement, situation_pk), status=status.HTTP_201_CREATED)
