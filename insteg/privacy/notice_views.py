"""Public privacy notices (GDPR art. 13) for processing that rests on consent.

One template per purpose; the current consent text is shown with its version and date, so a person can read
exactly what they agree to before they agree.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render

from insteg.privacy.models import ConsentPurpose, ConsentText

TEMPLATES = {ConsentPurpose.TRAINING_REGISTRATION: "privacy/notice_training_registration.html"}


@login_not_required
def notice(request, purpose):
    template = TEMPLATES.get(purpose)
    if template is None:
        raise Http404
    context = {
        "consent_text": ConsentText.objects.current(purpose),
        "retention_months": settings.INSTEG_TRAINING_RETENTION_MONTHS,
    }
    return render(request, template, context)
