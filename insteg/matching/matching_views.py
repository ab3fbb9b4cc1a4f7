"""The matching officer's pages: positions for a person, candidates for a position, the optimal proposal.

Only the municipality's matching officers use them (403 for anyone else); a person they may not see is a
404. Every person shown is written to the view log with the purpose "matching", in one insert per page.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insteg.accounts.models import Role
from insteg.contracts.models import Position
from insteg.lib.errors import DomainError
from insteg.matching import access, engine, services
from insteg.matching.models import ParticipantView

CANDIDATES_SHOWN = 50  # the best ones; fewer people shown means fewer people's data read
MATCHING = ParticipantView.Purpose.MATCHING


class ProposalPrepareForm(forms.Form):
    participant = forms.IntegerField(min_value=1)
    position = forms.IntegerField(min_value=1)
    next = forms.CharField(required=False, max_length=500)


def _require_matching_officer(user) -> None:
    if not access.is_matching_officer(user):
        raise PermissionDenied


def _officer_positions(user):
    """The positions under the contracts of the municipalities the user matches for."""
    municipalities = user.organisations_with_role(Role.MATCHING_OFFICER)
    return Position.objects.filter(contract__procurement__organisation__in=municipalities).select_related(
        "position_type", "occupation", "contract__supplier", "contract__procurement"
    )


def _officer_municipality(user):
    return next(m.organisation for m in user.active_memberships if m.role == Role.MATCHING_OFFICER)


def positions_for(request, pk):
    _require_matching_officer(request.user)
    participant = access.get_participant_for_user(request.user, pk, purpose=MATCHING, where="positions_for")
    ranked = engine.positions_for(participant)
    return render(request, "matching/matching/positions_for.html", {"participant": participant, "ranked": ranked})


def candidates(request, position_pk):
    _require_matching_officer(request.user)
    position = get_object_or_404(_officer_positions(request.user), pk=position_pk)
    people = (
        access.participants_visible_to(request.user)
        .matchable()
        .filter(municipality_id=position.contract.procurement.organisation_id)
    )
    ranked = engine.candidates_for(position, participants=people)
    shown = ranked[:CANDIDATES_SHOWN]
    services.log_views(request.user, [person for person, _fit in shown], purpose=MATCHING, where="candidates")
    context = {"position": position, "ranked": shown, "total": len(ranked), "limit": CANDIDATES_SHOWN}
    return render(request, "matching/matching/candidates.html", context)


def optimal(request):
    _require_matching_officer(request.user)
    municipality = _officer_municipality(request.user)
    rows = engine.optimal(municipality)
    services.log_views(request.user, [person for person, _position, _fit in rows], purpose=MATCHING, where="optimal")
    context = {"municipality": municipality, "rows": rows, "total_score": sum(fit.score for *_pair, fit in rows)}
    return render(request, "matching/matching/optimal.html", context)


def _back(request, form) -> str:
    target = form.cleaned_data.get("next") if form.is_valid() else request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "matching:optimal"


@require_POST
def proposal_prepare(request):
    _require_matching_officer(request.user)
    form = ProposalPrepareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a person and a position to prepare a proposal."))
        return redirect(_back(request, form))
    participant = access.get_participant_for_user(
        request.user, form.cleaned_data["participant"], purpose=MATCHING, where="proposal_prepare"
    )
    position = get_object_or_404(_officer_positions(request.user), pk=form.cleaned_data["position"])
    try:
        proposal = services.prepare_proposal(request.user, participant=participant, position=position)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect(_back(request, form))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_back(request, form))
    messages.success(request, _("The proposal is prepared. Check it before sending it to the host."))
    return redirect("matching:proposal", pk=proposal.pk)
