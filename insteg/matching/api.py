"""The participants, matching and placements API. The same services and access rules as the pages.

Participants are seen only by the municipality's matching officers and the referring employment officer;
everyone else gets 403 on the lists and 404 on a person. Every participant an answer shows is written to
the view log (one insert per answer). A host company sees a proposal only after it was sent to it, and
then only the first name, the start and the adaptations shared with it.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from insteg.accounts.models import Organisation, Role
from insteg.api import examples, filtering
from insteg.api.filtering import list_view
from insteg.api.pagination import Pagination
from insteg.api.schema import BAD_INPUT, CONFLICT, FORBIDDEN, NOT_FOUND
from insteg.contracts import access as contracts_access
from insteg.contracts.models import Position
from insteg.matching import access, engine, services
from insteg.matching.models import Participant, ParticipantView, Placement
from insteg.matching.serializers import (
    DecisionResultSerializer,
    ErasedSerializer,
    ExportSerializer,
    HostPlacementSerializer,
    HostProposalSerializer,
    MatchSuggestionQuerySerializer,
    MatchSuggestionSerializer,
    ParticipantQuery,
    ParticipantSerializer,
    PlacementQuery,
    PlacementSerializer,
    ProposalCreateSerializer,
    ProposalDecisionSerializer,
    ProposalQuery,
    ProposalSerializer,
    ProposeSerializer,
)

WHERE = "api"


def _valid(serializer_class, request, **kwargs):
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer


def _matching_municipalities(user) -> set[int]:
    return user.organisations_with_role(Role.MATCHING_OFFICER)


def _read_purpose(user) -> str:
    return ParticipantView.Purpose.MATCHING if access.is_matching_officer(user) else ParticipantView.Purpose.REFERRAL


def _page_logged(request, items, participant_of, *, purpose: str, to_data):
    """One page in contract.md's list shape; the people on it are written to the view log in one insert."""
    paginator = Pagination()
    page = paginator.paginate_queryset(items, request)
    shown = list({participant.pk: participant for participant in map(participant_of, page)}.values())
    services.log_views(request.user, shown, purpose=purpose, where=WHERE)
    return paginator.get_paginated_response(to_data(page))


# --- Participants ---------------------------------------------------------------------------------------------


def _require_participant_staff(user) -> None:
    """Only the roles that work with participants reach the lists; the rest get 403 (a person: 404)."""
    if not user.has_role(Role.MATCHING_OFFICER, Role.EMPLOYMENT_OFFICER):
        raise PermissionDenied(_("Only matching officers and employment-service officers see participants."))


def _participants(queryset):
    return queryset.select_related("programme").prefetch_related("occupations")


def _municipality_for_new(user, municipality_id: int | None) -> Organisation:
    """The municipality named, or the only one that fits: the officer's own, or the only one there is."""
    municipalities = services.municipalities_for(user)
    if municipality_id is not None:
        chosen = [municipality for municipality in municipalities if municipality.pk == municipality_id]
        if not chosen:
            raise ApiValidationError({"municipality": [_("There is no municipality with this id.")]})
        return chosen[0]
    own = [municipality for municipality in municipalities if municipality.pk in _matching_municipalities(user)]
    for candidates in (own, municipalities):
        if len(candidates) == 1:
            return candidates[0]
    raise ApiValidationError({"municipality": [_("Choose the municipality the person is registered with.")]})


@extend_schema(
    methods=["GET"],
    summary="Participants you work with",
    description="A municipality's matching officers see its participants; an employment-service officer those "
    "they referred. Every person listed is written to the view log. Filter by `status`, `target_group`, "
    "`occupation`, `home_municipality`, `available_before` and words in the name (`q`); sort with `ordering`.",
    parameters=[ParticipantQuery],
    request=None,
    responses={200: ParticipantSerializer(many=True), 400: BAD_INPUT, 403: FORBIDDEN},
)
@extend_schema(
    methods=["POST"],
    summary="Register or refer a participant",
    description="Matching officers and employment-service officers. `municipality` may be left out when only "
    "one fits. No health details: adaptations come from a fixed list and notes refusing health words.",
    request=ParticipantSerializer,
    responses={201: ParticipantSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 409: CONFLICT},
    examples=[examples.request("A referral", examples.PARTICIPANT_CREATE), examples.BAD_INPUT],
)
@list_view
@api_view(["GET", "POST"])
def participant_list(request):
    user = request.user
    _require_participant_staff(user)
    if request.method == "POST":
        serializer = _valid(ParticipantSerializer, request)
        municipality = _municipality_for_new(user, serializer.validated_data.get("municipality"))
        if not services.can_register(user, municipality):
            raise PermissionDenied(_("Only the municipality's matching officers register people there."))
        participant = services.save_participant(user, data=serializer.service_data(), municipality=municipality)
        services.log_views(user, [participant], purpose=_read_purpose(user), where=WHERE)
        data = ParticipantSerializer(participant, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)
    participants = _participants(filtering.query(ParticipantQuery, request).apply(access.participants_visible_to(user)))
    return _page_logged(
        request,
        participants,
        lambda participant: participant,
        purpose=_read_purpose(user),
        to_data=lambda page: ParticipantSerializer(page, many=True, context={"request": request}).data,
    )


@extend_schema(
    methods=["GET"],
    summary="One participant",
    description="The read is written to the view log.",
    request=None,
    responses={200: ParticipantSerializer, 404: NOT_FOUND},
)
@extend_schema(
    methods=["PATCH"],
    summary="Change a participant",
    request=ParticipantSerializer,
    responses={200: ParticipantSerializer, 400: BAD_INPUT, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["GET", "PATCH"])
def participant_detail(request, pk):
    user = request.user
    participant = access.get_participant_for_user(user, pk, purpose=_read_purpose(user), where=WHERE)
    if request.method == "PATCH":
        serializer = _valid(ParticipantSerializer, request, instance=participant, partial=True)
        if "municipality" in serializer.validated_data:
            raise ApiValidationError({"municipality": [_("A participant's municipality cannot be changed.")]})
        participant = services.save_participant(
            user, data=serializer.service_data(), municipality=participant.municipality, participant=participant
        )
    participant = _participants(Participant.objects).get(pk=participant.pk)
    return Response(ParticipantSerializer(participant, context={"request": request}).data)


@extend_schema(
    summary="Everything stored about a participant, as JSON (GDPR art. 15)",
    description="The person's data, proposals, placements and the view log. The export itself is logged.",
    request=None,
    responses={200: ExportSerializer, 404: NOT_FOUND},
)
@api_view(["GET"])
def participant_export(request, pk):
    # services.export writes the read to the view log with the purpose "export".
    participant = get_object_or_404(access.participants_visible_to(request.user), pk=pk)
    return Response(services.export(request.user, participant))


@extend_schema(
    summary="Erase a participant (anonymise)",
    description="The municipality's matching officers only. The person's identifying data goes from every table; "
    "age band, target group, programme and outcomes stay for statistics. The person is then gone from the API.",
    request=None,
    responses={200: ErasedSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["POST"])
def participant_erase(request, pk):
    participant = get_object_or_404(access.participants_visible_to(request.user), pk=pk)
    if participant.municipality_id not in _matching_municipalities(request.user):
        raise PermissionDenied(_("Only the municipality's matching officers erase a person's data."))
    participant = services.erase(request.user, participant)
    return Response(ErasedSerializer({"erased": True, "public_id": participant.public_id}).data)


# --- Matching -------------------------------------------------------------------------------------------------


def _require_matching_officer(user) -> None:
    if not access.is_matching_officer(user):
        raise PermissionDenied(_("Only matching officers see and prepare proposals."))


def _open_positions(user):
    return (
        contracts_access.positions_visible_to(user)
        .filter(status=Position.Status.OPEN, contract__procurement__organisation__in=_matching_municipalities(user))
        .select_related("contract", "position_type", "occupation")
        .order_by("pk")
    )


def _available_participants(user):
    return access.participants_visible_to(user).filter(
        status=Participant.Status.AVAILABLE, municipality__in=_matching_municipalities(user)
    )


def _suggestions(user, query: dict) -> list:
    """(participant, position, fit) triples, best first: for a position, for a person, or the optimal assignment."""
    if "position" in query:
        position = get_object_or_404(_open_positions(user), pk=query["position"])
        ranked = engine.candidates_for(position, participants=_available_participants(user))
        return [(participant, position, fit) for participant, fit in ranked]
    if "participant" in query:
        participant = get_object_or_404(_participants(_available_participants(user)), pk=query["participant"])
        ranked = engine.positions_for(participant, positions=_open_positions(user))
        return [(participant, position, fit) for position, fit in ranked]
    municipalities = Organisation.objects.filter(pk__in=_matching_municipalities(user)).order_by("pk")
    return [suggestion for municipality in municipalities for suggestion in engine.optimal(municipality)]


@extend_schema(
    methods=["GET"],
    summary="Scored, explained suggestions: a person decides",
    description="`?position=` ranks the candidates for a position, `?participant=` the positions for a person; "
    "without either, the assignment of people to open positions that is best across all of them. Each score "
    "is broken down in `explanation`. Matching officers only; every person shown is logged.",
    parameters=[MatchSuggestionQuerySerializer],
    request=None,
    responses={200: MatchSuggestionSerializer(many=True), 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND},
)
@extend_schema(
    methods=["POST"],
    summary="Prepare a proposal of a person for a position",
    description="Matching officers. The position must be open and the constraints met (else 400); the score "
    "and its explanation are kept with the proposal.",
    request=ProposalCreateSerializer,
    responses={201: ProposalSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 409: CONFLICT},
)
@list_view
@api_view(["GET", "POST"])
def proposal_list(request):
    user = request.user
    _require_matching_officer(user)
    if request.method == "POST":
        data = _valid(ProposalCreateSerializer, request).validated_data
        participant = _participants(access.participants_visible_to(user)).filter(pk=data["participant"]).first()
        if participant is None:
            raise ApiValidationError({"participant": [_("There is no such participant among yours.")]})
        position = _open_positions(user).filter(pk=data["position"]).first()
        if position is None:
            raise ApiValidationError({"position": [_("There is no such open position in your municipality.")]})
        services.log_views(user, [participant], purpose=ParticipantView.Purpose.MATCHING, where=WHERE)
        proposal = services.prepare_proposal(user, participant=participant, position=position)
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)
    query = MatchSuggestionQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return _page_logged(
        request,
        _suggestions(user, query.validated_data),
        lambda suggestion: suggestion[0],
        purpose=ParticipantView.Purpose.MATCHING,
        to_data=lambda page: MatchSuggestionSerializer(page, many=True).data,
    )


PROPOSAL_FOR_READER = PolymorphicProxySerializer(
    component_name="ProposalForReader",
    serializers=[ProposalSerializer, HostProposalSerializer],
    resource_type_field_name=None,
)


def _proposal_data(user, proposal) -> dict:
    if access.is_host_view(user, proposal):
        return HostProposalSerializer(proposal).data
    return ProposalSerializer(proposal).data


@extend_schema(
    summary="One proposal",
    description="Matching officers and the referring officer see all of it; the host company, once it was sent, "
    "only `id`, `status`, `position`, `first_name`, `proposed_start` and `shared_adaptations`. Logged.",
    request=None,
    responses={200: PROPOSAL_FOR_READER, 404: NOT_FOUND},
)
@api_view(["GET"])
def proposal_detail(request, pk):
    proposal = access.get_proposal_for_user(request.user, pk)
    return Response(_proposal_data(request.user, proposal))


PROPOSALS_FOR_READER = PolymorphicProxySerializer(
    component_name="ProposalForReader",
    serializers=[ProposalSerializer, HostProposalSerializer],
    resource_type_field_name=None,
    many=True,
)


@extend_schema(
    summary="Proposals prepared so far, in every status",
    description="Matching officers: their municipality's; a referring officer: their participants'; a host "
    "company: the proposals sent to it, showing only what was disclosed. Other roles get 403. Filter by "
    "`status`, `position` and `participant`. Every person shown is written to the view log.",
    parameters=[ProposalQuery],
    request=None,
    responses={200: PROPOSALS_FOR_READER, 400: BAD_INPUT, 403: FORBIDDEN},
)
@list_view
@api_view(["GET"])
def saved_proposal_list(request):
    user = request.user
    if not user.has_role(Role.MATCHING_OFFICER, Role.EMPLOYMENT_OFFICER, Role.SUPPLIER_CONTACT):
        raise PermissionDenied(_("Only matching officers, referring officers and host companies see proposals."))
    proposals = filtering.query(ProposalQuery, request).apply(access.proposals_visible_to(user))
    paginator = Pagination()
    page = paginator.paginate_queryset(proposals.select_related("participant", "position__contract"), request)
    rows = _rows_as_read(
        user,
        page,
        seen_by_host=lambda proposal: access.is_host_view(user, proposal),
        serializers=(ProposalSerializer, HostProposalSerializer),
        staff_purpose=ParticipantView.Purpose.MATCHING,
    )
    return paginator.get_paginated_response(rows)


def _rows_as_read(user, page, *, seen_by_host, serializers, staff_purpose) -> list[dict]:
    """A page of proposals or placements, each as its reader may see it (staff, or the host company), and every
    person shown written to the view log under the purpose of that view."""
    # One serializer of each kind for the page: building a serializer's fields costs more than a row does.
    staff, host = (serializer() for serializer in serializers)
    shown = {staff_purpose: {}, ParticipantView.Purpose.HOST_REVIEW: {}}
    rows = []
    for item in page:
        as_host = seen_by_host(item)
        shown[ParticipantView.Purpose.HOST_REVIEW if as_host else staff_purpose][item.participant_id] = item.participant
        rows.append((host if as_host else staff).to_representation(item))
    for purpose, participants in shown.items():
        if participants:
            services.log_views(user, list(participants.values()), purpose=purpose, where=WHERE)
    return rows


@extend_schema(
    summary="Withdraw a prepared or proposed match",
    description="The municipality's matching officers (others who see it: 403). Accepted, declined or already "
    "withdrawn proposals: 409.",
    request=None,
    responses={200: ProposalSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["POST"])
def proposal_withdraw(request, pk):
    proposal = get_object_or_404(access.proposals_visible_to(request.user), pk=pk)
    if proposal.participant.municipality_id not in _matching_municipalities(request.user):
        raise PermissionDenied(_("Only the municipality's matching officers withdraw a proposal."))
    proposal = services.withdraw(proposal, user=request.user)
    return Response(ProposalSerializer(access.proposals_visible_to(request.user).get(pk=proposal.pk)).data)


@extend_schema(
    summary="Send a prepared proposal to the host company",
    description="The municipality's matching officers. Needs the recorded basis for disclosure (the person's "
    "consent or a confidentiality assessment); the host's contacts are emailed without the person's name.",
    request=ProposeSerializer,
    responses={200: ProposalSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["POST"])
def proposal_propose(request, pk):
    proposal = access.get_proposal_for_user(request.user, pk)
    if proposal.participant.municipality_id not in _matching_municipalities(request.user):
        raise PermissionDenied(_("Only the municipality's matching officers propose people to hosts."))
    data = _valid(ProposeSerializer, request).validated_data
    proposal = services.propose_to_host(proposal, user=request.user, **data)
    return Response(ProposalSerializer(proposal).data)


def _supervisor_warning(placement) -> str | None:
    if placement is None or services.supervisor_is_ready(placement.position):
        return None
    if settings.INSTEG_SUPERVISOR_TRAINING_RULE != "warn":
        return None
    return _("The supervisor has not yet taken the supervisor training: register them before the start.")


@extend_schema(
    summary="The host company accepts or declines a proposal",
    description="The host's contacts. Accepting creates the placement (201); declining needs a reason category "
    "(200). `warning` is set when the supervisor has not taken the supervisor training.",
    request=ProposalDecisionSerializer,
    responses={
        200: DecisionResultSerializer,
        201: DecisionResultSerializer,
        400: BAD_INPUT,
        403: FORBIDDEN,
        404: NOT_FOUND,
        409: CONFLICT,
    },
)
@api_view(["POST"])
def proposal_decision(request, pk):
    proposal = access.get_proposal_for_user(request.user, pk)
    if not services.host_may_decide(request.user, proposal):
        raise PermissionDenied(_("Only the host company's contacts decide on a proposal."))
    data = _valid(ProposalDecisionSerializer, request).validated_data
    placement = services.decide(
        proposal, user=request.user, accept=data["accept"], decline_reason=data["decline_reason"]
    )
    proposal.refresh_from_db()
    result = {"proposal": proposal, "placement": placement, "warning": _supervisor_warning(placement)}
    answer = status.HTTP_201_CREATED if placement else status.HTTP_200_OK
    return Response(DecisionResultSerializer(result).data, status=answer)


# --- Placements -----------------------------------------------------------------------------------------------

PLACEMENT_FOR_READER = PolymorphicProxySerializer(
    component_name="PlacementForReader",
    serializers=[PlacementSerializer, HostPlacementSerializer],
    resource_type_field_name=None,
)
PLACEMENTS_FOR_READER = PolymorphicProxySerializer(
    component_name="PlacementForReader",
    serializers=[PlacementSerializer, HostPlacementSerializer],
    resource_type_field_name=None,
    many=True,
)


def _sees_placement_as_staff(user, placement) -> bool:
    participant = placement.participant
    return participant.municipality_id in _matching_municipalities(user) or participant.referred_by_id == user.pk


def _placement_rows(user, placements) -> list[dict]:
    """Staff follow a placement up; a host sees the first name of the person placed with it."""
    return _rows_as_read(
        user,
        placements,
        seen_by_host=lambda placement: not _sees_placement_as_staff(user, placement),
        serializers=(PlacementSerializer, HostPlacementSerializer),
        staff_purpose=ParticipantView.Purpose.FOLLOW_UP,
    )


def _placements(user):
    # The placement's own columns, and of the person and position only what the serializers and the host check
    # read: the sort over every visible placement then carries narrow rows, not each person's notes.
    return (
        access.placements_visible_to(user)
        .select_related("participant", "position")
        .only(
            *(field.name for field in Placement._meta.concrete_fields),
            "participant__first_name",
            "participant__municipality",
            "participant__referred_by",
            "position__title",
        )
    )


@extend_schema(
    summary="Placements you may see",
    description="Matching officers and the referring officer see the person's name; the host company the first "
    "name only. Other roles get 403. Filter by `status`, `contract`, `position` and the start (`starts_from`, "
    "`starts_to`); sort with `ordering`.",
    parameters=[PlacementQuery],
    request=None,
    responses={200: PLACEMENTS_FOR_READER, 400: BAD_INPUT, 403: FORBIDDEN},
)
@list_view
@api_view(["GET"])
def placement_list(request):
    user = request.user
    if not user.has_role(Role.MATCHING_OFFICER, Role.EMPLOYMENT_OFFICER, Role.SUPPLIER_CONTACT):
        raise PermissionDenied(_("Only matching officers, referring officers and host companies see placements."))
    paginator = Pagination()
    page = paginator.paginate_queryset(filtering.query(PlacementQuery, request).apply(_placements(user)), request)
    return paginator.get_paginated_response(_placement_rows(user, page))


@extend_schema(
    summary="One placement",
    request=None,
    responses={200: PLACEMENT_FOR_READER, 404: NOT_FOUND},
)
@api_view(["GET"])
def placement_detail(request, pk):
    placement = get_object_or_404(_placements(request.user), pk=pk)
    return Response(_placement_rows(request.user, [placement])[0])
