from django import template

register = template.Library()


@register.filter
def kronor(value) -> str:
    """Whole SEK in Swedish style with a no-break space between thousands: 12 500 000 kr."""
    if value is None or value == "":
        return "–"
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{number:,}".replace(",", "\u00a0") + "\u00a0kr"
