"""The view log for the data protection officer: who read which participant's data, when and why.

Searching it is itself a read of participant data (names are shown), so every page shown is written back to
the log with the purpose "supervision": the DPO is supervised too.
"""

import uuid

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insteg.lib import exports
from insteg.matching import services as matching_services
from insteg.matching.models import ParticipantView
from insteg.privacy import access

PAGE_SIZE = 50


class ViewLogFilterForm(forms.Form):
    person = forms.CharField(
        label=gettext_lazy("Participant"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("The pseudonymous id (preferred: it keeps names out of addresses), or a name."),
    )
    staff = forms.CharField(label=gettext_lazy("Staff member (user name)"), required=False, max_length=150)
    purpose = forms.ChoiceField(
        label=gettext_lazy("Purpose"), required=False, choices=[("", "–"), *ParticipantView.Purpose.choices]
    )
    date_from = forms.DateField(
        label=gettext_lazy("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def filter(self, views):
        data = self.cleaned_data
        person = (data.get("person") or "").strip()
        if person:
            try:
                views = views.filter(participant__public_id=uuid.UUID(person))
            except ValueError:
                for word in person.split()[:4]:
                    views = views.filter(
                        Q(participant__first_name__icontains=word) | Q(participant__last_name__icontains=word)
                    )
        if data.get("staff"):
            views = views.filter(viewer__username__iexact=data["staff"].strip())
        if data.get("purpose"):
            views = views.filter(purpose=data["purpose"])
        if data.get("date_from"):
            views = views.filter(viewed_at__date__gte=data["date_from"])
        if data.get("date_to"):
            views = views.filter(viewed_at__date__lte=data["date_to"])
        return views


def views_for(user):
    return ParticipantView.objects.filter(participant__in=access.participants_for(user).values("pk")).select_related(
        "participant", "viewer"
    )


def _log_supervision(user, views, where: str) -> None:
    shown = {view.participant_id: view.participant for view in views}
    matching_services.log_views(user, list(shown.values()), purpose=ParticipantView.Purpose.SUPERVISION, where=where)


def view_log(request):
    access.require_supervisor(request.user)
    form = ViewLogFilterForm(request.GET or None)
    views = views_for(request.user)
    if form.is_bound:
        views = form.filter(views) if form.is_valid() else views.none()
    # `?format=csv` is the address the page gave before exports were the same everywhere; old bookmarks keep working.
    export_format = exports.requested_format(request) or ("csv" if request.GET.get("format") == "csv" else None)
    if export_format:
        rows = list(views[: exports.MAX_ROWS])
        _log_supervision(request.user, rows, f"view log {export_format}")
        return exports.response(export_format, "view-log", _columns(), rows, title=_("View log"))
    page = Paginator(views, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    _log_supervision(request.user, rows, "view log")
    context = {"form": form, "page": page, "rows": rows}
    return render(request, "privacy/view_log.html", context)


def _columns() -> list[exports.Column]:
    return [
        exports.Column(_("Time"), lambda view: view.viewed_at, 20),
        exports.Column(
            _("Participant"), lambda view: str(view.participant) if not view.participant.erased_at else _("erased"), 24
        ),
        exports.Column(_("Pseudonymous id"), lambda view: str(view.participant.public_id), 38),
        exports.Column(_("Viewed by"), lambda view: view.viewer.username if view.viewer else _("unknown"), 16),
        exports.Column(_("Purpose"), lambda view: view.purpose, 14),
        exports.Column(_("Where"), lambda view: view.where, 28),
    ]
