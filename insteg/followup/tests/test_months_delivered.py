"""Months delivered are worked out directly for speed (reports call it for every placement): the arithmetic must
give what dateutil's relativedelta gives, month ends and 29 February included."""

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from insteg.followup.services import _months_between

DAYS = [datetime.date(2027, 12, 1) + datetime.timedelta(days=n) for n in range(0, 800, 3)]  # over 29 Feb 2028


def _by_relativedelta(start: datetime.date, end: datetime.date) -> Decimal:
    difference = relativedelta(end + datetime.timedelta(days=1), start)
    return Decimal(difference.years * 12 + difference.months) + (Decimal(difference.days) / 30).quantize(
        Decimal("0.01")
    )


def test_months_between_agrees_with_relativedelta_on_pairs_over_two_years():
    for start in DAYS[::7]:
        for end in DAYS:
            if end >= start:
                assert _months_between(start, end) == _by_relativedelta(start, end), (start, end)


def test_an_end_before_the_start_is_no_months():
    assert _months_between(datetime.date(2028, 3, 1), datetime.date(2028, 2, 1)) == 0
