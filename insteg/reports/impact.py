"""The impact estimator (domain research §4.4): a range, never a point, from aggregates only.

In placement: full-time months delivered / 12 × public income support per person-year (the support that
is not paid while the person works), less deadweight (what would have happened anyway) and times attribution
(the share due to the requirement). Long term, as an illustrative scenario only: people in work 90 days after
× a share of the lifetime cost of exclusion. Both are scenario estimates, not measured effects.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from insteg.reports.models import ImpactParameter


@dataclass(frozen=True)
class Estimate:
    low: Decimal
    high: Decimal
    parameters: list[ImpactParameter]


def _round(value: Decimal) -> Decimal:
    """To the nearest thousand kronor: a scenario estimate claims no more precision than that."""
    return (value / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 1000


def _factor(deadweight_percent: int, attribution_percent: int) -> Decimal:
    return (1 - Decimal(deadweight_percent) / 100) * Decimal(attribution_percent) / 100


def _parameter(key: str) -> ImpactParameter | None:
    """None when an administrator has switched the parameter off (or it is missing): no estimate then."""
    return ImpactParameter.objects.filter(key=key, active=True).first()


def in_placement(months_delivered: Decimal, *, deadweight_percent: int, attribution_percent: int) -> Estimate | None:
    support = _parameter("public-support-per-year")
    if support is None:
        return None
    factor = _factor(deadweight_percent, attribution_percent)
    years = Decimal(months_delivered) / 12
    return Estimate(
        low=_round(years * support.value_low * factor),
        high=_round(years * support.value_high * factor),
        parameters=[support],
    )


def long_term(
    people_in_work: int, *, share_of_lifetime_percent: int, deadweight_percent: int, attribution_percent: int
) -> Estimate | None:
    lifetime = _parameter("lifetime-exclusion-cost")
    if lifetime is None:
        return None
    factor = _factor(deadweight_percent, attribution_percent) * Decimal(share_of_lifetime_percent) / 100
    return Estimate(
        low=_round(people_in_work * lifetime.value_low * factor),
        high=_round(people_in_work * lifetime.value_high * factor),
        parameters=[lifetime],
    )
