from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from insteg.core.models import AccessibilityFeedback


class AccessibleFormRenderer(TemplatesSetting):
    """Every form gets an error summary, labels, hints and errors tied to their fields (WCAG 3.3.1-3.3.3)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's validation errors on the form's fields, or above the form for other fields."""
    if hasattr(error, "error_dict"):
        for field_name, messages in error.message_dict.items():
            form.add_error(field_name if field_name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class HoneypotInput(forms.TextInput):
    """A text box people never see (hidden by the stylesheet, skipped by the keyboard); bots that fill every box do.

    Counted among the form's hidden fields, so the form renderer gives it no label or field group."""

    @property
    def is_hidden(self) -> bool:
        return True


def same_origin_path(value: str, hosts: set[str]) -> str | None:
    """The path of `value` when it names a page on this site ("/a/b/" or "https://<one of hosts>/a/b/"), else None.

    Django's own redirect check decides what is this site; query strings and fragments are dropped: they may carry
    personal data and say nothing about accessibility."""
    value = (value or "").strip()
    if not value or len(value) > AccessibilityFeedback.PAGE_MAX_LENGTH:
        return None
    # urlsplit quietly drops tabs and newlines, so "/a\nb" would pass as "/ab": refuse control characters first.
    if any(ord(character) < 32 or ord(character) == 127 for character in value):
        return None
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=hosts):
        return None
    path = urlsplit(value).path
    return path if path.startswith("/") and not path.startswith("//") else None


def site_hosts(request) -> set[str]:
    """The host names a same-origin address may carry: the one asked for and the configured public one."""
    return {request.get_host(), urlsplit(settings.INSTEG_SITE_URL).netloc}


class AccessibilityFeedbackForm(forms.Form):
    page = forms.CharField(
        label=_("The page concerned (optional)"),
        help_text=_("The address of the page, starting with /. Filled in when you came from a page of Insteg."),
        required=False,
        max_length=AccessibilityFeedback.PAGE_MAX_LENGTH,
    )
    problem = forms.CharField(
        label=_("What is the problem?"),
        help_text=_("Describe what you tried to do and what did not work, for example with a screen reader."),
        max_length=AccessibilityFeedback.PROBLEM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        help_text=_("Only if you want an answer. We use it only to answer you."),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=HoneypotInput(attrs={"class": "honeypot", "tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, hosts: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.hosts = hosts

    def clean_page(self) -> str:
        value = self.cleaned_data["page"]
        if not value:
            return ""
        path = same_origin_path(value, self.hosts)
        if path is None:
            raise ValidationError(_("Give the address of a page on this site, starting with /, for example /notices/."))
        return path

    def clean_problem(self) -> str:
        problem = self.cleaned_data["problem"].strip()
        if not problem:
            raise ValidationError(_("Describe the problem."))
        return problem

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
