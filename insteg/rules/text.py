"""How amounts and numbers are written in the rules' sentences."""

from decimal import ROUND_DOWN, Decimal

from django.utils.formats import number_format

_NBSP = "\u00a0"


def sek(amount: int) -> str:
    """Whole kronor grouped in threes, as Swedish texts write them: "2 389 585 kr" (no-break spaces)."""
    return f"{amount:,}".replace(",", _NBSP) + f"{_NBSP}kr"


def eur(amount: int) -> str:
    return f"EUR{_NBSP}" + f"{amount:,}".replace(",", _NBSP)


def ratio(numerator: int, denominator: int) -> str:
    """A quotient cut (not rounded) to two decimals, so "2.96" never reads as "3.0"; localised separator."""
    value = (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.01"), ROUND_DOWN)
    if value == value.to_integral_value():
        return str(int(value))
    return number_format(value.normalize(), use_l10n=True)
