"""The reports dashboard: each role's figures on one page (dashboard.py computes them)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from insteg.reports import access
from insteg.reports.dashboard import cached_dashboard_for


def dashboard(request):
    if not access.can_read_reports(request.user):
        raise PermissionDenied
    worked_out_at, dashboard = cached_dashboard_for(request.user, timezone.localdate())
    context = {
        "dashboard": dashboard,
        "worked_out_at": worked_out_at,
        "is_staff": access.is_municipality_staff(request.user),
    }
    return render(request, "reports/dashboard.html", context)
