"""Free text about a person must never hold health details, diagnoses or background (GDPR art. 9 and 10).

Every free-text field about a participant or a placement goes through `refuse_sensitive_words`: the form
warns beforehand (its hint), and the service refuses text that names such things, saying which words.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SENSITIVE_WORDS = re.compile(
    r"\b(diagnos\w*|sjuk\w*|adhd|add|autism\w*|asperger|depression\w*|ångest\w*|psyki\w*|missbruk\w*|"
    r"alkohol\w*|narkoti\w*|medicin\w*|funktionsnedsättning\w*|handikapp\w*|cancer|diabetes|epilepsi|"
    r"straff\w*|fängelse\w*|dömd|brott\w*|kriminal\w*|diagnosis|illness|disorder|prison\w*|convict\w*)\b",
    re.IGNORECASE,
)


def refuse_sensitive_words(text: str, *, field: str, hint: str = "") -> None:
    found = sorted({match.group(0).lower() for match in SENSITIVE_WORDS.finditer(text)})
    if found:
        message = _("Notes must not hold health details, diagnoses or background (found: %(words)s).") % {
            "words": ", ".join(found[:5])
        }
        raise ValidationError({field: f"{message} {hint}".strip()})
