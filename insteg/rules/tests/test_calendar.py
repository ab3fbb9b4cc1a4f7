from datetime import date

import pytest
from django.utils import translation

from insteg.rules import calendar

NON_WORKING = [
    (date(2026, 1, 1), "Nyårsdagen"),
    (date(2026, 1, 6), "Trettondedag jul"),
    (date(2026, 4, 3), "Långfredagen"),
    (date(2026, 4, 5), "Påskdagen"),
    (date(2026, 4, 6), "Annandag påsk"),
    (date(2026, 5, 1), "Första maj"),
    (date(2026, 5, 14), "Kristi himmelsfärdsdag"),
    (date(2026, 6, 6), "Nationaldagen"),
    (date(2026, 6, 19), "Midsommarafton"),  # de facto: not a public holiday, but no one works
    (date(2026, 6, 20), "Midsommardagen"),
    (date(2026, 12, 24), "Julafton"),
    (date(2026, 12, 25), "Juldagen"),
    (date(2026, 12, 26), "Annandag jul"),
    (date(2026, 12, 31), "Nyårsafton"),
    (date(2026, 3, 7), None),  # an ordinary Saturday
    (date(2026, 3, 8), None),  # an ordinary Sunday (the package does not list Sundays)
]


@pytest.mark.parametrize(("day", "name"), NON_WORKING)
def test_weekends_public_holidays_and_the_three_eves_are_not_working_days(day, name):
    assert not calendar.is_working_day(day)
    with translation.override("sv"):
        assert calendar.holiday_name(day) == name


@pytest.mark.parametrize(
    "day",
    [date(2026, 4, 2), date(2026, 4, 7), date(2026, 6, 18), date(2026, 6, 22), date(2026, 12, 23), date(2026, 12, 28)],
)
def test_days_around_the_holidays_are_working_days(day):
    assert calendar.is_working_day(day)


@pytest.mark.parametrize(
    ("day", "next_working", "previous_working"),
    [
        (date(2026, 4, 3), date(2026, 4, 7), date(2026, 4, 2)),  # Easter: Friday to Monday off
        (date(2026, 6, 19), date(2026, 6, 22), date(2026, 6, 18)),  # Midsummer
        (date(2026, 12, 24), date(2026, 12, 28), date(2026, 12, 23)),  # Christmas
        (date(2026, 12, 31), date(2027, 1, 4), date(2026, 12, 30)),  # New Year, across the year
        (date(2026, 3, 10), date(2026, 3, 10), date(2026, 3, 10)),  # an ordinary Tuesday stays
    ],
)
def test_next_and_previous_working_day(day, next_working, previous_working):
    assert calendar.next_working_day_on_or_after(day) == next_working
    assert calendar.previous_working_day_on_or_before(day) == previous_working


def test_a_day_is_described_with_its_weekday_and_holiday_in_the_active_language():
    with translation.override("en"):
        assert calendar.describe(date(2026, 6, 19)) == "Friday 19 June 2026 (Midsummer Eve)"
    with translation.override("sv"):
        assert calendar.describe(date(2026, 6, 19)) == "fredag 19 juni 2026 (Midsommarafton)"
        assert calendar.describe(date(2026, 3, 10)) == "tisdag 10 mars 2026"
