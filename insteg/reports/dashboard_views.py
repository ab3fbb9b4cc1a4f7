"""The reports dashboard: each role's figures on one page (dashboard.py computes them)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from insteg.reports import access
from insteg.reports.dashboard import dashboard_for


def dashboard(request):
    if not access.can_read_reports(request.user):
        raise PermissionDenied
    context = {
        "dashboard": dashboard_for(request.user, timezone.localdate()),
        "is_staff": access.is_municipality_staff(request.user),
    }
    return render(request, "reports/dashboard.html", context)
