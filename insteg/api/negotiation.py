"""Content negotiation that answers an unknown `?format=` with 400 and a sentence, not DRF's bare 404."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class ClearFormatNegotiation(DefaultContentNegotiation):
    def filter_renderers(self, renderers, format):
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            known = ", ".join(sorted({renderer.format for renderer in renderers}))
            raise ValidationError({"format": [_("Unknown format. Choose one of: %(formats)s.") % {"formats": known}]})
        return matching
