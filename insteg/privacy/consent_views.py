"""The administrator's page for consent texts: every published version, and publishing a new one."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from insteg.core.forms import add_service_errors
from insteg.lib.errors import DomainError
from insteg.privacy.consent_forms import ConsentTextForm
from insteg.privacy.consent_services import publish_consent_text
from insteg.privacy.models import ConsentPurpose, ConsentText


@dataclass
class PurposeTexts:
    purpose: ConsentPurpose
    versions: list[ConsentText]  # newest first: the first is the current one
    form: ConsentTextForm


def consent_texts(request):
    if not (request.user.is_authenticated and request.user.is_administrator):
        raise PermissionDenied
    posted = request.POST.get("purpose") if request.method == "POST" else None
    if posted is not None and posted not in ConsentPurpose.values:
        messages.error(request, _("Choose one of the consent purposes."))
        return redirect("privacy:consent_texts")
    versions = list(ConsentText.objects.select_related("published_by").order_by("purpose", "-version"))
    groups = []
    for purpose in ConsentPurpose:
        own = [text for text in versions if text.purpose == purpose]
        form = _form(request, purpose, own[0] if own else None, bound=posted == purpose)
        if form.is_bound and form.is_valid():
            try:
                text = publish_consent_text(purpose, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Version %(version)d of the consent text for “%(purpose)s” is published.")
                    % {"version": text.version, "purpose": purpose.label},
                )
                return redirect("privacy:consent_texts")
        groups.append(PurposeTexts(purpose, own, form))
    return render(request, "privacy/consent_texts.html", {"groups": groups})


def _form(request, purpose, current, *, bound: bool) -> ConsentTextForm:
    """One form per purpose, its fields prefixed so that several purposes can share the page."""
    if bound:
        return ConsentTextForm(request.POST, prefix=purpose.value)
    initial = {"text_sv": current.text_sv, "text_en": current.text_en} if current else {}
    return ConsentTextForm(prefix=purpose.value, initial=initial)
