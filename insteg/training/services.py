"""Workflows of the supervisor training: sessions, registration under a row lock, the waiting list,
withdrawal, attendance, reminders and retention. Every workflow is atomic and audited; every email is
queued in the same transaction (insteg.lib.mail), so a refused or rolled-back change sends nothing.

Capacity (domain research §7, LinkedEvents and pretix in peers.md §5): the session row is locked with
`select_for_update` before seats are counted, so parallel registrations queue on PostgreSQL and never
overbook (SQLite takes its write lock at BEGIN: `transaction_mode=IMMEDIATE`). The waiting list is first
come, first served; a freed seat goes to the first person waiting, who is told; removing a waiting entry
promotes nobody.
"""

import datetime
import re

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from insteg.accounts.models import Organisation, Role
from insteg.contracts.models import Position
from insteg.lib.errors import DomainError
from insteg.privacy import audit
from insteg.privacy.models import ConsentPurpose, ConsentText
from insteg.training.emails import send as _send
from insteg.training.models import Course, Language, Registration, Session

TOKEN_SALT = "insteg.training.registration"  # noqa: S105 -- a signing namespace, not a secret
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()-]{5,30}$")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
REMINDER_DAYS_BEFORE = 2

COURSE_FIELDS = ["title", "description", "agenda"]
SESSION_FIELDS = [
    "course",
    "starts_at",
    "ends_at",
    "location",
    "online_url",
    "capacity",
    "registration_closes_on",
    "deadline_days_before",
    "waitlist_enabled",
    "language",
    "status",
]


def _is_organiser(user, organisation_id: int) -> bool:
    return user.is_authenticated and organisation_id in user.organisations_with_role(
        Role.MATCHING_OFFICER, Role.ADMINISTRATOR
    )


def _require_organiser(user, organisation_id: int) -> None:
    if not _is_organiser(user, organisation_id):
        raise DomainError(_("Only the organiser's matching officers and administrators can do this."))


def _save(instance) -> None:
    instance.full_clean()
    instance.save()


def _reject_unknown(data: dict, allowed: list[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in sorted(unknown)})


# --- Courses and sessions ---------------------------------------------------------------------------------


@transaction.atomic
def save_course(*, user, organisation: Organisation, data: dict, course: Course | None = None) -> Course:
    _require_organiser(user, organisation.pk)
    _reject_unknown(data, COURSE_FIELDS)
    course = course or Course(organisation=organisation)
    if course.organisation_id != organisation.pk:
        raise DomainError(_("This course belongs to another organiser."))
    for name, value in data.items():
        setattr(course, name, value)
    created = course.pk is None
    _save(course)
    audit.record(
        "training.course_added" if created else "training.course_changed",
        actor=user, target=course, organisation=organisation,
    )  # fmt: skip
    return course


@transaction.atomic
def create_session(*, user, course: Course, data: dict) -> Session:
    _require_organiser(user, course.organisation_id)
    _reject_unknown(data, SESSION_FIELDS)
    data = {**data, "course": course}
    if data.get("status") == Session.Status.CANCELLED:
        raise ValidationError({"status": _("Create the session first; cancel it with the cancel action.")})
    if data.get("status") == Session.Status.FULL:
        raise ValidationError({"status": _("A session is full when its seats are taken; it cannot be set full.")})
    session = Session(**data)
    _save(session)
    audit.record("training.session_added", actor=user, target=session, organisation=course.organisation)
    return session


@transaction.atomic
def update_session(session: Session, *, user, data: dict) -> Session:
    """Change a session; more seats move waiting people up, fewer than the confirmed are refused."""
    session = Session.objects.select_for_update().select_related("course").get(pk=session.pk)
    _require_organiser(user, session.course.organisation_id)
    _reject_unknown(data, SESSION_FIELDS)
    if not data:
        return session
    if session.status == Session.Status.CANCELLED:
        raise DomainError(_("A cancelled session cannot be changed."))
    if data.get("status") == Session.Status.CANCELLED:
        raise ValidationError({"status": _("Use the cancel action: it tells everyone registered.")})
    if data.get("status") == Session.Status.FULL:
        raise ValidationError({"status": _("A session is full when its seats are taken; it cannot be set full.")})
    if "course" in data and data["course"].organisation_id != session.course.organisation_id:
        raise ValidationError({"course": _("Choose one of your organisation's courses.")})
    for name, value in data.items():
        setattr(session, name, value)
    if "deadline_days_before" in data and data["deadline_days_before"] is not None:
        session.registration_closes_on = data.get("registration_closes_on")
    confirmed = session.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if session.capacity < confirmed:
        raise ValidationError(
            {
                "capacity": _("%(count)d people are already confirmed; remove registrations first.")
                % {"count": confirmed}
            }
        )
    _save(session)
    promoted = _fill_free_seats(session) if not session.has_started() else []
    audit.record(
        "training.session_changed", actor=user, target=session, organisation=session.course.organisation,
        fields=sorted(data), promoted=len(promoted),
    )  # fmt: skip
    return session


@transaction.atomic
def cancel_session(session: Session, *, user, message: str = "") -> int:
    """Cancel and tell everyone confirmed or waiting; returns how many were told."""
    session = Session.objects.select_for_update().select_related("course").get(pk=session.pk)
    _require_organiser(user, session.course.organisation_id)
    if session.status == Session.Status.CANCELLED:
        raise DomainError(_("The session is already cancelled."))
    if session.has_started():
        raise DomainError(_("A session that has started cannot be cancelled."))
    message = _clean_text(message, field="message", limit=1000, required=False)
    session.status = Session.Status.CANCELLED
    session.cancelled_at = timezone.now()
    session.save(update_fields=["status", "cancelled_at"])
    registrations = list(session.registrations.active())
    for registration in registrations:
        _send(registration, "session_cancelled", message=message)
    audit.record(
        "training.session_cancelled", actor=user, target=session, organisation=session.course.organisation,
        told=len(registrations),
    )  # fmt: skip
    return len(registrations)


# --- Registration -------------------------------------------------------------------------------------------


def _clean_text(value, *, field: str, limit: int, required: bool = True) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > limit:
        raise ValidationError({field: _("Use at most %(limit)d characters.") % {"limit": limit}})
    if CONTROL_CHARACTERS.search(text):
        raise ValidationError({field: _("Remove the control characters.")})
    return text


def _clean_email(value) -> str:
    email = str(value or "").strip().lower()
    if not email:
        raise ValidationError({"email": _("This field is required.")})
    if len(email) > 254:
        raise ValidationError({"email": _("Use at most %(limit)d characters.") % {"limit": 254}})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    return email


def _clean_phone(value) -> str:
    phone = " ".join(str(value or "").split())
    if phone and not PHONE_PATTERN.match(phone):
        raise ValidationError({"phone": _("Enter a phone number with digits, for example 063-14 30 00.")})
    return phone


def _registrant_fields(*, name, email, phone, organisation_name, role, consent) -> dict:
    """Every field checked at once, so the person sees every problem in one answer."""
    cleaners = {
        "name": lambda: _clean_text(name, field="name", limit=200),
        "email": lambda: _clean_email(email),
        "phone": lambda: _clean_phone(phone),
        "organisation_name": lambda: _clean_text(organisation_name, field="organisation_name", limit=200),
        "role": lambda: _clean_text(role, field="role", limit=200, required=False),
    }
    cleaned, errors = {}, {}
    for field, clean in cleaners.items():
        try:
            cleaned[field] = clean()
        except ValidationError as error:
            errors.update(error.message_dict)
    if consent is not True:
        errors["consent"] = [_("Tick the box to consent; without consent we cannot register you.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def refusal(session: Session, now: datetime.datetime | None = None) -> str | None:
    """Why the session takes no registration now, in words for the person; None when it does."""
    now = now or timezone.now()
    if session.status == Session.Status.CANCELLED:
        return _("The session has been cancelled.")
    if session.has_started(now):
        return _("The session has already taken place.")
    if session.status == Session.Status.CLOSED:
        return _("Registration for this session is closed.")
    if now > session.registration_deadline:
        deadline = timezone.localtime(session.registration_deadline)
        return _("Registration closed on %(date)s.") % {"date": deadline.strftime("%Y-%m-%d")}
    if session.seats_left == 0 and not session.waitlist_enabled:
        return _("The session is full and has no waiting list.")
    return None


def supplier_organisation(user) -> Organisation | None:
    """A signed-in supplier contact's company, which a registration is then linked to."""
    if not user or not user.is_authenticated:
        return None
    suppliers = user.organisations_with_role(Role.SUPPLIER_CONTACT)
    membership = user.membership
    if membership and membership.organisation_id in suppliers:
        return membership.organisation
    return Organisation.objects.filter(pk__in=suppliers).order_by("pk").first()


def register(
    session: Session,
    *,
    name: str,
    email: str,
    organisation_name: str,
    consent: bool,
    phone: str = "",
    role: str = "",
    user=None,
    language: str = Language.SWEDISH,
) -> Registration:
    """Register one person: confirmed while seats are left, else waitlisted (when the session has a list).

    Refusals are ValidationErrors (400 in the API) and store nothing. Everything that does not depend on the
    seats is done before the session row is locked, so the lock is held for two queries and three inserts.
    """
    fields = _registrant_fields(
        name=name, email=email, phone=phone, organisation_name=organisation_name, role=role, consent=consent
    )
    if session.registrations.active().filter(email=fields["email"]).exists():
        raise ValidationError({"email": _duplicate_message()})
    registration = Registration(
        **fields,
        organisation=supplier_organisation(user),
        registered_by=user if user and user.is_authenticated else None,
        language=language if language in Language.values else Language.SWEDISH,
        consent_text=ConsentText.objects.current(ConsentPurpose.TRAINING_REGISTRATION),
    )
    try:
        with transaction.atomic():
            _register_locked(session.pk, registration)
    except IntegrityError:
        # The unique constraint caught a parallel duplicate that the check above could not see; the answer
        # is the same polite refusal. Any other integrity error is a bug and is raised.
        if not session.registrations.active().filter(email=fields["email"]).exists():
            raise
        raise ValidationError({"email": _duplicate_message()}) from None
    return registration


def _duplicate_message() -> str:
    return _("This email address is already registered for the session. Check your inbox for the confirmation.")


def _register_locked(session_pk: int, registration: Registration) -> None:
    session = Session.objects.select_for_update().select_related("course").get(pk=session_pk)
    # Counted after the lock is granted, so the count includes every registration committed before it.
    counts = session.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
    )
    session.confirmed_count, session.waitlisted_count = counts["confirmed"], counts["waiting"]
    reason = refusal(session)
    if reason:
        raise ValidationError({"session": [reason]})
    seat_left = counts["confirmed"] < session.capacity
    registration.session = session
    registration.status = Registration.Status.CONFIRMED if seat_left else Registration.Status.WAITLISTED
    registration.consent_at = registration.created_at = timezone.now()
    registration.save(force_insert=True)
    _send(
        registration, "confirmed" if seat_left else "waitlisted", position=None if seat_left else counts["waiting"] + 1
    )
    audit.record(
        "training.registered", actor=registration.registered_by, target=registration,
        organisation=session.course.organisation, session=session.pk, status=registration.status,
        consent_version=registration.consent_text.version,
    )  # fmt: skip


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = (
        Registration.objects.filter(session_id=registration.session_id)
        .waiting_in_order()
        .filter(created_at__lte=registration.created_at)
        .exclude(created_at=registration.created_at, pk__gt=registration.pk)
    )
    return ahead.count()


# --- The registrant's own link: see, and cancel (which withdraws consent) ---------------------------------------


def token_for(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=TOKEN_SALT, compress=True)


def registration_for_token(token: str) -> Registration | None:
    try:
        pk = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Registration.objects.select_related("session__course", "consent_text").filter(pk=pk).first()


def own_link(registration: Registration) -> str:
    return settings.INSTEG_SITE_URL.rstrip("/") + reverse("training:registration", args=[token_for(registration)])


@transaction.atomic
def withdraw(registration: Registration) -> Registration:
    """The registrant cancels: the seat is freed, consent is withdrawn and the personal data removed at once
    (art. 7.3: as easy as giving it). Whoever waited first gets the seat."""
    session = Session.objects.select_for_update().get(pk=registration.session_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise DomainError(_("This registration is already cancelled."))
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    now = timezone.now()
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = registration.withdrawn_at = now
    _anonymise(registration, now)
    promoted = _fill_free_seats(session) if was_confirmed and not session.has_started() else []
    audit.record(
        "training.withdrawn", actor=None, target=registration, session=session.pk, promoted=[p.pk for p in promoted]
    )
    return registration


@transaction.atomic
def remove(registration: Registration, *, user) -> Registration:
    """Staff remove someone (they asked by phone, they left the company). A removed confirmed seat goes to the
    first person waiting; a removed waiting entry promotes nobody."""
    session = Session.objects.select_for_update().select_related("course").get(pk=registration.session_id)
    _require_organiser(user, session.course.organisation_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise DomainError(_("This registration is already cancelled."))
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    promoted = _fill_free_seats(session) if was_confirmed and not session.has_started() else []
    audit.record(
        "training.registration_removed", actor=user, target=registration, organisation=session.course.organisation,
        session=session.pk, promoted=[p.pk for p in promoted],
    )  # fmt: skip
    return registration


def _fill_free_seats(session: Session) -> list[Registration]:
    """Move the first people waiting up into free seats (the session row is locked by the caller)."""
    if session.status == Session.Status.CANCELLED:
        return []
    confirmed = session.registrations.filter(status=Registration.Status.CONFIRMED).count()
    free = session.capacity - confirmed
    if free <= 0:
        return []
    promoted = list(session.registrations.waiting_in_order().select_for_update()[:free])
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        registration.session = session
        _send(registration, "promoted")
    return promoted


# --- Attendance ---------------------------------------------------------------------------------------------


@transaction.atomic
def mark_attendance(session: Session, *, user, attended: dict[int, bool | None]) -> int:
    """Record who came. Someone who attended is trained: the positions they supervise say so.

    `attended` maps registration ids to True (came), False (did not come) or None (not marked).
    Returns the number of positions newly marked as having a trained supervisor.
    """
    session = Session.objects.select_for_update().select_related("course").get(pk=session.pk)
    _require_organiser(user, session.course.organisation_id)
    if not session.has_started():
        raise DomainError(_("Attendance can be marked once the session has started."))
    registrations = {r.pk: r for r in session.registrations.filter(status=Registration.Status.CONFIRMED)}
    unknown = set(attended) - set(registrations)
    if unknown:
        raise ValidationError(_("Mark attendance only for confirmed registrations of this session."))
    newly_trained = 0
    for pk, value in attended.items():
        registration = registrations[pk]
        if registration.attended == value:
            continue
        registration.attended = value
        registration.save(update_fields=["attended"])
        if value and not registration.is_anonymised:
            newly_trained += _mark_positions_trained(registration)
    audit.record(
        "training.attendance_marked", actor=user, target=session, organisation=session.course.organisation,
        attended=sorted(pk for pk, value in attended.items() if value), positions_trained=newly_trained,
    )  # fmt: skip
    return newly_trained


def _mark_positions_trained(registration: Registration) -> int:
    positions = Position.objects.filter(supervisor_email__iexact=registration.email, supervisor_trained=False)
    if registration.organisation_id:
        positions = positions.filter(contract__supplier_id=registration.organisation_id)
    return positions.exclude(status=Position.Status.WITHDRAWN).update(supervisor_trained=True)


def has_attended(email: str) -> bool:
    return bool(email) and Registration.objects.attended().filter(email=email.strip().lower()).exists()


def is_registered_for_upcoming(email: str) -> bool:
    if not email:
        return False
    return (
        Registration.objects.filter(status=Registration.Status.CONFIRMED, email=email.strip().lower())
        .filter(session__in=Session.objects.listed_publicly())
        .exists()
    )


# --- Scheduled work: reminders and retention ------------------------------------------------------------------


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Remind everyone confirmed two days before; a session is reminded once, so running twice sends once."""
    now = now or timezone.now()
    day = timezone.localdate(now) + datetime.timedelta(days=REMINDER_DAYS_BEFORE)
    sent = 0
    due = Session.objects.filter(starts_at__date__lte=day, starts_at__gt=now, reminder_sent_at__isnull=True).exclude(
        status=Session.Status.CANCELLED
    )
    for session_pk in due.values_list("pk", flat=True):
        sent += _remind(session_pk, now)
    return sent


@transaction.atomic
def _remind(session_pk: int, now: datetime.datetime) -> int:
    session = Session.objects.select_for_update().select_related("course").get(pk=session_pk)
    if session.reminder_sent_at is not None:
        return 0
    registrations = list(session.registrations.filter(status=Registration.Status.CONFIRMED))
    for registration in registrations:
        _send(registration, "reminder")
    session.reminder_sent_at = now
    session.save(update_fields=["reminder_sent_at"])
    audit.record(
        "training.reminded",
        actor=None,
        target=session,
        organisation=session.course.organisation,
        told=len(registrations),
    )
    return len(registrations)


@transaction.atomic
def anonymise_registrations(ids, now: datetime.datetime | None = None) -> int:
    """Anonymise the registrations `ids` not yet anonymised; returns how many. Retention decides which and when
    (insteg.retention: a rule resting on the municipality's disposal decision, approved by an administrator)."""
    now = now or timezone.now()
    count = 0
    for registration in Registration.objects.select_for_update().filter(pk__in=list(ids), anonymised_at__isnull=True):
        _anonymise(registration, now)
        count += 1
    return count


def _anonymise(registration: Registration, now: datetime.datetime) -> None:
    """Keep session, company, status and attendance (the counts); drop everything that names a person."""
    registration.name = ""
    registration.email = ""
    registration.phone = ""
    registration.role = ""
    registration.registered_by = None
    registration.anonymised_at = now
    registration.save()
