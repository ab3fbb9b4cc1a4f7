"""From a cell's text to a value, with a message for the row when the text is not one.

Swedish spreadsheets write "ja"/"nej", decimal commas ("30,0") and spaces in numbers ("1 000"); they are read
as what they mean. Codes are matched on the code itself or on their label in Swedish or English.
"""

import datetime
import re

from django.utils import translation
from django.utils.translation import gettext as _

TRUE = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
FALSE = {"nej", "n", "no", "false", "falskt", "0"}
CODE_SEPARATORS = re.compile(r"[\s,;|]+")
DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


class CellError(Exception):
    """The cell cannot be read as what its column needs; the message is for the row's error list."""


def integer(text: str) -> int:
    compact = re.sub(r"[\s\u00a0]", "", text).replace(",", ".")
    try:
        number = float(compact)
    except ValueError:
        raise CellError(_("Enter a whole number, for example 30.")) from None
    if not number.is_integer() or abs(number) > 1_000_000:
        raise CellError(_("Enter a whole number, for example 30."))
    return int(number)


def date(text: str) -> datetime.date:
    match = DATE.match(text)
    try:
        if match is None:
            raise ValueError
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError(_("Enter a date as YYYY-MM-DD, for example 2026-09-01.")) from None


def boolean(text: str) -> bool:
    word = text.casefold()
    if word in TRUE:
        return True
    if word in FALSE:
        return False
    raise CellError(_("Enter ja or nej (yes or no)."))


def split_codes(text: str) -> list[str]:
    return [code for code in CODE_SEPARATORS.split(text) if code]


def choice_lookup(choices) -> dict[str, str]:
    """Code, English label and Swedish label (any case) → code."""
    lookup = {}
    for language in ("en", "sv"):
        with translation.override(language):
            lookup.update({str(label).casefold(): code for code, label in choices})
    lookup.update({str(code).casefold(): code for code, _label in choices})
    return lookup


def choice(text: str, lookup: dict[str, str], codes) -> str:
    code = lookup.get(text.casefold())
    if code is None:
        raise CellError(
            _("Unknown code “%(value)s”. Use one of: %(codes)s.") % {"value": text[:40], "codes": ", ".join(codes)}
        )
    return code
