"""A proposal's page (the matching officer sends it to the host; the host accepts or declines) and placements.

The host sees only what was disclosed: first name, proposed start, the position and the shared adaptations,
never the last name, contact details, birth year, programme, target group or anything else (OSL; JO 1029-2017).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insteg.accounts.models import Role
from insteg.core.forms import add_service_errors
from insteg.lib import exports
from insteg.lib.errors import DomainError
from insteg.matching import access, services
from insteg.matching.forms import DecisionForm, ProposeForm
from insteg.matching.models import Adaptation, ParticipantView, Proposal

PAGE_SIZE = 50


def _labels(codes) -> list[str]:
    return [Adaptation(code).label for code in codes if code in Adaptation.values]


def _is_matching_officer_for(user, proposal: Proposal) -> bool:
    return proposal.participant.municipality_id in user.organisations_with_role(Role.MATCHING_OFFICER)


def _training_warning(placement) -> bool:
    """The rule "warn" lets the placement through; the page says the supervisor still needs the training."""
    return (
        placement is not None
        and settings.INSTEG_SUPERVISOR_TRAINING_RULE == "warn"
        and not services.supervisor_is_ready(placement.position)
    )


def _placement(proposal: Proposal):
    if proposal.status != Proposal.Status.ACCEPTED:
        return None
    return getattr(proposal, "placement", None)


def _render_host(request, proposal: Proposal, *, decline_form=None):
    may_decide = proposal.status == Proposal.Status.PROPOSED and services.host_may_decide(request.user, proposal)
    placement = _placement(proposal)
    context = {
        "proposal": proposal,
        "first_name": proposal.participant.first_name,
        "position": proposal.position,
        "shared_adaptations": _labels(proposal.shared_adaptations),
        "may_decide": may_decide,
        "decline_form": decline_form
        or DecisionForm(initial={"decision": DecisionForm.DECLINE}, auto_id="id_decline_%s"),
        "placement": placement,
        "training_warning": _training_warning(placement),
    }
    return render(request, "matching/proposals/host.html", context)


def _render_officer(request, proposal: Proposal, *, form=None):
    may_act = _is_matching_officer_for(request.user, proposal)
    may_propose = may_act and proposal.status == Proposal.Status.DRAFT
    placement = _placement(proposal)
    context = {
        "proposal": proposal,
        "participant": proposal.participant,
        "position": proposal.position,
        "shared_adaptations": _labels(proposal.shared_adaptations),
        "may_propose": may_propose,
        "may_withdraw": may_act and proposal.status in (Proposal.Status.DRAFT, Proposal.Status.PROPOSED),
        "form": (form or ProposeForm(proposal=proposal)) if may_propose else None,
        "placement": placement,
        "training_warning": _training_warning(placement),
    }
    return render(request, "matching/proposals/detail.html", context)


def proposal_detail(request, pk):
    proposal = access.get_proposal_for_user(request.user, pk)  # logs the read
    if access.is_host_view(request.user, proposal):
        if request.method == "POST":
            raise PermissionDenied
        return _render_host(request, proposal)
    if request.method != "POST":
        return _render_officer(request, proposal)
    if not (_is_matching_officer_for(request.user, proposal) and proposal.status == Proposal.Status.DRAFT):
        raise PermissionDenied
    form = ProposeForm(request.POST, proposal=proposal)
    if form.is_valid():
        try:
            services.propose_to_host(
                proposal,
                user=request.user,
                disclosure=form.cleaned_data["disclosure"],
                shared_adaptations=form.cleaned_data.get("shared_adaptations", []),
                proposed_start=form.cleaned_data["proposed_start"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The proposal is sent to the host. Its contacts are told by email, without names.")
            )
            return redirect("matching:proposal", pk=proposal.pk)
    return _render_officer(request, proposal, form=form)


def _visible_proposal(user, pk) -> Proposal:
    """For actions that show nothing themselves: no read is logged here (the page they lead to logs)."""
    return get_object_or_404(
        access.proposals_visible_to(user).select_related("participant", "position__contract__supplier"), pk=pk
    )


@require_POST
def proposal_decide(request, pk):
    proposal = _visible_proposal(request.user, pk)
    if not access.is_host_view(request.user, proposal) or not services.host_may_decide(request.user, proposal):
        raise PermissionDenied
    form = DecisionForm(request.POST, auto_id="id_decline_%s")
    if not form.is_valid():
        services.log_views(
            request.user, [proposal.participant], purpose=ParticipantView.Purpose.HOST_REVIEW, where="proposal"
        )
        return _render_host(request, proposal, decline_form=form)
    accept = form.cleaned_data["decision"] == DecisionForm.ACCEPT
    try:
        placement = services.decide(
            proposal, user=request.user, accept=accept, decline_reason=form.cleaned_data.get("decline_reason", "")
        )
    except (DomainError, ValidationError) as error:
        messages.error(request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error))
    else:
        if placement is None:
            messages.success(request, _("You declined the proposal. The matching officer is told the reason."))
        else:
            messages.success(request, _("You accepted the proposal. The placement is planned."))
    return redirect("matching:proposal", pk=proposal.pk)


@require_POST
def proposal_withdraw(request, pk):
    proposal = _visible_proposal(request.user, pk)
    if not _is_matching_officer_for(request.user, proposal):
        raise PermissionDenied
    try:
        services.withdraw(proposal, user=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The proposal is withdrawn."))
    return redirect("matching:proposal", pk=proposal.pk)


# What the placement list and its export show, and what deciding the host's view reads.
PLACEMENT_ROW_FIELDS = (
    "starts_on", "planned_end_on", "supervisor_name", "status", "proposal", "participant", "position",
    "participant__first_name", "participant__last_name", "participant__municipality", "participant__referred_by",
    "position__title", "position__contract", "position__contract__supplier", "position__contract__supplier__name",
)  # fmt: skip


def placement_list(request):
    user = request.user
    if not user.has_role(Role.MATCHING_OFFICER, Role.EMPLOYMENT_OFFICER, Role.SUPPLIER_CONTACT):
        raise PermissionDenied
    # Only the columns shown: the sort over every visible placement then carries narrow rows, not each person's
    # notes and adaptations (4× faster at three municipality-years, and it grows with the years).
    placements = (
        access.placements_visible_to(user)
        .select_related("participant", "position__contract__supplier")
        .only(*PLACEMENT_ROW_FIELDS)
    )
    export_format = exports.requested_format(request)
    if export_format:
        page, shown = None, list(placements[: exports.MAX_ROWS])
    else:
        page = Paginator(placements, PAGE_SIZE).get_page(request.GET.get("page"))
        shown = list(page.object_list)
    matcher_of = user.organisations_with_role(Role.MATCHING_OFFICER)
    for placement in shown:
        # A host sees the first name only; officers see the person and may follow the link.
        placement.host_view = (
            placement.participant.municipality_id not in matcher_of and placement.participant.referred_by_id != user.pk
        )
    services.log_views(
        user, [placement.participant for placement in shown], purpose=ParticipantView.Purpose.FOLLOW_UP,
        where="placement list export" if export_format else "placement list",
    )  # fmt: skip
    if export_format:
        return exports.response(export_format, "placements", _placement_columns(), shown, title=_("Placements"))
    return render(request, "matching/proposals/placements.html", {"page": page, "placements": shown})


def _person_as_shown(placement) -> str:
    participant = placement.participant
    return participant.first_name if placement.host_view else f"{participant.first_name} {participant.last_name}"


def _placement_columns() -> list[exports.Column]:
    """As on the page: a host company gets the first name only, an officer the whole name."""
    return [
        exports.Column(_("Person"), _person_as_shown, 24),
        exports.Column(_("Position"), lambda p: p.position.title, 32),
        exports.Column(_("Host"), lambda p: str(p.position.contract.supplier), 28),
        exports.Column(_("Starts"), lambda p: p.starts_on, 12),
        exports.Column(_("Planned end"), lambda p: p.planned_end_on, 12),
        exports.Column(_("Supervisor"), lambda p: p.supervisor_name, 24),
        exports.Column(_("Status"), lambda p: p.get_status_display(), 14),
    ]
