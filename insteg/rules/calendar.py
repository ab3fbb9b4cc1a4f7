"""Swedish working days, for EU Regulation 1182/71's rule that a period ending on a non-working day runs on.

Non-working days are Saturdays, Sundays, Swedish public holidays and the three de-facto holidays UHM lists
(Midsommarafton, Julafton, Nyårsafton), from the `holidays` package. Sundays are not in its list, so the
weekday is checked as well.
"""

from datetime import date, timedelta
from functools import cache

import holidays
from django.utils.formats import date_format
from django.utils.translation import get_language

_CATEGORIES = ("public", "de_facto")


@cache
def _holidays(year: int, language: str) -> dict[date, str]:
    """The year's holidays with their names; computed once per year and language."""
    return dict(holidays.country_holidays("SE", years=year, categories=_CATEGORIES, language=language))


def _language() -> str:
    return "en_US" if (get_language() or "sv").startswith("en") else "sv"


def holiday_name(day: date) -> str | None:
    """The holiday's name in the active language (e.g. "Midsommarafton"), or None on an ordinary day."""
    return _holidays(day.year, _language()).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year, "sv")


def next_working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def describe(day: date) -> str:
    """The day for a sentence, with the holiday named: "Friday 19 June 2026 (Midsommarafton)"."""
    text = date_format(day, "l j F Y")
    name = holiday_name(day)
    return f"{text} ({name})" if name else text
