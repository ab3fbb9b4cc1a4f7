"""The registrant's emails: confirmation, waiting list, a freed seat, the reminder, a cancelled session.

Each message goes to one person, in the language they registered in. With the queued mail backend (every
real deployment) the message is a task written in the caller's transaction — a rolled-back registration
sends nothing — and the worker renders it: rendering is most of a registration's time, and the session row
is locked while the registration's transaction runs. Any other mail backend (tests, a console) gets the
message rendered and sent at once.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from insteg.training.models import Registration

QUEUED_BACKEND = "insteg.lib.mail.QueuedEmailBackend"
WITH_CALENDAR = ("confirmed", "promoted", "reminder")


def send(registration: Registration, template: str, **extra) -> None:
    if settings.EMAIL_BACKEND == QUEUED_BACKEND:
        render_and_deliver.enqueue(registration.pk, template, extra)
    else:
        get_connection().send_messages([message(registration, template, **extra)])


@task()
def render_and_deliver(registration_pk: int, template: str, extra: dict) -> None:
    registration = Registration.objects.select_related("session__course").filter(pk=registration_pk).first()
    if registration is None or not registration.email:
        return  # withdrawn (and so anonymised) before the worker got to it: there is no one to write to
    connection = get_connection(settings.INSTEG_EMAIL_DELIVERY_BACKEND, fail_silently=False)
    connection.send_messages([message(registration, template, **extra)])


def _absolute(path: str) -> str:
    return settings.INSTEG_SITE_URL.rstrip("/") + path


def message(registration: Registration, template: str, *, position: int | None = None, **extra) -> EmailMessage:
    from insteg.training.ical import session_calendar
    from insteg.training.services import own_link, waitlist_position

    session = registration.session
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "session": session,
            "course": session.course,
            "own_link": own_link(registration),
            "session_link": _absolute(reverse("training:session", args=[session.pk])),
            "sessions_link": _absolute(reverse("training:sessions")),
            "position": position or waitlist_position(registration),
            **extra,
        }
        subject = " ".join(render_to_string(f"training/email/{template}_subject.txt", context).split())
        body = render_to_string(f"training/email/{template}.txt", context)
    email = EmailMessage(subject, body, to=[registration.email])
    if template in WITH_CALENDAR:
        email.attach("handledarutbildning.ics", session_calendar([session]), "text/calendar")
    return email
