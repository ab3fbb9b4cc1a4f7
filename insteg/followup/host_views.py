"""The host company's page of a placement at one of its positions (supplier portal).

The host sees only what was disclosed (the first name, the position, the dates, the status and the agreed
adaptations) and the situations it reported itself, never check-ins or situations reported by others; it
reports new situations here. Matching officers and referrers follow up at followup:placement instead.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from insteg.core.forms import add_service_errors
from insteg.followup import access, rule_services, services
from insteg.followup.host_forms import HostSituationForm
from insteg.lib.errors import DomainError
from insteg.matching.models import Adaptation, Placement


def _adaptation_labels(codes) -> list[str]:
    return [Adaptation(code).label for code in codes or [] if code in Adaptation.values]


def host_placement(request, pk):
    placement = access.get_host_placement(request.user, pk)  # 404 for anyone but the host; logs the read
    form = HostSituationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            situation = services.report_situation(placement, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("followup:host_placement", pk=placement.pk)
        else:
            messages.success(
                request,
                _("The situation is reported. The municipality responds by %(due)s.")
                % {"due": f"{timezone.localtime(situation.response_due_at):%Y-%m-%d}"},
            )
            return redirect("followup:host_placement", pk=placement.pk)
    context = {
        "placement": placement,
        "first_name": placement.participant.first_name,
        "adaptations": _adaptation_labels(placement.agreed_adaptations),
        "situations": access.situations_for(request.user, placement),
        "may_report": placement.status != Placement.Status.PLANNED,
        "form": form,
        "limits": rule_services.limits_in_category_order(),
    }
    return render(request, "followup/host/placement.html", context)
