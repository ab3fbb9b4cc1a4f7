"""The data-protection start page: one place from which the DPO and administrators reach every privacy duty."""

from django.shortcuts import render

from insteg.privacy import access
from insteg.retention.models import DisposalBatch, LegalHold


def overview(request):
    access.require_supervisor(request.user)
    context = {
        "proposals_waiting": DisposalBatch.objects.filter(status=DisposalBatch.Status.PROPOSED).count(),
        "holds_active": LegalHold.objects.filter(released_at__isnull=True).count(),
        "is_administrator": request.user.is_administrator,
    }
    return render(request, "privacy/overview.html", context)
