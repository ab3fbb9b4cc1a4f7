from django import forms
from django.utils.translation import gettext_lazy as _

from insteg.privacy.consent_services import MAX_TEXT_LENGTH


class ConsentTextForm(forms.Form):
    """A new wording of one purpose's consent text, in both languages people register in."""

    text_sv = forms.CharField(
        label=_("Text in Swedish"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "lang": "sv"}),
        help_text=_("What people tick the box for on the Swedish page. At most 2000 characters."),
    )
    text_en = forms.CharField(
        label=_("Text in English"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "lang": "en"}),
        help_text=_("What people tick the box for on the English page. At most 2000 characters."),
    )
