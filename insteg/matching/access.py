"""Who sees which participants, proposals and placements. The only door to them, and every door logs.

Participants: the municipality's matching officers and the referring employment-service officer. A host
company sees a proposed person only after disclosure is recorded, and then only first name, start date
and the shared adaptations. Suppliers, funders and procurement officers get 404 for participant data.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from insteg.accounts.models import Role
from insteg.matching.models import Participant, ParticipantView, Placement, Proposal
from insteg.matching.services import log_views


def participants_visible_to(user):
    return Participant.objects.visible_to(user)


def get_participant_for_user(user, pk: int, *, purpose: str, where: str) -> Participant:
    """404 unless the user may see the person; the read is logged."""
    participant = get_object_or_404(participants_visible_to(user).select_related("programme", "municipality"), pk=pk)
    log_views(user, [participant], purpose=purpose, where=where)
    return participant


def is_matching_officer(user) -> bool:
    return user.is_authenticated and user.has_role(Role.MATCHING_OFFICER)


def proposals_visible_to(user):
    """Matching officers: their municipality's; a referring officer: their participants'; a host: proposals
    for its positions that have been sent to it (never drafts)."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    hosts = user.organisations_with_role(Role.SUPPLIER_CONTACT)
    return Proposal.objects.filter(
        Q(participant__municipality__in=user.organisations_with_role(Role.MATCHING_OFFICER))
        | Q(participant__referred_by=user)
        | (Q(position__contract__supplier__in=hosts) & ~Q(status__in=[Proposal.Status.DRAFT]))
    ).exclude(participant__erased_at__isnull=False)


def get_proposal_for_user(user, pk: int) -> Proposal:
    proposal = get_object_or_404(
        proposals_visible_to(user).select_related("participant", "position__contract__supplier"), pk=pk
    )
    host_only = proposal.position.contract.supplier_id in user.organisations_with_role(Role.SUPPLIER_CONTACT)
    purpose = ParticipantView.Purpose.HOST_REVIEW if host_only else ParticipantView.Purpose.MATCHING
    log_views(user, [proposal.participant], purpose=purpose, where="proposal")
    return proposal


def is_host_view(user, proposal: Proposal) -> bool:
    """True when the user sees the proposal as the host: only what was disclosed may be shown."""
    return not is_matching_officer(user) and proposal.participant.referred_by_id != user.pk


def placements_visible_to(user):
    if not user.is_authenticated:
        return Placement.objects.none()
    hosts = user.organisations_with_role(Role.SUPPLIER_CONTACT)
    return Placement.objects.filter(
        Q(participant__municipality__in=user.organisations_with_role(Role.MATCHING_OFFICER))
        | Q(participant__referred_by=user)
        | Q(position__contract__supplier__in=hosts)
    ).exclude(participant__erased_at__isnull=False)
