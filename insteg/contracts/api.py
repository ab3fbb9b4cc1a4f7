"""The contracts API: tenders, award, signing, positions, reports and decisions. The same services and access
rules as the pages: a supplier reaches only its own organisation's contracts (another's answer 404).
"""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from insteg.accounts.models import Organisation
from insteg.api import filtering
from insteg.api.filtering import list_view
from insteg.api.pagination import paginated
from insteg.api.schema import BAD_INPUT, CONFLICT, FORBIDDEN, NOT_FOUND
from insteg.contracts import access, services
from insteg.contracts.models import Commitment, Contract, Occupation, PositionType
from insteg.contracts.serializers import (
    AwardSerializer,
    ContractQuery,
    ContractSerializer,
    ContractSignSerializer,
    DecisionSerializer,
    OccupationQuerySerializer,
    OccupationSerializer,
    PositionQuery,
    PositionSerializer,
    PositionTypeSerializer,
    ReportSerializer,
    TenderSerializer,
)
from insteg.procurement import access as procurement_access
from insteg.rules import deadlines


def _valid(serializer_class, request, **kwargs):
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- Reference tables -----------------------------------------------------------------------------------------


@extend_schema(
    summary="Kinds of position (internship, subsidised job, ...)",
    description="The editable table of position types with category, financing, validity dates and source.",
    request=None,
    responses={200: PositionTypeSerializer(many=True)},
)
@list_view
@api_view(["GET"])
def position_type_list(request):
    return paginated(request, PositionType.objects.order_by("name_sv", "pk"), PositionTypeSerializer)


@extend_schema(
    summary="SSYK 2012 occupations (unit groups, Statistics Sweden)",
    parameters=[OccupationQuerySerializer],
    request=None,
    responses={200: OccupationSerializer(many=True), 400: BAD_INPUT},
)
@list_view
@api_view(["GET"])
def occupation_list(request):
    query = OccupationQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return paginated(request, _occupations(query.validated_data.get("q") or ""), OccupationSerializer)


def _occupations(query: str):
    occupations = Occupation.objects.order_by("code")
    query = query.strip()
    if not query:
        return occupations
    if query.isdigit():
        return occupations.filter(code__startswith=query)
    title = Q()
    for word in query.split():
        title &= Q(title_sv__icontains=word)
    return occupations.filter(title | Q(code__startswith=query))


# --- Tenders and award ----------------------------------------------------------------------------------------


@extend_schema(
    methods=["GET"],
    summary="The tenders received for a procurement",
    request=None,
    responses={200: TenderSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
)
@extend_schema(
    methods=["POST"],
    summary="Record a tender",
    description="The SME flag is taken from the supplier organisation. Only for an advertised or awarded "
    "procurement (else 409).",
    request=TenderSerializer,
    responses={201: TenderSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@list_view
@api_view(["GET", "POST"])
def tender_list(request, pk):
    procurement = procurement_access.get_procurement_for_user(request.user, pk, write=True)
    if request.method == "POST":
        data = _valid(TenderSerializer, request)
        tender = services.record_tender(
            procurement,
            user=request.user,
            organisation=_supplier_organisation(data["organisation"]["id"]),
            lot=_lot(procurement, (data.get("lot") or {}).get("number")),
            price_sek=data.get("price_sek"),
        )
        return Response(TenderSerializer(tender).data, status=status.HTTP_201_CREATED)
    return paginated(request, procurement.tenders.select_related("organisation", "lot"), TenderSerializer)


def _supplier_organisation(pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk, kind=Organisation.Kind.SUPPLIER).first()
    if organisation is None:
        raise ApiValidationError({"organisation": [_("Choose a supplier organisation.")]})
    return organisation


def _lot(procurement, number):
    if number is None:
        return None
    lot = procurement.lots.filter(number=number).first()
    if lot is None:
        raise ApiValidationError({"lot": [_("This procurement has no lot %(number)s.") % {"number": number}]})
    return lot


@extend_schema(
    methods=["GET"],
    summary="The award decisions of a procurement, with the standstill",
    request=None,
    responses={200: AwardSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
)
@extend_schema(
    methods=["POST"],
    summary="Record the award decision and the day its notice was sent",
    description="The answer gives the standstill's end and the earliest day the contract may be signed.",
    request=AwardSerializer,
    responses={201: AwardSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@list_view
@api_view(["GET", "POST"])
def award_list(request, pk):
    procurement = procurement_access.get_procurement_for_user(request.user, pk, write=True)
    if request.method == "POST":
        data = _valid(AwardSerializer, request)
        tender = procurement.tenders.filter(pk=data["winner"]["id"]).first()
        if tender is None:
            raise ApiValidationError({"tender": [_("Choose a tender of this procurement.")]})
        decision = services.award(
            procurement,
            user=request.user,
            tender=tender,
            decided_on=data["decided_on"],
            notice_sent_on=data["notice_sent_on"],
            notice_electronic=data["notice_electronic"],
        )
        return Response(AwardSerializer(decision).data, status=status.HTTP_201_CREATED)
    awards = procurement.awards.select_related("procurement", "winner__organisation", "lot")
    with deadlines.rules_read_once():  # each award's standstill reads the time limits
        return paginated(request, awards, AwardSerializer)


@extend_schema(
    summary="Sign the contract of an award",
    description="Signing before the standstill has ended is refused (400 on `signed_on`, naming the earliest "
    "day) unless `early_signing_ground` records the legal ground for an exception. The social commitments are "
    "taken from the procurement's employment requirements.",
    request=ContractSignSerializer,
    responses={201: ContractSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["POST"])
def award_contract(request, award_pk):
    decision = access.get_award_for_buyer(request.user, award_pk)
    data = _valid(ContractSignSerializer, request)
    contract = services.sign_contract(decision, user=request.user, **data)
    return Response(ContractSerializer(_contracts().get(pk=contract.pk)).data, status=status.HTTP_201_CREATED)


# --- Contracts ------------------------------------------------------------------------------------------------


def _contracts(queryset=None):
    """With everything the serializer and the compliance computation read: a constant number of queries."""
    queryset = queryset if queryset is not None else Contract.objects.all()
    return queryset.select_related("procurement", "supplier", "lot").prefetch_related(
        Prefetch("commitments", queryset=Commitment.objects.prefetch_related("position_types")),
        "reports",
        "positions__placements",
    )


@extend_schema(
    summary="Contracts you may see, with commitments and compliance",
    description="The buyer's staff see their municipality's contracts; a supplier's contacts their own company's. "
    "Filter by `supplier`, `procurement`, `active_on` (a day) and words (`q`); sort with `ordering`.",
    parameters=[ContractQuery],
    request=None,
    responses={200: ContractSerializer(many=True), 400: BAD_INPUT},
)
@list_view
@api_view(["GET"])
def contract_list(request):
    contracts = filtering.query(ContractQuery, request).apply(access.contracts_visible_to(request.user))
    return paginated(request, _contracts(contracts), ContractSerializer)


@extend_schema(
    summary="One contract with its commitments and compliance",
    request=None,
    responses={200: ContractSerializer, 404: NOT_FOUND},
)
@api_view(["GET"])
def contract_detail(request, pk):
    contract = access.get_contract_for_user(request.user, pk)
    return Response(ContractSerializer(_contracts().get(pk=contract.pk)).data)


# --- Positions ------------------------------------------------------------------------------------------------


def _position_data(serializer_data) -> dict:
    return {name: value for name, value in serializer_data.items() if name in services.POSITION_FIELDS}


@extend_schema(
    methods=["GET"],
    summary="The positions (places) offered under a contract",
    parameters=[PositionQuery],
    request=None,
    responses={200: PositionSerializer(many=True), 400: BAD_INPUT, 404: NOT_FOUND},
)
@extend_schema(
    methods=["POST"],
    summary="Offer a position",
    description="The supplier's contacts and the buyer's officers. The position type must be one the contract's "
    "commitments allow; the occupation is an SSYK 2012 code.",
    request=PositionSerializer,
    responses={201: PositionSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@list_view
@api_view(["GET", "POST"])
def position_list(request, pk):
    contract = access.get_contract_for_user(request.user, pk, write=request.method == "POST")
    if request.method == "POST":
        data = _valid(PositionSerializer, request)
        position = services.save_position(contract, user=request.user, data=_position_data(data))
        return Response(PositionSerializer(position).data, status=status.HTTP_201_CREATED)
    positions = filtering.query(PositionQuery, request).apply(contract.positions.all())
    return paginated(request, positions.select_related("position_type", "occupation"), PositionSerializer)


@extend_schema(
    summary="Every position you may see, across contracts",
    description="The buyer's staff see the positions of their municipality's contracts, a supplier's contacts "
    "their own company's (the page Positions). Filter by `status`, `occupation` (SSYK code or its first digits), "
    "`position_type`, `municipality`, `contract`, `starts_before` and words in the title (`q`).",
    parameters=[PositionQuery],
    request=None,
    responses={200: PositionSerializer(many=True), 400: BAD_INPUT},
)
@list_view
@api_view(["GET"])
def all_position_list(request):
    positions = filtering.query(PositionQuery, request).apply(access.positions_visible_to(request.user))
    return paginated(request, positions.select_related("position_type", "occupation"), PositionSerializer)


@extend_schema(
    methods=["GET"], summary="One position", request=None, responses={200: PositionSerializer, 404: NOT_FOUND}
)
@extend_schema(
    methods=["PATCH"],
    summary="Change a position",
    request=PositionSerializer,
    responses={200: PositionSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["GET", "PATCH"])
def position_detail(request, pk, position_pk):
    contract = access.get_contract_for_user(request.user, pk, write=request.method == "PATCH")
    position = access.get_position_for_user(request.user, contract, position_pk)
    if request.method == "PATCH":
        serializer = PositionSerializer(position, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        position = services.save_position(
            contract, user=request.user, data=_position_data(serializer.validated_data), position=position
        )
    return Response(PositionSerializer(position).data)


# --- Reports --------------------------------------------------------------------------------------------------


@extend_schema(
    methods=["GET"],
    summary="The supplier's compliance reports for a contract",
    request=None,
    responses={200: ReportSerializer(many=True), 404: NOT_FOUND},
)
@extend_schema(
    methods=["POST"],
    summary="Submit the report for a period (the supplier's contacts)",
    description="Counts and months only, never personal data; both confirmations must be true. The period must "
    "be one of the contract's reporting periods that has started, not yet reported.",
    request=ReportSerializer,
    responses={201: ReportSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@list_view
@api_view(["GET", "POST"])
def report_list(request, pk):
    contract = access.get_contract_for_user(request.user, pk)
    if request.method == "POST":
        if not access.is_contract_supplier(request.user, contract):
            raise PermissionDenied(_("Only the supplier's contacts report on the contract."))
        data = _valid(ReportSerializer, request)
        report = services.submit_report(contract, user=request.user, data=data)
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)
    return paginated(request, contract.reports.order_by("period_start", "pk"), ReportSerializer)


# --- Decisions ------------------------------------------------------------------------------------------------


@extend_schema(
    methods=["GET"],
    summary="The buyer's vite and bonus decisions on a contract",
    description="The buyer's officers, and the contract's supplier for its own contract.",
    request=None,
    responses={200: DecisionSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
)
@extend_schema(
    methods=["POST"],
    summary="Decide vite, bonus or neither (the buyer's officers)",
    description="The suggested amount from the compliance computation is kept beside the decision; the "
    "supplier's contacts are told by email.",
    request=DecisionSerializer,
    responses={201: DecisionSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@list_view
@api_view(["GET", "POST"])
def decision_list(request, pk):
    if request.method == "POST":
        contract = access.get_buyer_contract(request.user, pk)
        data = _valid(DecisionSerializer, request)
        decision = services.decide(_contracts().get(pk=contract.pk), user=request.user, **data)
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)
    contract = access.get_contract_for_user(request.user, pk)
    if not (access.is_buyer(request.user, contract) or access.is_contract_supplier(request.user, contract)):
        raise PermissionDenied
    return paginated(request, contract.decisions.order_by("-decided_at", "-pk"), DecisionSerializer)
