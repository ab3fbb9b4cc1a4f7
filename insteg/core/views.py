from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insteg.accounts import access
from insteg.core import access as core_access
from insteg.core import services
from insteg.core.accessibility import statement
from insteg.core.forms import AccessibilityFeedbackForm, same_origin_path, site_hosts
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
    return render(request, "core/accessibility.html", statement())


def _page_concerned(request) -> str:
    """The page the person came from: ?sida= (the statement's and footer's links) or the Referer, this site only."""
    hosts = site_hosts(request)
    for candidate in (request.GET.get("sida", ""), request.headers.get("referer", "")):
        if path := same_origin_path(candidate, hosts):
            return path
    return ""


@login_not_required
def feedback(request):
    """Report a problem with accessibility (lag 2018:1937): open to everyone, signed in or not."""
    address = services.client_address(request)
    status = 200
    if request.method == "POST":
        form = AccessibilityFeedbackForm(request.POST, hosts=site_hosts(request))
        if services.feedback_limit_reached(address):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "You have sent several reports in a short time, so this one was not sent. Try again in an hour, "
                    "or e-mail or phone us (see the accessibility statement)."
                ),
            )
            status = 429
        elif form.is_valid():
            if not form.is_bot():
                services.submit_feedback(
                    address=address,
                    page=form.cleaned_data["page"],
                    problem=form.cleaned_data["problem"],
                    email=form.cleaned_data["email"],
                    language=get_language() or "",
                )
            return redirect("core:feedback_received")
        else:
            status = 400
    else:
        form = AccessibilityFeedbackForm(initial={"page": _page_concerned(request)}, hosts=site_hosts(request))
    return render(request, "core/feedback.html", {"form": form}, status=status)


@login_not_required
def feedback_received(request):
    return render(request, "core/feedback_received.html", statement())


def feedback_list(request):
    reports = core_access.feedback_for_user(request.user).order_by("status", "-created_at", "-pk")
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(request, "core/feedback_list.html", {"page": page, "reports": page.object_list})


@require_POST
def feedback_handle(request, pk: int):
    report = core_access.get_feedback_for_user(request.user, pk)
    services.mark_handled(report, user=request.user)
    messages.success(request, _("The report is marked as handled."))
    return redirect("core:feedback_list")


@login_not_required
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
