"""When a record becomes due: trigger date + months < today, in Swedish local dates, at month ends too."""

import datetime

import pytest
import time_machine
from dateutil.relativedelta import relativedelta

from insteg.retention.models import RecordType
from insteg.retention.record_types import handler_for, latest_due_trigger, local_today
from insteg.training.tests.factories import CourseFactory, RegistrationFactory, SessionFactory, local

D = datetime.date


@pytest.mark.parametrize(
    ("trigger", "months", "today", "due"),
    [
        (D(2025, 3, 15), 12, D(2026, 3, 15), False),  # the anniversary itself: not yet
        (D(2025, 3, 15), 12, D(2026, 3, 16), True),  # the day after
        (D(2025, 1, 31), 1, D(2025, 2, 28), False),  # 31 January + 1 month = 28 February
        (D(2025, 1, 31), 1, D(2025, 3, 1), True),
        (D(2025, 1, 29), 1, D(2025, 3, 1), True),
        (D(2024, 1, 31), 1, D(2024, 2, 29), False),  # leap year: 29 February
        (D(2024, 1, 31), 1, D(2024, 3, 1), True),
        (D(2024, 2, 29), 12, D(2025, 2, 28), False),  # 29 February + 12 months = 28 February
        (D(2024, 2, 29), 12, D(2025, 3, 1), True),
        (D(2025, 2, 28), 1, D(2025, 3, 28), False),
        (D(2025, 2, 28), 1, D(2025, 3, 29), True),
        (D(2025, 2, 28), 1, D(2025, 3, 31), True),  # 28 February + 1 month is 28 March, not 31 March
        (D(2023, 8, 31), 36, D(2026, 8, 31), False),
        (D(2023, 8, 31), 36, D(2026, 9, 1), True),
        (D(2025, 12, 31), 6, D(2026, 6, 30), False),  # 31 December + 6 months = 30 June
        (D(2025, 12, 31), 6, D(2026, 7, 1), True),
    ],
)
def test_a_record_is_due_the_day_after_its_trigger_date_plus_the_period(trigger, months, today, due):
    assert (trigger <= latest_due_trigger(today, months)) is due


def test_the_cut_off_agrees_with_adding_months_to_every_date_over_four_years():
    """Brute force: for every day and several periods, `latest_due_trigger` is exactly the last date whose
    trigger + months < today."""
    for months in (1, 6, 12, 36):
        today = D(2027, 1, 1)
        while today < D(2031, 1, 1):
            latest = latest_due_trigger(today, months)
            assert latest + relativedelta(months=months) < today
            following = latest + datetime.timedelta(days=1)
            assert not following + relativedelta(months=months) < today
            today += datetime.timedelta(days=9)


@pytest.mark.parametrize(
    ("now_utc", "expected"),
    [
        (datetime.datetime(2026, 11, 25, 22, 59, tzinfo=datetime.UTC), D(2026, 11, 25)),  # 23.59 in Stockholm
        (datetime.datetime(2026, 11, 25, 23, 0, tzinfo=datetime.UTC), D(2026, 11, 26)),  # midnight CET
        (datetime.datetime(2026, 6, 30, 22, 0, tzinfo=datetime.UTC), D(2026, 7, 1)),  # midnight CEST
    ],
)
def test_today_is_the_swedish_date(now_utc, expected):
    with time_machine.travel(now_utc, tick=False):
        assert local_today() == expected


def test_a_session_ending_late_in_the_evening_counts_from_its_swedish_date(municipality):
    """23.30 on 25 November 2025 in Stockholm is 22.30 UTC the same day; 23.30 UTC would already be the 26th."""
    course = CourseFactory(organisation=municipality)
    late = SessionFactory(course=course, starts_at=local(D(2025, 11, 25), 18), ends_at=local(D(2025, 11, 25), 23, 30))
    after_midnight = SessionFactory(
        course=course, starts_at=local(D(2025, 11, 25), 20), ends_at=local(D(2025, 11, 26), 0, 30)
    )
    first = RegistrationFactory(session=late)
    second = RegistrationFactory(session=after_midnight)
    handler = handler_for(RecordType.TRAINING_REGISTRATION)

    assert handler.due_ids(12, D(2026, 11, 25)) == []
    assert handler.due_ids(12, D(2026, 11, 26)) == [first.pk]  # 25 Nov 2025 + 12 months < 26 Nov 2026
    assert handler.due_ids(12, D(2026, 11, 27)) == sorted([first.pk, second.pk])
