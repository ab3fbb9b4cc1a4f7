"""The registration form of the public session page.

The form renders the fields and checks their types and lengths; `services.register` decides everything else
(and checks the same things again, since the API calls it too). The field names are the service's error keys,
so `add_service_errors` puts each refusal next to its field.
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from insteg.privacy.models import ConsentPurpose, ConsentText
from insteg.training.models import Registration

CONSENT_REQUIRED = _("Tick the box to consent; without consent we cannot register you.")


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={
            "required": _("Enter your name."),
            "max_length": _("Write at most %(limit_value)d characters; this has %(show_value)d."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("The confirmation and a link to cancel are sent here."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address such as namn@foretag.se."),
            "max_length": _("Write at most %(limit_value)d characters; this has %(show_value)d."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        error_messages={"max_length": _("Write at most %(limit_value)d characters; this has %(show_value)d.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    organisation_name = forms.CharField(
        label=_("Company"),
        max_length=200,
        error_messages={
            "required": _("Enter the company you work for."),
            "max_length": _("Write at most %(limit_value)d characters; this has %(show_value)d."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.CharField(
        label=_("Role (optional)"),
        max_length=200,
        required=False,
        help_text=Registration._meta.get_field("role").help_text,
        error_messages={"max_length": _("Write at most %(limit_value)d characters; this has %(show_value)d.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    # Active opt-in (GDPR art. 4.11, 7): never ticked beforehand; the consent text itself stands right under it.
    consent = forms.BooleanField(
        label=_("I give my consent"), required=True, initial=False, error_messages={"required": CONSENT_REQUIRED}
    )

    def __init__(self, *args, consent_text: ConsentText | None, **kwargs):
        super().__init__(*args, **kwargs)
        notice = reverse("privacy:notice", args=[ConsentPurpose.TRAINING_REGISTRATION])
        self.fields["consent"].help_text = format_html(
            '{} {} <a href="{}">{}</a>',
            consent_text.text if consent_text else "",
            _("(Consent text version %(version)s.)") % {"version": consent_text.version} if consent_text else "",
            notice,
            _("Read the privacy notice: how your details are used, for how long, and your rights."),
        )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("name", "email", "phone", "organisation_name", "role", "consent")}
