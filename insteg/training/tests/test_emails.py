"""With the queued mail backend (every real deployment) a registration's email is a task written in the
registration's transaction and rendered by the worker; it reaches a real SMTP server with its .ics."""

from email.header import decode_header, make_header

import icalendar
import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from insteg.lib.tests.test_mail import QUEUED, smtp_server  # noqa: F401 -- the fixture
from insteg.training import services
from insteg.training.models import Registration


@pytest.fixture
def queued_mail(settings, smtp_server, monkeypatch):  # noqa: F811
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    controller, received = smtp_server
    settings.EMAIL_BACKEND = QUEUED
    settings.INSTEG_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    return received


def _work() -> None:
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0)


def _register(session, email="anna@storsjobygg.example"):
    return services.register(
        session, name="Anna Handledare", email=email, organisation_name="Storsjöbygg AB", consent=True
    )


def test_the_confirmation_is_rendered_by_the_worker_and_sent_over_smtp(session, queued_mail):
    _register(session)
    assert queued_mail == []  # nothing is rendered or sent during the request
    assert DBTaskResult.objects.count() == 1

    _work()

    (delivered,) = queued_mail
    assert delivered["To"] == "anna@storsjobygg.example"
    assert "Handledarutbildning" in str(make_header(decode_header(delivered["Subject"])))
    (calendar_part,) = [part for part in delivered.walk() if part.get_content_type() == "text/calendar"]
    event = icalendar.Calendar.from_ical(calendar_part.get_payload(decode=True)).walk("VEVENT")[0]
    assert event.decoded("dtstart") == session.starts_at


def test_a_refused_registration_queues_nothing(session, queued_mail):
    with pytest.raises(Exception):  # noqa: B017 -- any refusal
        services.register(session, name="Anna", email="anna@x.example", organisation_name="A", consent=False)
    assert DBTaskResult.objects.count() == 0


def test_someone_who_withdrew_before_the_worker_ran_is_not_written_to(session, queued_mail):
    registration = _register(session)
    services.withdraw(registration)
    _work()
    assert queued_mail == []
    assert Registration.objects.get(pk=registration.pk).email == ""
