from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from insteg.accounts import access
from insteg.lib import exports
from insteg.privacy.forms import AuditFilterForm
from insteg.privacy.models import AuditEvent


def audit_trail(request):
    if not access.can_view_audit_trail(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.visible_to(request.user).select_related("actor", "organisation", "target_type")
    if form.is_bound and form.is_valid():
        events = form.filter(events)
    if export_format := exports.requested_format(request):
        return exports.response(export_format, "audit-trail", _audit_columns(), events, title=_("Audit trail"))
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    template = "privacy/audit_trail.html#results" if request.htmx else "privacy/audit_trail.html"
    return render(request, template, {"form": form, "page": page})


def _audit_columns() -> list[exports.Column]:
    return [
        exports.Column(_("Time"), lambda e: e.created_at, 20),
        exports.Column(_("Action"), lambda e: e.action, 28),
        exports.Column(_("Who"), lambda e: e.actor.username if e.actor else _("system"), 16),
        exports.Column(_("Organisation"), lambda e: str(e.organisation) if e.organisation else "", 28),
        exports.Column(_("Object type"), lambda e: e.target_type.name if e.target_type else "", 20),
        exports.Column(_("Object id"), lambda e: e.target_id, 10),
        exports.Column(_("Details"), lambda e: " ".join(f"{key}={value}" for key, value in (e.data or {}).items()), 40),
    ]
