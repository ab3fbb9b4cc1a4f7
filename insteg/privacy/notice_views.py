"""Public privacy notices (GDPR art. 13/14), one per purpose, and the records of processing (art. 30).

Both are generated from the declarations in `insteg.privacy.purposes`. A notice for processing that rests on
consent shows the current consent text with its version and date, so a person can read exactly what they agree
to before they agree.

The records of processing are public, not only for signed-in staff: Swedish municipalities publish their
registers of processing, the information is about processing (not about anyone), and a person deciding whether
to sign up should be able to read it without an account.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render

from insteg.privacy import purposes
from insteg.privacy.models import ConsentText


@login_not_required
def notice(request, purpose):
    declared = purposes.get(purpose)
    if declared is None:
        raise Http404
    context = {
        "purpose": declared,
        "record": declared.as_dict(),
        "rights": purposes.rights(declared),
        "imy_url": purposes.IMY_URL,
        "consent_text": ConsentText.objects.current(declared.consent_purpose) if declared.consent_purpose else None,
    }
    return render(request, "privacy/notice.html", context)


@login_not_required
def processing_records(request):
    records = [(purpose, purpose.as_dict()) for purpose in purposes.PURPOSES]
    return render(request, "privacy/processing_records.html", {"records": records})
