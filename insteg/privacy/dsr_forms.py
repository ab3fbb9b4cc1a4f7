from django import forms
from django.utils.translation import gettext_lazy as _

from insteg.matching.models import RestrictionReason


class SubjectSearchForm(forms.Form):
    """Posted, not a query string: names and email addresses stay out of URLs and server logs."""

    KIND_CHOICES = [
        ("participant", _("Participant: pseudonymous id or name")),
        ("registrant", _("Training registrant: email address")),
        ("user", _("User: user name or email address")),
    ]
    kind = forms.ChoiceField(label=_("Who is asking"), choices=KIND_CHOICES, widget=forms.RadioSelect)
    query = forms.CharField(label=_("Search for"), max_length=254)


class RectifyForm(forms.Form):
    """Contact details only (see dsr_services.RECTIFIABLE_FIELDS for why)."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)


class RestrictForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for the restriction"), choices=RestrictionReason.choices)


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
