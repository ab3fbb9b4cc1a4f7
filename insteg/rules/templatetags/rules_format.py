from django import template

from insteg.rules import text

register = template.Library()


@register.filter
def euros(amount) -> str:
    """Whole euros, grouped like kronor: EUR 5 404 000."""
    return "–" if amount is None else text.eur(int(amount))
