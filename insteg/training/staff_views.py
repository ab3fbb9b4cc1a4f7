"""The organiser's pages: courses, sessions, registrations, attendance, the export and the certificates.

Organisers are the course organisation's matching officers and administrators (`access.py`); other people
get 403 on the lists and forms and 404 on another organiser's sessions. Every change goes through
`services.py`, which checks the same rule again and writes the audit trail.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from insteg.core.forms import add_service_errors
from insteg.lib import exports
from insteg.lib.errors import DomainError
from insteg.privacy import audit
from insteg.training import access, documents, services
from insteg.training.models import Registration
from insteg.training.staff_forms import AttendanceForm, CancelSessionForm, CourseForm, SessionForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_organiser(user) -> None:
    if not access.can_organise(user):
        raise PermissionDenied


def _organisation(user):
    """The organisation a new course belongs to: the organiser's own municipality (their first membership)."""
    organisations = access.organiser_organisations(user)
    return next(m.organisation for m in user.active_memberships if m.organisation_id in organisations)


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Overview -------------------------------------------------------------------------------------------------


def manage(request):
    _require_organiser(request.user)
    now = timezone.now()
    sessions = access.managed_sessions(request.user).with_counts()
    if export_format := exports.requested_format(request):
        rows = sessions.order_by("-starts_at", "-pk")
        return exports.response(export_format, "training-sessions", _managed_columns(), rows, title=_("Sessions"))
    context = {
        "upcoming": list(sessions.filter(starts_at__gt=now).order_by("starts_at", "pk")),
        "past": list(sessions.filter(starts_at__lte=now).order_by("-starts_at", "-pk")),
        "courses": list(access.managed_courses(request.user).annotate(session_count=Count("sessions"))),
    }
    return render(request, "training/staff/manage.html", context)


def _managed_columns() -> list[exports.Column]:
    """Upcoming and past sessions in one list, the latest first, with the counts the page shows."""
    return [
        exports.Column(_("Starts"), lambda s: s.local_start, 18),
        exports.Column(_("Ends"), lambda s: s.local_end, 18),
        exports.Column(_("Course"), lambda s: s.course.title, 32),
        exports.Column(_("Place"), lambda s: s.location, 28),
        exports.Column(_("Seats taken"), lambda s: s.confirmed, 10),
        exports.Column(_("Seats"), lambda s: s.capacity, 10),
        exports.Column(_("Waiting"), lambda s: s.waitlisted, 10),
        exports.Column(_("Status"), lambda s: s.get_display_status_display(), 16),
    ]


# --- Courses --------------------------------------------------------------------------------------------------


def course_create(request):
    _require_organiser(request.user)
    return _course_form(request, course=None)


def course_edit(request, pk):
    course = access.get_managed_course(request.user, pk)
    return _course_form(request, course=course)


def _course_form(request, *, course):
    form = CourseForm.for_course(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        organisation = course.organisation if course else _organisation(request.user)
        try:
            saved = services.save_course(
                user=request.user, organisation=organisation, data=form.cleaned_data, course=course
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The course “%(title)s” is saved.") % {"title": saved.title})
            return redirect("training:manage")
    return render(request, "training/staff/course_form.html", {"form": form, "course": course})


# --- Sessions -------------------------------------------------------------------------------------------------


def session_create(request):
    _require_organiser(request.user)
    courses = access.managed_courses(request.user)
    preselected = request.GET.get("course", "")
    course = courses.filter(pk=int(preselected)).first() if preselected.isdigit() else None
    form = SessionForm.for_session(request.POST or None, courses=courses, course=course)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_session(
                user=request.user, course=form.cleaned_data["course"], data=form.session_data()
            )
        except ValidationError as error:
            form.add_session_errors(error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The session is created."))
            return redirect("training:session_manage", pk=session.pk)
    context = {"form": form, "session": None, "has_courses": courses.exists()}
    return render(request, "training/staff/session_form.html", context)


def session_edit(request, pk):
    session = access.get_managed_session(request.user, pk)
    if session.status == session.Status.CANCELLED:
        messages.info(request, _("This session is cancelled and can no longer be changed."))
        return render(request, "training/staff/session_form.html", {"form": None, "session": session})
    courses = access.managed_courses(request.user).filter(organisation=session.course.organisation_id)
    form = SessionForm.for_session(request.POST or None, courses=courses, session=session)
    if request.method == "POST" and form.is_valid():
        data = {**form.session_data(), "course": form.cleaned_data["course"]}
        try:
            services.update_session(session, user=request.user, data=data)
        except ValidationError as error:
            form.add_session_errors(error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _saved_message(session))
            return redirect("training:session_manage", pk=session.pk)
    return render(request, "training/staff/session_form.html", {"form": form, "session": session})


def _saved_message(session) -> str:
    """Say who moved up: more seats give the first people waiting a place, and they are told."""
    waiting_now = session.registrations.filter(status=Registration.Status.WAITLISTED).count()
    moved = session.waitlisted - waiting_now
    text = _("The session is saved.")
    if moved > 0:
        text += " " + ngettext(
            "%(count)d person moved up from the waiting list and was told by email.",
            "%(count)d people moved up from the waiting list and were told by email.",
            moved,
        ) % {"count": moved}
    return text


def session_manage(request, pk):
    session = access.get_managed_session(request.user, pk)
    return _render_session(request, session)


def _render_session(request, session, *, attendance_form=None):
    registrations = list(session.registrations.select_related("consent_text").order_by("created_at", "pk"))
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    waiting = [r for r in registrations if r.status == Registration.Status.WAITLISTED]
    cancelled = [r for r in registrations if r.status == Registration.Status.CANCELLED]
    can_mark = session.has_started() and session.status != session.Status.CANCELLED
    if can_mark and attendance_form is None:
        attendance_form = AttendanceForm(registrations=confirmed)
    context = {
        "session": session,
        "course": session.course,
        "confirmed": confirmed,
        "waiting": list(enumerate(waiting, start=1)),
        "cancelled": cancelled,
        "attendance_form": attendance_form if can_mark else None,
        "can_mark": can_mark,
        "can_remove": session.status != session.Status.CANCELLED,
        "exportable": any(not r.is_anonymised for r in registrations),
        "can_cancel": session.status != session.Status.CANCELLED and not session.has_started(),
    }
    return render(request, "training/staff/session_manage.html", context)


@require_http_methods(["GET", "POST"])
def session_cancel(request, pk):
    session = access.get_managed_session(request.user, pk)
    form = CancelSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = services.cancel_session(session, user=request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("training:session_manage", pk=session.pk)
        else:
            messages.success(
                request,
                ngettext(
                    "The session is cancelled. %(count)d person was told by email.",
                    "The session is cancelled. %(count)d people were told by email.",
                    told,
                )
                % {"count": told},
            )
            return redirect("training:session_manage", pk=session.pk)
    context = {"session": session, "course": session.course, "form": form, "refusal": _cancel_refusal(session)}
    return render(request, "training/staff/session_cancel.html", context)


def _cancel_refusal(session) -> str | None:
    if session.status == session.Status.CANCELLED:
        return _("The session is already cancelled.")
    if session.has_started():
        return _("A session that has started cannot be cancelled.")
    return None


# --- Attendance, export, certificates ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    session = access.get_managed_session(request.user, pk)
    if request.method == "GET":
        return redirect("training:session_manage", pk=session.pk)
    confirmed = session.registrations.filter(status=Registration.Status.CONFIRMED).order_by("created_at", "pk")
    form = AttendanceForm(request.POST, registrations=confirmed)
    if not form.is_valid():
        return _render_session(request, session, attendance_form=form)
    try:
        trained = services.mark_attendance(session, user=request.user, attended=form.attendance())
    except (DomainError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            ngettext(
                "Attendance is saved. %(count)d position is now marked as having a trained supervisor.",
                "Attendance is saved. %(count)d positions are now marked as having a trained supervisor.",
                trained,
            )
            % {"count": trained},
        )
    return redirect("training:session_manage", pk=session.pk)


def export(request, pk):
    session = access.get_managed_session(request.user, pk)
    registrations = list(
        session.registrations.filter(anonymised_at__isnull=True)
        .select_related("consent_text")
        .order_by("created_at", "pk")
    )
    content = documents.registrations_xlsx(session, registrations)
    audit.record(
        "training.exported",
        actor=request.user,
        target=session,
        organisation=session.course.organisation,
        count=len(registrations),
    )
    filename = f"{slugify(session.course.title) or 'utbildning'}-{session.local_start:%Y-%m-%d}-anmalningar.xlsx"
    return _attachment(content, XLSX, filename)


def certificate(request, pk, registration_pk):
    session = access.get_managed_session(request.user, pk)
    registration = access.get_managed_registration(request.user, session, registration_pk)
    if registration.attended is not True or registration.is_anonymised:
        raise Http404
    filename = f"intyg-{slugify(registration.name) or registration.pk}-{session.local_start:%Y-%m-%d}.pdf"
    return _attachment(documents.certificate_pdf(registration), "application/pdf", filename)


# --- Removing a registration -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def registration_remove(request, pk, registration_pk):
    session = access.get_managed_session(request.user, pk)
    registration = access.get_managed_registration(request.user, session, registration_pk)
    if request.method == "POST":
        return _remove(request, session, registration)
    context = {"session": session, "course": session.course, "registration": registration}
    return render(request, "training/staff/registration_remove.html", context)


def _remove(request, session, registration):
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    first_waiting = session.registrations.waiting_in_order().first() if was_confirmed else None
    try:
        services.remove(registration, user=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("training:session_manage", pk=session.pk)
    text = _("The registration is removed.")
    if first_waiting is not None:
        first_waiting.refresh_from_db()
        if first_waiting.status == Registration.Status.CONFIRMED:
            text += " " + _("%(name)s moved up from the waiting list and was told by email.") % {
                "name": first_waiting.name or _("The first person waiting")
            }
    messages.success(request, text)
    return redirect("training:session_manage", pk=session.pk)
