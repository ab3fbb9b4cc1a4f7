"""The data protection officer's pages for data subject requests (GDPR art. 15–18, 21), and "My data".

Find the person, then export (JSON or PDF), rectify, restrict or erase. Every read of a participant's data here
is written to the view log with the purpose "dpo" (an export with "export"), and every change to the audit trail.
Searches are posted, so names and email addresses never end up in URLs or server logs.
"""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insteg.lib.errors import DomainError
from insteg.matching import services as matching_services
from insteg.matching.models import ParticipantView
from insteg.privacy import access, dsr_services, subject_access
from insteg.privacy.dsr_forms import EmailForm, RectifyForm, RestrictForm, SubjectSearchForm
from insteg.privacy.subject_access_pdf import export_pdf

DPO = ParticipantView.Purpose.DPO


def download(data: dict, filename: str, *, as_pdf: bool) -> HttpResponse:
    """The export as a file named by an id, never a name: a download folder should not list people."""
    if as_pdf:
        response = HttpResponse(export_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response


def _wants_pdf(request) -> bool:
    return (request.GET.get("format") or request.POST.get("format")) == "pdf"


def requests_page(request):
    access.require_supervisor(request.user)
    form = SubjectSearchForm(request.POST or None)
    context = {"form": form, "searched": False}
    if request.method == "POST" and form.is_valid():
        kind, query = form.cleaned_data["kind"], form.cleaned_data["query"]
        context["searched"] = kind
        if kind == "participant":
            people = access.search_participants(request.user, query)
            matching_services.log_views(request.user, people, purpose=DPO, where="data subject request search")
            context["participants"] = people
        elif kind == "registrant":
            context["email"] = query.strip()
            context["registrations"] = list(subject_access.registrations_for(query))
        else:
            context["users"] = access.search_users(request.user, query)
    return render(request, "privacy/requests.html", context)


def participant_request(request, pk):
    access.require_supervisor(request.user)
    participant = access.get_participant(request.user, pk)
    rectify = RectifyForm(initial=_contact(participant), prefix="rectify")
    restrict = RestrictForm(prefix="restrict")
    if request.method == "POST":
        action = request.POST.get("action")
        if _participant_action(request, participant, action):
            return redirect("privacy:requests") if action == "erase" else redirect(request.path)
        participant.refresh_from_db()
        if action == "rectify":
            rectify = RectifyForm(request.POST, prefix="rectify")
            rectify.is_valid()
        elif action == "restrict":
            restrict = RestrictForm(request.POST, prefix="restrict")
            restrict.is_valid()
    matching_services.log_views(request.user, [participant], purpose=DPO, where="data subject request")
    context = {"participant": participant, "rectify": rectify, "restrict": restrict}
    return render(request, "privacy/participant_request.html", context)


def _contact(participant) -> dict:
    return {name: getattr(participant, name) for name in dsr_services.RECTIFIABLE_FIELDS}


def _participant_action(request, participant, action: str) -> bool:
    """Carry out one posted action; True when it succeeded (a message says what happened)."""
    user = request.user
    try:
        if action == "rectify":
            form = RectifyForm(request.POST, prefix="rectify")
            if not form.is_valid():
                messages.error(request, _("Correct the errors in the form."))
                return False
            dsr_services.rectify_participant(
                participant, data={name: form.cleaned_data[name] for name in dsr_services.RECTIFIABLE_FIELDS}, by=user
            )
            messages.success(request, _("The contact details are corrected."))
        elif action == "restrict":
            form = RestrictForm(request.POST, prefix="restrict")
            if not form.is_valid():
                return False
            dsr_services.restrict_participant(participant, reason=form.cleaned_data["reason"], by=user)
            messages.success(request, _("Processing is restricted: the person is kept but not matched or proposed."))
        elif action == "lift":
            dsr_services.lift_restriction(participant, by=user)
            messages.success(request, _("The restriction is lifted."))
        elif action == "erase":
            dsr_services.erase_participant(participant, by=user)
            messages.success(
                request, _("The person's identifying data is erased. Age band, target group and outcomes remain.")
            )
        else:
            messages.error(request, _("Choose what to do."))
            return False
    except (DomainError, ValidationError) as error:
        messages.error(request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error))
        return False
    return True


def participant_export(request, pk):
    access.require_supervisor(request.user)
    participant = access.get_participant(request.user, pk)
    data = subject_access.export_participant(participant, request.user)  # logs the read as an export
    return download(data, f"participant-{participant.public_id}", as_pdf=_wants_pdf(request))


@require_POST
def registrant_request(request):
    """Export (JSON or PDF) or erase everything registered under one email address."""
    access.require_supervisor(request.user)
    form = EmailForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid email address."))
        return redirect("privacy:requests")
    email = form.cleaned_data["email"]
    if request.POST.get("action") == "erase":
        try:
            count = dsr_services.erase_registrant(email, by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(count)d registrations are anonymised.") % {"count": count})
        return redirect("privacy:requests")
    data = subject_access.export_registrant(email, request.user)
    return download(data, "training-registrant", as_pdf=_wants_pdf(request))


def user_request(request, pk):
    access.require_supervisor(request.user)
    subject = access.get_user(request.user, pk)
    if request.method == "POST":
        try:
            dsr_services.anonymise_user(subject, by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The account is anonymised and can no longer sign in."))
            return redirect("privacy:requests")
    return render(request, "privacy/user_request.html", {"subject": subject})


def user_export(request, pk):
    access.require_supervisor(request.user)
    subject = access.get_user(request.user, pk)
    data = subject_access.export_user(subject, request.user)
    return download(data, f"user-{subject.pk}", as_pdf=_wants_pdf(request))


def my_data(request):
    """Anyone signed in downloads what Insteg stores about them (art. 15 and 20), without asking anyone."""
    format_ = request.GET.get("format")
    if format_ in ("json", "pdf"):
        data = subject_access.export_user(request.user, request.user)
        return download(data, f"my-data-{request.user.pk}", as_pdf=format_ == "pdf")
    return render(request, "privacy/my_data.html")
