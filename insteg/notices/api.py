"""The advertising period over the API: public notices and answers, supplier questions and registrations,
and the buyer's inbox. The same services and access rules as the pages.

Anonymity: only the Staff* serializers name an asker or a registrant, and they are used only after
`access.is_buyer_staff` said yes.
"""

from django.db.models import F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import AllowAny, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from insteg.api import examples, filtering
from insteg.api.filtering import list_view
from insteg.api.pagination import paginated
from insteg.api.schema import BAD_INPUT, CONFLICT, NOT_FOUND, ErrorSerializer
from insteg.notices import access, services
from insteg.notices.serializers import (
    AnswerChangeSerializer,
    AnswerCreateSerializer,
    AnswerSerializer,
    CorrectionSerializer,
    DeadlineExtensionSerializer,
    ExtensionCreateSerializer,
    InterestPageSerializer,
    InterestSerializer,
    NoticeDetailSerializer,
    NoticeOrdering,
    NoticeQuerySerializer,
    NoticeSerializer,
    OwnQuestionSerializer,
    PublishSerializer,
    QuestionCreateSerializer,
    QuestionQuery,
    ReceiptSerializer,
    StaffAnswerSerializer,
    StaffQuestionSerializer,
)
from insteg.procurement.models import Procurement, SocialRequirement


def _procurement_for(user, pk: int) -> Procurement:
    """What has been advertised, for everyone; the buyer's staff reach their drafts too (others: 404)."""
    try:
        return access.get_public_procurement(pk)
    except Http404:
        return access.get_staff_procurement(user, pk)


def _lot(procurement, number):
    if number is None:
        return None
    lot = procurement.lots.filter(number=number).first()
    if lot is None:
        raise ApiValidationError({"lot": [_("This procurement has no lot %(number)s.") % {"number": number}]})
    return lot


def _requirement(procurement, pk):
    if pk is None:
        return None
    requirement = procurement.requirements.filter(pk=pk).first()
    if requirement is None:
        raise ApiValidationError({"requirement": [_("Choose one of this procurement's social requirements.")]})
    return requirement


# --- Public notices ---------------------------------------------------------------------------------------------


def _notices():
    return (
        access.public_procurements()
        .select_related("organisation")
        .prefetch_related(
            Prefetch("requirements", queryset=SocialRequirement.objects.select_related("criterion", "lot", "preset")),
            "lots",
        )
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
    )


def _filtered(notices, filters: dict):
    if filters.get("contract_type"):
        notices = notices.filter(contract_type=filters["contract_type"])
    if filters.get("theme"):
        notices = notices.filter(
            pk__in=SocialRequirement.objects.filter(criterion__theme=filters["theme"]).values("procurement")
        )
    if filters.get("open") is not None:
        still_open = Q(status=Procurement.Status.PUBLISHED) & (
            Q(tender_deadline__isnull=True) | Q(tender_deadline__gte=timezone.localdate())
        )
        notices = notices.filter(still_open) if filters["open"] else notices.exclude(still_open)
    if words := (filters.get("q") or "").strip():
        for word in words.split():
            notices = notices.filter(
                Q(title__icontains=word) | Q(reference__icontains=word) | Q(description__icontains=word)
            )
    return notices


@extend_schema(
    summary="Published procurements (notices)",
    description="Everything advertised, newest first, with the dates that matter to a bidder and the social "
    "requirements in plain language. Public, no login.",
    parameters=[NoticeQuerySerializer, NoticeOrdering],
    request=None,
    responses={200: NoticeSerializer(many=True), 400: BAD_INPUT},
    auth=[],
)
@list_view
@api_view(["GET"])
@permission_classes([AllowAny])
def notice_list(request):
    query = NoticeQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    notices = filtering.query(NoticeOrdering, request).apply(_filtered(_notices(), query.validated_data))
    return paginated(request, notices, NoticeSerializer)


@extend_schema(
    summary="One notice with its lots, published answers and deadline extensions",
    description="Public, no login. Drafts are not found.",
    request=None,
    responses={200: NoticeDetailSerializer, 404: NOT_FOUND},
    auth=[],
)
@api_view(["GET"])
@permission_classes([AllowAny])
def notice_detail(request, pk):
    notice = get_object_or_404(_notices().prefetch_related("deadline_extensions"), pk=pk)
    return Response(NoticeDetailSerializer(notice).data)


# --- Questions --------------------------------------------------------------------------------------------------


@extend_schema(
    methods=["GET"],
    summary="Questions: all of them for the buyer's staff, your own organisation's for a supplier",
    description="Only the buyer's staff see who asked (`asking_organisation`, `asked_by`). Filter by `status` "
    "and `in_good_time`.",
    parameters=[QuestionQuery],
    request=None,
    responses={200: StaffQuestionSerializer(many=True), 403: OpenApiResponse(ErrorSerializer)},
)
@extend_schema(
    methods=["POST"],
    summary="Ask a question (supplier contact)",
    description="Accepted until the tender deadline; after the question deadline it is flagged `in_good_time: "
    "false`. A closed procurement gives 409.",
    request=QuestionCreateSerializer,
    responses={201: ReceiptSerializer, 400: BAD_INPUT, 404: NOT_FOUND, 409: CONFLICT},
    examples=[examples.request("A question", examples.QUESTION_CREATE), examples.BAD_INPUT],
)
@list_view
@api_view(["GET", "POST"])
def question_list(request, pk):
    if request.method == "POST":
        return _ask(request, pk)
    procurement = _procurement_for(request.user, pk)
    staff = access.is_buyer_staff(request.user, procurement)
    if not staff and not access.is_supplier(request.user):
        raise PermissionDenied
    questions = filtering.query(QuestionQuery, request).apply(access.questions_visible_to(request.user, procurement))
    return paginated(request, questions, StaffQuestionSerializer if staff else OwnQuestionSerializer)


def _ask(request, pk):
    if not access.is_supplier(request.user):
        raise PermissionDenied(_("Only a supplier's contact can ask questions."))
    procurement = access.get_public_procurement(pk)
    serializer = QuestionCreateSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    question = services.ask_question(
        procurement,
        user=request.user,
        text=data["text"],
        lot=_lot(procurement, data.get("lot")),
        requirement=_requirement(procurement, data.get("requirement")),
    )
    return Response(ReceiptSerializer(question).data, status=status.HTTP_201_CREATED)


@extend_schema(
    summary="One question: the buyer's staff, or the organisation that asked it",
    request=None,
    responses={200: StaffQuestionSerializer, 404: NOT_FOUND},
)
@api_view(["GET"])
def question_detail(request, pk, question_pk):
    procurement = _procurement_for(request.user, pk)
    question = access.get_own_question(request.user, procurement, question_pk)
    staff = access.is_buyer_staff(request.user, procurement)
    return Response((StaffQuestionSerializer if staff else OwnQuestionSerializer)(question).data)


# --- Answers ----------------------------------------------------------------------------------------------------


def _staff_answers(procurement):
    return (
        procurement.answers.select_related("lot", "requirement__criterion", "corrects", "correction")
        .prefetch_related("questions")
        .order_by(F("number").asc(nulls_last=True), "created_at", "pk")
    )


@extend_schema(
    methods=["GET"],
    summary="Answers and clarifications: published ones for everyone, drafts too for the buyer's staff",
    request=None,
    responses={200: StaffAnswerSerializer(many=True), 404: NOT_FOUND},
    auth=[],
)
@extend_schema(
    methods=["POST"],
    summary="Draft an answer to one or several questions, or a clarification (buyer's staff)",
    request=AnswerCreateSerializer,
    responses={201: StaffAnswerSerializer, 400: BAD_INPUT, 409: CONFLICT},
)
@list_view
@api_view(["GET", "POST"])
@permission_classes([IsAuthenticatedOrReadOnly])
def answer_list(request, pk):
    if request.method == "POST":
        return _draft_answer(request, pk)
    procurement = _procurement_for(request.user, pk)
    if access.is_buyer_staff(request.user, procurement):
        return paginated(request, _staff_answers(procurement), StaffAnswerSerializer)
    return paginated(request, access.published_answers(procurement), AnswerSerializer)


def _draft_answer(request, pk):
    procurement = access.get_staff_procurement(request.user, pk)
    serializer = AnswerCreateSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    wanted = set(data["questions"])
    questions = list(procurement.questions.filter(pk__in=wanted).select_related("answer"))
    if len(questions) != len(wanted):
        raise ApiValidationError({"questions": [_("Choose questions of this procurement.")]})
    answer = services.draft_answer(
        procurement,
        user=request.user,
        public_question=data["public_question"],
        text=data["text"],
        questions=questions,
        kind=data["kind"],
        lot=_lot(procurement, data.get("lot")),
        requirement=_requirement(procurement, data.get("requirement")),
        significant_change=data["significant_change"],
    )
    return Response(StaffAnswerSerializer(_staff_answers(procurement).get(pk=answer.pk)).data, status=201)


def _answer_for(user, procurement, answer_pk):
    """Published answers for everyone; drafts only for the buyer's staff (404 for anyone else)."""
    if access.is_buyer_staff(user, procurement):
        return get_object_or_404(_staff_answers(procurement), pk=answer_pk), StaffAnswerSerializer
    return get_object_or_404(access.published_answers(procurement), pk=answer_pk), AnswerSerializer


@extend_schema(
    methods=["GET"],
    summary="One answer: published for everyone, drafts for the buyer's staff",
    request=None,
    responses={200: StaffAnswerSerializer, 404: NOT_FOUND},
    auth=[],
)
@extend_schema(
    methods=["PATCH"],
    summary="Change a draft answer (buyer's staff); a published answer is never changed (409)",
    request=AnswerChangeSerializer,
    responses={200: StaffAnswerSerializer, 400: BAD_INPUT, 409: CONFLICT},
)
@extend_schema(
    methods=["DELETE"],
    summary="Discard a draft answer (buyer's staff); its questions are unanswered again. Published: 409",
    request=None,
    responses={204: None, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["GET", "PATCH", "DELETE"])
@permission_classes([IsAuthenticatedOrReadOnly])
def answer_detail(request, pk, answer_pk):
    if request.method == "PATCH":
        return _change_answer(request, pk, answer_pk)
    if request.method == "DELETE":
        procurement = access.get_staff_procurement(request.user, pk)
        services.discard_draft(access.get_staff_answer(request.user, procurement, answer_pk), user=request.user)
        return Response(status=204)
    procurement = _procurement_for(request.user, pk)
    answer, serializer_class = _answer_for(request.user, procurement, answer_pk)
    return Response(serializer_class(answer).data)


def _change_answer(request, pk, answer_pk):
    procurement = access.get_staff_procurement(request.user, pk)
    answer = access.get_staff_answer(request.user, procurement, answer_pk)
    serializer = AnswerChangeSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    unknown = sorted(set(request.data) - set(serializer.fields))
    if unknown:
        raise ApiValidationError({name: [_("This field cannot be changed.")] for name in unknown})
    changes = dict(serializer.validated_data)
    if "lot" in changes:
        changes["lot"] = _lot(procurement, changes["lot"])
    if "requirement" in changes:
        changes["requirement"] = _requirement(procurement, changes["requirement"])
    services.update_answer(answer, user=request.user, **changes)
    return Response(StaffAnswerSerializer(_staff_answers(procurement).get(pk=answer.pk)).data)


@extend_schema(
    summary="Publish an answer to every supplier at once (buyer's staff)",
    description="After the last day for answers, publishing needs `extend_to` (a later tender deadline, at the "
    "earliest the date the refusal names) or `late_reason`; a significant change always needs `extend_to`. "
    "Refusals give 400 with the reason under that field. Every interested supplier gets one email.",
    request=PublishSerializer,
    responses={200: StaffAnswerSerializer, 400: BAD_INPUT, 409: CONFLICT},
)
@api_view(["POST"])
def answer_publish(request, pk, answer_pk):
    procurement = access.get_staff_procurement(request.user, pk)
    answer = access.get_staff_answer(request.user, procurement, answer_pk)
    serializer = PublishSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    services.publish_answer(
        answer,
        user=request.user,
        extend_to=serializer.validated_data.get("extend_to"),
        late_reason=serializer.validated_data.get("late_reason", ""),
    )
    return Response(StaffAnswerSerializer(_staff_answers(procurement).get(pk=answer.pk)).data)


@extend_schema(
    summary="Draft a correction of a published answer (buyer's staff)",
    description="Published, the correction supersedes the answer; both stay visible.",
    request=CorrectionSerializer,
    responses={201: StaffAnswerSerializer, 400: BAD_INPUT, 409: CONFLICT},
)
@api_view(["POST"])
def answer_correct(request, pk, answer_pk):
    procurement = access.get_staff_procurement(request.user, pk)
    answer = access.get_staff_answer(request.user, procurement, answer_pk)
    serializer = CorrectionSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    correction = services.correct_answer(answer, user=request.user, **serializer.validated_data)
    return Response(StaffAnswerSerializer(_staff_answers(procurement).get(pk=correction.pk)).data, status=201)


# --- Interested suppliers ---------------------------------------------------------------------------------------


def _own_interest(user, procurement):
    return procurement.interested.select_related("organisation").filter(
        organisation__in=access.supplier_organisation_ids(user)
    )


INTERESTS = PolymorphicProxySerializer(
    component_name="InterestOrInterests",
    serializers=[InterestSerializer, InterestPageSerializer],
    resource_type_field_name=None,
    many=False,
)


@extend_schema(
    methods=["GET"],
    summary="Interested suppliers: the list for the buyer's staff; a supplier's own registration (else 404)",
    request=None,
    responses={200: INTERESTS, 403: OpenApiResponse(ErrorSerializer), 404: NOT_FOUND},
)
@extend_schema(
    methods=["PUT"],
    summary="Register for notifications, or change the contact email (supplier contact)",
    request=InterestSerializer,
    responses={200: InterestSerializer, 201: InterestSerializer, 400: BAD_INPUT, 409: CONFLICT},
)
@extend_schema(
    methods=["DELETE"], summary="Withdraw the registration (supplier contact)", request=None, responses={204: None}
)
@api_view(["GET", "PUT", "DELETE"])
def interest(request, pk):
    procurement = _procurement_for(request.user, pk)
    if request.method == "GET" and access.is_buyer_staff(request.user, procurement):
        interests = procurement.interested.select_related("organisation")
        return paginated(request, interests, InterestSerializer)
    if not access.is_supplier(request.user):
        raise PermissionDenied
    if request.method == "PUT":
        return _register(request, procurement)
    if request.method == "DELETE":
        services.withdraw_interest(procurement, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
    return Response(InterestSerializer(get_object_or_404(_own_interest(request.user, procurement))).data)


def _register(request, procurement):
    serializer = InterestSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    existed = _own_interest(request.user, procurement).exists()
    registration = services.register_interest(
        procurement, user=request.user, contact_email=serializer.validated_data["contact_email"]
    )
    return Response(
        InterestSerializer(registration).data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED
    )


# --- Deadlines --------------------------------------------------------------------------------------------------


@extend_schema(
    summary="Extend the tender deadline (buyer's staff); every interested supplier is told",
    request=ExtensionCreateSerializer,
    responses={201: DeadlineExtensionSerializer, 400: BAD_INPUT, 409: CONFLICT},
)
@api_view(["POST"])
def deadline_extensions(request, pk):
    procurement = access.get_staff_procurement(request.user, pk)
    serializer = ExtensionCreateSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    extension = services.extend_tender_deadline(
        procurement, user=request.user, new_deadline=serializer.validated_data["new_deadline"]
    )
    return Response(DeadlineExtensionSerializer(extension).data, status=status.HTTP_201_CREATED)
