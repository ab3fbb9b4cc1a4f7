"""Which regime a contract falls under, from the dated thresholds table (domain.md §2.4).

Boundary: a value equal to a limit counts as "at or above" it. Directive 2014/24/EU art. 4 applies to
contracts "equal to or greater than" the thresholds (the brief quotes LOU as "amounts to at least"). For the
direct-award limit Insteg reads the same way: a direct award needs a value below the limit, so exactly
SEK 700 000 is not a direct award. That reading of 19 a kap. LOU is ours; check it with a lawyer.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from insteg.rules import text
from insteg.rules.models import BuyerCategory, ExchangeRate, Regime, Threshold


@dataclass(frozen=True)
class Limit:
    kind: str
    amount_sek: int
    is_estimate: bool
    source: str


@dataclass
class RegimeAssessment:
    regime: str
    is_estimate: bool
    limits: list[Limit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _limit_name(kind: str) -> str:
    names = {Threshold.Kind.EU_THRESHOLD: _("EU threshold"), Threshold.Kind.DIRECT_AWARD_LIMIT: _("direct-award limit")}
    return names[kind]


class _Rates:
    """The exchange rate valid on a day, fetched only when a SEK amount is missing (at most one query)."""

    def __init__(self, on: date):
        self.on = on
        self._rate: ExchangeRate | None = None
        self._fetched = False

    def get(self) -> ExchangeRate | None:
        if not self._fetched:
            self._rate = ExchangeRate.objects.filter(valid_from__lte=self.on).order_by("-valid_from").first()
            self._fetched = True
        return self._rate


def _limit_from(row: Threshold, rates: _Rates, warnings: list[str]) -> Limit | None:
    if row.amount_sek is not None:
        return Limit(kind=row.kind, amount_sek=row.amount_sek, is_estimate=False, source=row.source)
    rate = rates.get()
    if rate is None:
        warnings.append(
            _(
                "The %(limit)s for this period is recorded only in EUR (%(eur)s) and no exchange rate is set, so "
                "it cannot be compared. An administrator should add the official SEK value or an exchange rate."
            )
            % {"limit": _limit_name(row.kind), "eur": text.eur(row.amount_eur)}
        )
        return None
    amount = int((Decimal(row.amount_eur) * rate.sek_per_eur).quantize(Decimal(1), ROUND_HALF_UP))
    warnings.append(
        _(
            "The official SEK value of the %(limit)s for this period is not recorded yet: %(amount)s is an "
            "estimate from %(eur)s at %(rate)s SEK per EUR."
        )
        % {
            "limit": _limit_name(row.kind),
            "amount": text.sek(amount),
            "eur": text.eur(row.amount_eur),
            "rate": rate.sek_per_eur,
        }
    )
    source = f"{row.source}; {text.eur(row.amount_eur)} × {rate.sek_per_eur} SEK/EUR ({rate.source})"
    return Limit(kind=row.kind, amount_sek=amount, is_estimate=True, source=source)


def _near_limit_warnings(value_sek: int, limits: list[Limit], margin_percent: int) -> list[str]:
    warnings = []
    eu_amounts = {limit.amount_sek for limit in limits if limit.kind == Threshold.Kind.EU_THRESHOLD}
    for limit in limits:
        # For social services the direct-award limit is the threshold itself: one warning is enough.
        if limit.kind == Threshold.Kind.DIRECT_AWARD_LIMIT and limit.amount_sek in eu_amounts:
            continue
        if abs(value_sek - limit.amount_sek) * 100 <= limit.amount_sek * margin_percent:
            warnings.append(
                _(
                    "The estimated value, %(value)s, is within %(margin)d %% of the %(limit)s, %(amount)s%(estimate)s. "
                    "Check the estimate, including options and extensions, before choosing the procedure."
                )
                % {
                    "value": text.sek(value_sek),
                    "margin": margin_percent,
                    "limit": _limit_name(limit.kind),
                    "amount": text.sek(limit.amount_sek),
                    "estimate": _(" (an estimate)") if limit.is_estimate else "",
                }
            )
    return warnings


def assess_regime(
    *,
    contract_type: str,
    value_sek: int,
    on: date,
    buyer_category: str = BuyerCategory.SUB_CENTRAL,
    margin_percent: int = 10,
) -> RegimeAssessment:
    """The regime for a contract of this value on this day, the limits compared and any warnings."""
    rows = (
        Threshold.objects.valid_on(on)
        .filter(law="LOU", buyer_category=buyer_category, contract_type=contract_type)
        .order_by("-valid_from", "-pk")
    )
    by_kind: dict[str, Threshold] = {}
    for row in rows:
        by_kind.setdefault(row.kind, row)  # the newest row of each kind wins if periods overlap
    warnings: list[str] = []
    rates = _Rates(on)
    direct_award = eu = None
    if row := by_kind.get(Threshold.Kind.DIRECT_AWARD_LIMIT):
        direct_award = _limit_from(row, rates, warnings)
    if row := by_kind.get(Threshold.Kind.EU_THRESHOLD):
        eu = _limit_from(row, rates, warnings)
    limits = [limit for limit in (direct_award, eu) if limit]

    if direct_award is None:
        warnings.append(_("No direct-award limit is recorded for %(day)s.") % {"day": on.isoformat()})
    if direct_award and value_sek < direct_award.amount_sek:
        regime, deciding = Regime.DIRECT_AWARD, [direct_award]
    elif eu is None:
        # Without a threshold, assume the stricter rules: a wrong "above" costs time, a wrong "below" is unlawful.
        regime, deciding = Regime.ABOVE_THRESHOLD, limits
        warnings.append(
            _(
                "No EU threshold is recorded for %(day)s, so the stricter above-threshold rules are assumed. "
                "An administrator should add the thresholds for this period."
            )
            % {"day": on.isoformat()}
        )
    elif value_sek < eu.amount_sek:
        regime, deciding = Regime.BELOW_THRESHOLD, limits
    else:
        regime, deciding = Regime.ABOVE_THRESHOLD, limits
    warnings += _near_limit_warnings(value_sek, limits, margin_percent)
    return RegimeAssessment(
        regime=regime,
        is_estimate=any(limit.is_estimate for limit in deciding),
        limits=limits,
        warnings=warnings,
    )
