"""The pilot evaluation's selection: which procurements and which period. A GET form, so a report has an address."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insteg.reports import access

MAX_YEARS = 10
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2099, 12, 31)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"min": EARLIEST.isoformat(), "max": LATEST.isoformat(), **(attrs or {})}, format="%Y-%m-%d"
        )


class ProcurementChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, procurement):
        return f"{procurement.reference} {procurement.title}"


class EvaluationForm(forms.Form):
    procurements = ProcurementChoiceField(
        label=_("Procurements"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to report on every procurement."),
    )
    # Not required: a period left out is this year so far, as on the first visit.
    start = forms.DateField(label=_("From"), required=False, widget=DateInput, help_text=_("For example 2026-01-01."))
    end = forms.DateField(label=_("To"), required=False, widget=DateInput, help_text=_("For example 2026-12-31."))

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["procurements"].queryset = access.reportable_procurements(user).order_by("reference", "pk")
        today = timezone.localdate()
        self.fields["start"].initial = today.replace(month=1, day=1)
        self.fields["end"].initial = today

    def clean(self):
        cleaned = super().clean()
        for name in ("start", "end"):
            if name not in self.errors and not cleaned.get(name):
                cleaned[name] = self.fields[name].initial
        start, end = cleaned.get("start"), cleaned.get("end")
        for name, value in (("start", start), ("end", end)):
            if value and not EARLIEST <= value <= LATEST:
                self.add_error(
                    name,
                    _("Choose a date from %(earliest)s to %(latest)s.")
                    % {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
                )
        if start and end and end < start:
            self.add_error("end", _("The end of the period cannot be before its start."))
        elif start and end and end > _years_after(start, MAX_YEARS):
            self.add_error("end", _("The period can be at most %(years)d years long.") % {"years": MAX_YEARS})
        return cleaned

    def procurement_choices(self) -> list[dict]:
        """The checkboxes, written out by the template: a county's thousands of procurements would take Django's
        widget renderer most of a second."""
        chosen = {str(value) for value in self["procurements"].value() or []}
        rows = self.fields["procurements"].queryset.values_list("pk", "reference", "title")
        return [
            {
                "id": f"id_procurements_{index}",
                "value": pk,
                "label": f"{reference} {title}",
                "checked": str(pk) in chosen,
            }
            for index, (pk, reference, title) in enumerate(rows)
        ]

    def selection(self) -> tuple:
        """The procurements (a queryset) and the period: the valid input's, else the defaults."""
        data = self.cleaned_data if self.is_bound else {}
        procurements = data.get("procurements") or self.fields["procurements"].queryset
        return (
            procurements,
            data.get("start") or self.fields["start"].initial,
            data.get("end") or self.fields["end"].initial,
        )

    def query(self) -> str:
        """The selection as a query string, for the links to the same report as XLSX, CSV and PDF."""
        procurements, start, end = self.selection()
        chosen = [p.pk for p in self.cleaned_data.get("procurements") or []] if self.is_bound else []
        return urlencode({"procurements": chosen, "start": start.isoformat(), "end": end.isoformat()}, doseq=True)


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def bind(request) -> EvaluationForm:
    """Bound to the query string when it has any of the form's fields, else unbound (the defaults)."""
    fields = EvaluationForm.base_fields
    data = request.GET if any(name in request.GET for name in fields) else None
    return EvaluationForm(data, user=request.user)
