"""The retention API: the same services and access as the pages. The data-protection officer and administrators
read; administrators approve or reject proposals and place or release legal holds. Everyone else: 403."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from insteg.api.filtering import list_view
from insteg.api.pagination import paginated
from insteg.api.schema import BAD_INPUT, CONFLICT, FORBIDDEN, NOT_FOUND
from insteg.retention import access, services
from insteg.retention.models import DisposalBatch, DisposalRecord, LegalHold, RetentionRule
from insteg.retention.serializers import (
    DisposalProposalSerializer,
    DisposalRecordSerializer,
    HoldInputSerializer,
    HoldSerializer,
    RuleSerializer,
)

READERS = "The data-protection officer and administrators; everyone else 403."
WRITERS = "Administrators; the data-protection officer and everyone else 403."


@extend_schema(
    summary="Retention rules", description=READERS, responses={200: RuleSerializer(many=True), 403: FORBIDDEN}
)
@list_view
@api_view(["GET"])
def rule_list(request):
    access.require_view(request.user)
    services.ensure_default_rules()
    return paginated(request, RetentionRule.objects.order_by("record_type"), RuleSerializer)


@extend_schema(
    summary="Disposal records: what kind, how many, under which decision, by whom",
    description=READERS,
    responses={200: DisposalRecordSerializer(many=True), 403: FORBIDDEN},
)
@list_view
@api_view(["GET"])
def disposal_list(request):
    access.require_view(request.user)
    return paginated(request, DisposalRecord.objects.all(), DisposalRecordSerializer)


@extend_schema(
    summary="Disposal proposals, the newest first",
    description=READERS + " Record ids only, never names.",
    responses={200: DisposalProposalSerializer(many=True), 403: FORBIDDEN},
)
@list_view
@api_view(["GET"])
def proposal_list(request):
    access.require_view(request.user)
    return paginated(request, DisposalBatch.objects.select_related("rule"), DisposalProposalSerializer)


def _decide(request, pk, decide):
    batch = access.get_batch_for_user(request.user, pk, write=True)
    batch = decide(batch, request.user)
    return Response(DisposalProposalSerializer(DisposalBatch.objects.select_related("rule").get(pk=batch.pk)).data)


DECIDE_RESPONSES = {200: DisposalProposalSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT}


@extend_schema(
    summary="Approve a disposal proposal",
    description=WRITERS + " 409 when already decided or the rule is no longer in force.",
    request=None,
    responses=DECIDE_RESPONSES,
)
@api_view(["POST"])
def proposal_approve(request, pk):
    return _decide(request, pk, services.approve)


@extend_schema(
    summary="Reject a disposal proposal",
    description=WRITERS + " 409 when already decided.",
    request=None,
    responses=DECIDE_RESPONSES,
)
@api_view(["POST"])
def proposal_reject(request, pk):
    return _decide(request, pk, services.reject)


@extend_schema(
    methods=["GET"],
    summary="Legal holds, those in force first",
    description=READERS,
    request=None,
    responses={200: HoldSerializer(many=True), 403: FORBIDDEN},
)
@extend_schema(
    methods=["POST"],
    summary="Place a legal hold on one record",
    description=WRITERS + " 400 for an unknown record; 409 when the record is already held.",
    request=HoldInputSerializer,
    responses={201: HoldSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 409: CONFLICT},
)
@list_view
@api_view(["GET", "POST"])
def hold_list(request):
    if request.method == "POST":
        access.require_manage(request.user)
        serializer = HoldInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        hold = services.place_hold(by=request.user, **serializer.validated_data)
        return Response(HoldSerializer(hold).data, status=status.HTTP_201_CREATED)
    access.require_view(request.user)
    return paginated(request, LegalHold.objects.order_by("released_at", "-placed_at", "-pk"), HoldSerializer)


@extend_schema(
    summary="Release a legal hold",
    description=WRITERS + " 409 when already released.",
    request=None,
    responses={200: HoldSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["POST"])
def hold_release(request, pk):
    hold = access.get_hold_for_user(request.user, pk, write=True)
    return Response(HoldSerializer(services.release_hold(hold, request.user)).data)
