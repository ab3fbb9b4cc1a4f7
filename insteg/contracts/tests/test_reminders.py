"""The daily job reminds a supplier of every ended period it has not reported, once a week, to its contacts only."""

import datetime

import time_machine

from insteg.contracts import services
from insteg.contracts.tests.factories import ComplianceReportFactory


def _on(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9, 0), tick=False)


def test_ended_periods_without_a_report_are_due(contract):
    ComplianceReportFactory(
        contract=contract, period_start=datetime.date(2026, 6, 1), period_end=datetime.date(2026, 6, 30)
    )
    due = services.due_periods(contract, datetime.date(2026, 9, 2))
    # June is reported; July and August have ended without a report; September is still running.
    assert due == [
        (datetime.date(2026, 7, 1), datetime.date(2026, 7, 31)),
        (datetime.date(2026, 8, 1), datetime.date(2026, 8, 31)),
    ]


def test_the_supplier_contacts_are_reminded_on_the_contracts_weekday(contract, supplier, other_supplier, mailoutbox):
    # The contract starts on Monday 1 June 2026: reminders go out on Mondays.
    assert services.report_reminders(datetime.date(2026, 9, 8)) == 0  # a Tuesday
    assert services.report_reminders(datetime.date(2026, 9, 7)) == 1
    message = mailoutbox[-1]
    assert message.to == [supplier.email]
    assert "2026-07-01 – 2026-07-31" in message.body
    assert "2026-08-01 – 2026-08-31" in message.body
    assert other_supplier.email not in message.to


def test_nothing_is_sent_when_every_ended_period_is_reported(contract, supplier, mailoutbox):
    for month in (6, 7, 8):
        start = datetime.date(2026, month, 1)
        end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        ComplianceReportFactory(contract=contract, period_start=start, period_end=end)
    assert services.report_reminders(datetime.date(2026, 9, 7)) == 0
    assert mailoutbox == []


def test_run_scheduled_sends_the_reminders(contract, supplier, mailoutbox):
    from django.core.management import call_command

    with _on(datetime.date(2026, 9, 7)):
        call_command("run_scheduled")
    assert [message.to for message in mailoutbox] == [[supplier.email]]
