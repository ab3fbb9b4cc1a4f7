"""Forms of the impact estimator: the scenario's settings (a GET form) and an impact parameter (administrators).

parameter_services validates again; these put clear messages next to the fields."""

import datetime

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insteg.procurement.forms import DateInput
from insteg.reports.models import ImpactParameter
from insteg.reports.parameter_services import FIRST_PRICE_YEAR, LAST_PRICE_YEAR

MAX_PERIOD_YEARS = 10


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From 1 January last year until today: long enough for outcomes 90 days after to be known."""
    return datetime.date(today.year - 1, 1, 1), today


class ScenarioForm(forms.Form):
    start = forms.DateField(label=_("Placements that started from"), widget=DateInput())
    end = forms.DateField(label=_("until"), widget=DateInput())
    deadweight = forms.IntegerField(
        label=_("Deadweight (%)"),
        min_value=0,
        max_value=90,
        help_text=_("0 to 90: the share of the effect that would have happened anyway, without the requirement."),
    )
    attribution = forms.IntegerField(
        label=_("Attribution (%)"),
        min_value=10,
        max_value=100,
        help_text=_("10 to 100: the share of the effect that is due to the requirement rather than to others' work."),
    )
    lifetime_share = forms.IntegerField(
        label=_("Long-term scenario: share of the lifetime cost of exclusion (%)"),
        min_value=0,
        max_value=20,
        help_text=_("0 to 20. 0 leaves the long-term scenario out."),
    )

    @classmethod
    def defaults(cls, today: datetime.date) -> dict:
        start, end = default_period(today)
        return {"start": start, "end": end, "deadweight": 0, "attribution": 100, "lifetime_share": 0}

    def __init__(self, data=None, *, today: datetime.date | None = None):
        today = today or timezone.localdate()
        super().__init__(data, initial=self.defaults(today))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end must not come before the start."))
            elif (end - start).days > MAX_PERIOD_YEARS * 366:
                self.add_error("end", _("Choose a period of at most %(years)d years.") % {"years": MAX_PERIOD_YEARS})
            elif start.year < 2000 or end.year > 2100:
                self.add_error("start", _("Choose dates between the years 2000 and 2100."))
        return cleaned


def _form_field(model_field, **kwargs):
    """A source address typed without a scheme is taken as https://, as Django 6 will."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class ParameterForm(forms.ModelForm):
    class Meta:
        model = ImpactParameter
        formfield_callback = _form_field
        fields = [
            "value_low",
            "value_high",
            "unit",
            "price_year",
            "source_title",
            "source_url",
            "certainty",
            "notes",
            "active",
        ]
        widgets = {"price_year": forms.NumberInput(attrs={"min": FIRST_PRICE_YEAR, "max": LAST_PRICE_YEAR})}
        help_texts = {
            "value_low": _("The low end of the range. The same as the high end when the source gives one value."),
            "value_high": _("The high end of the range: at least the low end."),
            "price_year": _("The year the amounts are priced in, 1990 to 2100."),
            "source_title": _("Who says so, and where: a report, a statistic or the municipality's own decision."),
            "source_url": _("The source's web address, if it has one."),
            "notes": _("What the value includes and how sure it is. No personal data."),
            "active": _("Untick to leave the parameter out of every estimate."),
        }

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("value_low"), cleaned.get("value_high")
        if low is not None and high is not None and low > high:
            self.add_error("value_high", _("The high end must be at least the low end."))
        year = cleaned.get("price_year")
        if year is not None and not FIRST_PRICE_YEAR <= year <= LAST_PRICE_YEAR:
            self.add_error(
                "price_year",
                _("Enter a year from %(first)d to %(last)d.") % {"first": FIRST_PRICE_YEAR, "last": LAST_PRICE_YEAR},
            )
        return cleaned
