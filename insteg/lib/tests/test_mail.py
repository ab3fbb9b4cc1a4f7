"""Email leaves the request through the task queue and is delivered by the worker, over real SMTP."""

import socket
from email.header import decode_header, make_header

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

QUEUED = "insteg.lib.mail.QueuedEmailBackend"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Collect(Message):
        def handle_message(self, message):
            received.append(message)

    controller = Controller(Collect(), hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, received
    controller.stop()


def test_a_message_is_queued_then_delivered_by_the_worker_over_smtp(settings, smtp_server, monkeypatch):
    # The worker recycles database connections between tasks; inside a test transaction that would close
    # the test's own connection, so here it keeps it.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    controller, received = smtp_server
    settings.EMAIL_BACKEND = QUEUED
    settings.INSTEG_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port

    message = mail.EmailMultiAlternatives("Välkommen", "Hej då ✓", "insteg@ostersund.example", ["a@b.example"])
    message.attach_alternative("<p>Hej</p>", "text/html")
    message.attach("schema.ics", "BEGIN:VCALENDAR", "text/calendar")
    message.send()
    assert received == []  # nothing leaves during the request
    assert DBTaskResult.objects.count() == 1

    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0)
    (delivered,) = received
    assert str(make_header(decode_header(delivered["Subject"]))) == "Välkommen"
    assert delivered["To"] == "a@b.example"
    parts = [part.get_content_type() for part in delivered.walk()]
    assert {"text/plain", "text/html", "text/calendar"} <= set(parts)


def test_a_rolled_back_change_sends_nothing(settings):
    settings.EMAIL_BACKEND = QUEUED
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_mail("Subject", "Body", None, ["a@b.example"])
        raise RuntimeError("the change failed")
    assert DBTaskResult.objects.count() == 0
