"""The supervisor training's public pages: upcoming sessions, the calendar feed, registration without an
account, the registrant's own page behind the signed link in the email, and a supplier's company page.

Registration works without JavaScript: a plain form POST, then a redirect to the registrant's own page.
The signed page changes nothing on GET, because mail scanners open the links in emails.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from insteg.contracts import access as contracts_access
from insteg.core.forms import add_service_errors
from insteg.lib import exports
from insteg.lib.errors import DomainError
from insteg.privacy.models import ConsentPurpose, ConsentText
from insteg.training import access, ical, services
from insteg.training.models import Registration, Session
from insteg.training.public_forms import RegistrationForm

CALENDAR_TYPE = "text/calendar; charset=utf-8"
POSITION_ID = re.compile(r"[0-9]{1,9}")  # ASCII digits that fit the database: "²" or 10**30 are ignored, not a 500


def status_in_words(session: Session) -> str:
    """Open, full (with or without a waiting list), closed or cancelled, said in words rather than a colour."""
    if session.display_status() == Session.Status.FULL:
        return _("Full: waiting list open") if session.waitlist_enabled else _("Full")
    return session.get_display_status_display()


def _position_parameter(request) -> str:
    """A supplier arrives from a position's "sign up the supervisor" link: carry the position to the session page."""
    position = request.GET.get("position", "")
    return f"?position={position}" if POSITION_ID.fullmatch(position) else ""


@login_not_required
def session_list(request):
    sessions = list(access.public_sessions())
    if export_format := exports.requested_format(request):
        columns = _session_columns(request)
        return exports.response(export_format, "training-sessions", columns, sessions, title=_("Supervisor training"))
    context = {
        "rows": [{"session": session, "status": status_in_words(session)} for session in sessions],
        "position_parameter": _position_parameter(request),
        "feed_url": request.build_absolute_uri(reverse("training:feed")),
        "can_organise": access.can_organise(request.user),
        "is_supplier": services.supplier_organisation(request.user) is not None,
    }
    return render(request, "training/public/session_list.html", context)


def _session_columns(request) -> list[exports.Column]:
    """The public list's columns; times are Swedish time, like on the page."""
    return [
        exports.Column(_("Starts"), lambda s: s.local_start, 18),
        exports.Column(_("Ends"), lambda s: s.local_end, 18),
        exports.Column(_("Course"), lambda s: s.course.title, 32),
        exports.Column(_("Place"), lambda s: s.location or _("Online"), 28),
        exports.Column(_("Also online"), lambda s: bool(s.location and s.online_url), 10),
        exports.Column(_("Seats left"), lambda s: s.seats_left, 10),
        exports.Column(_("Register by"), lambda s: s.local_deadline.date(), 12),
        exports.Column(_("Status"), status_in_words, 20),
        exports.Column(_("Address"), lambda s: request.build_absolute_uri(reverse("training:session", args=[s.pk]))),
    ]


@login_not_required
def calendar_feed(request):
    return HttpResponse(ical.session_calendar(access.public_sessions()), content_type=CALENDAR_TYPE)


@login_not_required
def session_ics(request, pk):
    session = access.get_public_session(pk)
    response = HttpResponse(ical.session_calendar([session]), content_type=CALENDAR_TYPE)
    filename = f"handledarutbildning-{session.local_start:%Y-%m-%d}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _prefill(request) -> dict:
    """A signed-in supplier contact registers themself or a supervisor of one of their company's positions."""
    organisation = services.supplier_organisation(request.user)
    if organisation is None:
        return {}
    user = request.user
    initial = {"name": user.name, "email": user.email, "organisation_name": organisation.name}
    position_pk = request.GET.get("position", "")
    if POSITION_ID.fullmatch(position_pk):
        # Only a position of the user's own company; any other number is ignored rather than revealed.
        position = (
            contracts_access.positions_visible_to(user)
            .filter(pk=int(position_pk), contract__supplier=organisation)
            .only("supervisor_name", "supervisor_email")
            .first()
        )
        if position:
            initial |= {"name": position.supervisor_name, "email": position.supervisor_email}
    return initial


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_detail(request, pk):
    session = access.get_public_session(pk)
    refusal = services.refusal(session)
    form = None
    if refusal is None:
        form = RegistrationForm(
            request.POST if request.method == "POST" else None,
            initial=_prefill(request) if request.method != "POST" else None,
            consent_text=ConsentText.objects.current(ConsentPurpose.TRAINING_REGISTRATION),
        )
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                session,
                **form.service_arguments(),
                user=request.user,
                language=(translation.get_language() or "sv")[:2],
            )
        except ValidationError as error:
            if "session" in getattr(error, "error_dict", {}):
                # The session closed or filled up between the page and the submission: say why, no form.
                refusal, form = " ".join(error.message_dict["session"]), None
            else:
                add_service_errors(form, error)
        else:
            messages.success(request, _("You are registered. We have emailed you a confirmation."))
            return redirect("training:registration", token=services.token_for(registration))
    context = {
        "session": session,
        "course": session.course,
        "status": status_in_words(session),
        "refusal": refusal,
        "form": form,
        "waitlist_only": session.display_status() == Session.Status.FULL,
    }
    return render(request, "training/public/session_detail.html", context)


@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration(request, token):
    registration = services.registration_for_token(token)
    if registration is None:
        raise Http404
    if request.method == "POST":
        try:
            services.withdraw(registration)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Your registration is cancelled, your consent is withdrawn and your details removed.")
            )
        return redirect("training:registration", token=token)
    context = {
        "registration": registration,
        "session": registration.session,
        "course": registration.session.course,
        "position": services.waitlist_position(registration),
        "confirming": "cancel" in request.GET and registration.is_active,
        "ended": registration.session.has_started() or registration.session.status == Session.Status.CANCELLED,
    }
    response = render(request, "training/public/registration.html", context)
    response["X-Robots-Tag"] = "noindex"  # a personal page: keep it out of search engines
    return response


def company_registrations(request):
    organisation = services.supplier_organisation(request.user)
    if organisation is None:
        raise PermissionDenied
    registrations = access.company_registrations(request.user).order_by(
        "session__starts_at", "session__pk", "name", "pk"
    )
    if export_format := exports.requested_format(request):
        return exports.response(
            export_format, "training-registrations", _company_columns(), registrations, title=_("Registrations")
        )
    context = {
        "organisation": organisation,
        "registrations": list(registrations),
        "statuses": Registration.Status,
    }
    return render(request, "training/public/company_registrations.html", context)


def _attended_in_words(registration: Registration) -> str:
    if registration.attended is not None:
        return _("Yes") if registration.attended else _("No")
    return _("Not marked") if registration.session.has_started() else _("Not yet held")


def _company_columns() -> list[exports.Column]:
    return [
        exports.Column(_("Session starts"), lambda r: r.session.local_start, 18),
        exports.Column(_("Course"), lambda r: r.session.course.title, 32),
        exports.Column(_("Person"), lambda r: r.name, 24),
        exports.Column(_("Email"), lambda r: r.email, 28),
        exports.Column(_("Role"), lambda r: r.role, 20),
        exports.Column(_("Status"), lambda r: r.get_status_display(), 18),
        exports.Column(_("Attended"), _attended_in_words, 14),
    ]
