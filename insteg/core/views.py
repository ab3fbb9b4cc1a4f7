from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from insteg.accounts import access
from insteg.core.navigation import ROLE_GUIDES


@login_not_required
def home(request):
    user = request.user
    if not user.is_authenticated:
        return render(request, "core/welcome.html")
    memberships = user.active_memberships
    guides = [(membership, ROLE_GUIDES[membership.role]) for membership in memberships]
    context = {
        "guides": guides,
        "can_manage_organisation": bool(user.organisation) and access.can_manage_organisation(user, user.organisation),
    }
    return render(request, "core/home.html", context)


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html")


@login_not_required
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
