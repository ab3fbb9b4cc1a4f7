from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from insteg.accounts import access
from insteg.privacy.forms import AuditFilterForm
from insteg.privacy.models import AuditEvent


def audit_trail(request):
    if not access.can_view_audit_trail(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.visible_to(request.user).select_related("actor", "organisation", "target_type")
    if form.is_bound and form.is_valid():
        events = form.filter(events)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    template = "privacy/audit_trail.html#results" if request.htmx else "privacy/audit_trail.html"
    return render(request, template, {"form": form, "page": page})
