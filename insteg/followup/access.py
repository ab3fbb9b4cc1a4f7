"""Who reaches which placement's follow-up. The only door to it, and every door logs the read.

The municipality's matching officers follow up its placements (read and write); the referring
employment-service officer reads them; a host company (supplier contact) reaches only its own placements,
sees the disclosed facts and the situations it reported itself, and reports new ones. Everyone else: 404.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from insteg.accounts.models import Role
from insteg.followup.models import Action, CheckIn, Situation
from insteg.matching.models import ParticipantView, Placement
from insteg.matching.services import log_views

PLACEMENT_RELATED = (
    "participant__municipality",
    "position__contract__supplier",
    "position__position_type",
    "responsible",
)


def is_matching_officer(user) -> bool:
    return user.is_authenticated and user.has_role(Role.MATCHING_OFFICER)


def followed_placements(user):
    """The placements a user follows up or reads: a matching officer's municipality's, a referrer's own."""
    if not user.is_authenticated:
        return Placement.objects.none()
    return (
        Placement.objects.filter(
            Q(participant__municipality__in=user.organisations_with_role(Role.MATCHING_OFFICER))
            | Q(participant__referred_by=user)
        )
        .exclude(participant__erased_at__isnull=False)
        .select_related(*PLACEMENT_RELATED)
    )


def get_followed_placement(user, pk: int, *, where: str) -> Placement:
    placement = get_object_or_404(followed_placements(user), pk=pk)
    log_views(user, [placement.participant], purpose=ParticipantView.Purpose.FOLLOW_UP, where=where)
    return placement


def may_follow_up(user, placement: Placement) -> bool:
    """May record check-ins, answer situations and end the placement (a referrer only reads)."""
    return user.is_authenticated and placement.participant.municipality_id in user.organisations_with_role(
        Role.MATCHING_OFFICER
    )


def host_placements(user):
    if not user.is_authenticated:
        return Placement.objects.none()
    return (
        Placement.objects.filter(position__contract__supplier__in=user.organisations_with_role(Role.SUPPLIER_CONTACT))
        .exclude(participant__erased_at__isnull=False)
        .select_related(*PLACEMENT_RELATED)
    )


def get_host_placement(user, pk: int) -> Placement:
    placement = get_object_or_404(host_placements(user), pk=pk)
    log_views(user, [placement.participant], purpose=ParticipantView.Purpose.FOLLOW_UP, where="host placement")
    return placement


def situations_for(user, placement: Placement):
    """Officers and the referrer see every situation; the host only those it reported."""
    situations = placement.situations.select_related("reported_by")
    if may_follow_up(user, placement) or placement.participant.referred_by_id == user.pk:
        return situations
    return situations.filter(reporter=Situation.Reporter.HOST)


def get_situation(user, placement: Placement, pk: int) -> Situation:
    return get_object_or_404(situations_for(user, placement), pk=pk)


def get_check_in(placement: Placement, pk: int) -> CheckIn:
    return get_object_or_404(placement.check_ins.select_related("step", "assigned_to"), pk=pk)


def get_action(placement: Placement, pk: int) -> Action:
    return get_object_or_404(Action.objects.filter(check_in__placement=placement), pk=pk)


def can_edit_rules(user) -> bool:
    return user.is_authenticated and user.is_administrator


def can_read_rules(user) -> bool:
    return user.is_authenticated and (user.is_administrator or user.has_role(Role.MATCHING_OFFICER))
