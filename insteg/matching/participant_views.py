"""The participant pages: list, register or refer, the person's page, edit, export (GDPR art. 15) and erase.

Every page that shows a person's data logs the read (access.get_participant_for_user or services.log_views):
who, whom, when and why. Only the municipality's matching officers and the referring employment-service
officer get here; anyone else gets 403 on the list and 404 on a person.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from insteg.accounts.models import Organisation, Role
from insteg.core.forms import add_service_errors
from insteg.lib import exports
from insteg.lib.errors import DomainError
from insteg.matching import access, services
from insteg.matching.forms import ParticipantFilterForm, ParticipantForm
from insteg.matching.models import Adaptation, Participant, ParticipantView

PAGE_SIZE = 50
VIEW_LOG_ROWS = 50


def _require_participant_worker(user) -> None:
    """Suppliers, funders, procurement officers and administrators have no business with participants."""
    if not user.has_role(Role.MATCHING_OFFICER, Role.EMPLOYMENT_OFFICER):
        raise PermissionDenied


def _purpose(user) -> str:
    return ParticipantView.Purpose.MATCHING if access.is_matching_officer(user) else ParticipantView.Purpose.REFERRAL


def _is_matching_officer_for(user, participant: Participant) -> bool:
    return participant.municipality_id in user.organisations_with_role(Role.MATCHING_OFFICER)


def _municipalities_for(user):
    """Where the user may register a person: a matching officer's own municipality; an employment officer any."""
    pks = set(user.organisations_with_role(Role.MATCHING_OFFICER))
    if user.has_role(Role.EMPLOYMENT_OFFICER):
        pks |= {organisation.pk for organisation in services.municipalities_for(user)}
    return Organisation.objects.filter(pk__in=pks).order_by("name")


def participant_list(request):
    _require_participant_worker(request.user)
    form = ParticipantFilterForm(request.GET or None)
    participants = access.participants_visible_to(request.user).select_related("programme")
    if form.is_bound:
        participants = form.filter(participants)
    if export_format := exports.requested_format(request):
        return _export_participants(request, export_format, participants)
    page = Paginator(participants, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    services.log_views(request.user, shown, purpose=_purpose(request.user), where="participant list")
    context = {"form": form, "page": page, "participants": shown, "can_register": True}
    return render(request, "matching/participants/list.html", context)


def _export_participants(request, export_format: str, participants):
    """The list as a file: every person in it is a read of personal data, logged like the page logs its rows."""
    rows = list(participants[: exports.MAX_ROWS])
    services.log_views(request.user, rows, purpose=_purpose(request.user), where="participant list export")
    columns = [
        exports.Column(_("First name"), lambda p: p.first_name),
        exports.Column(_("Last name"), lambda p: p.last_name),
        exports.Column(_("Target group"), lambda p: p.get_target_group_display(), 28),
        exports.Column(_("Programme"), lambda p: str(p.programme) if p.programme else "", 28),
        exports.Column(_("Available from"), lambda p: p.available_from, 14),
        exports.Column(_("Status"), lambda p: p.get_status_display(), 16),
    ]
    return exports.response(export_format, "participants", columns, rows, title=_("Participants"))


def _save(request, form, *, participant=None, municipality=None):
    """The service decides; its refusals land on the fields and nothing is written."""
    try:
        return services.save_participant(
            request.user, data=form.service_data(), municipality=municipality, participant=participant
        )
    except ValidationError as error:
        add_service_errors(form, error)
    except DomainError as error:
        form.add_error(None, str(error))
    return None


def participant_create(request):
    _require_participant_worker(request.user)
    municipalities = _municipalities_for(request.user)
    form = ParticipantForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        participant = _save(request, form, municipality=form.cleaned_data["municipality"])
        if participant is not None:
            messages.success(request, _("The person is registered."))
            if access.participants_visible_to(request.user).filter(pk=participant.pk).exists():
                return redirect("matching:participant", pk=participant.pk)
            return redirect("matching:participants")
    return render(request, "matching/participants/form.html", {"form": form, "participant": None})


def participant_edit(request, pk):
    participant = access.get_participant_for_user(request.user, pk, purpose=_purpose(request.user), where="edit")
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        # A fresh copy: the form has already put the posted values on `participant`.
        fresh = Participant.objects.get(pk=participant.pk)
        if _save(request, form, participant=fresh, municipality=fresh.municipality) is not None:
            messages.success(request, _("The changes are saved."))
            return redirect("matching:participant", pk=participant.pk)
    return render(request, "matching/participants/form.html", {"form": form, "participant": participant})


def participant_detail(request, pk):
    user = request.user
    participant = access.get_participant_for_user(user, pk, purpose=_purpose(user), where="participant page")
    is_matcher = _is_matching_officer_for(user, participant)
    context = {
        "participant": participant,
        "adaptations": [Adaptation(code).label for code in participant.adaptations if code in Adaptation.values],
        "occupations": list(participant.occupations.all()),
        "proposals": list(participant.proposals.select_related("position__contract__supplier")),
        "placements": list(participant.placements.select_related("position__contract__supplier")),
        "is_matcher": is_matcher,
        "views": list(participant.views.select_related("viewer")[:VIEW_LOG_ROWS]) if is_matcher else [],
        "view_count": participant.views.count() if is_matcher else 0,
    }
    return render(request, "matching/participants/detail.html", context)


def participant_export(request, pk):
    participant = get_object_or_404(access.participants_visible_to(request.user), pk=pk)
    data = services.export(request.user, participant)  # logs the read itself
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    # The file is named by the pseudonymous id: a download folder should not list people's names.
    response["Content-Disposition"] = f'attachment; filename="participant-{participant.public_id}.json"'
    return response


def participant_erase(request, pk):
    user = request.user
    participant = get_object_or_404(access.participants_visible_to(user), pk=pk)
    if not _is_matching_officer_for(user, participant):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.erase(user, participant)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The person's identifying data is erased. Age band, target group and outcomes remain."),
            )
        return redirect("matching:participants")
    services.log_views(user, [participant], purpose=ParticipantView.Purpose.MATCHING, where="erase")
    return render(request, "matching/participants/erase.html", {"participant": participant})
