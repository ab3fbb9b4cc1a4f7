"""Forms of the supplier portal: a place offered under a contract, the periodic report, the positions filter."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from insteg.contracts import services
from insteg.contracts.models import Contract, Occupation, Position, PositionType

SSYK_CODE = re.compile(r"^\s*(\d{4})(?:\s|$)")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class OccupationInput(forms.TextInput):
    """A text box with a searchable list of the SSYK unit groups ("9111 Städare ..."), so typing a word finds it."""

    template_name = "contracts/supplier/occupation_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["options"] = [str(occupation) for occupation in Occupation.objects.all()]
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs'].get('id', name)}_options"
        return context


class OccupationField(forms.CharField):
    """An SSYK 2012 unit group, typed as its four-digit code, optionally followed by its title."""

    widget = OccupationInput
    default_error_messages = {
        "unknown": _("Unknown SSYK 2012 code. Type four digits or a word and pick from the list.")
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 210)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Occupation):
            return str(value)
        if isinstance(value, str) and re.fullmatch(r"\d{4}", value):
            occupation = Occupation.objects.filter(pk=value).first()
            return str(occupation) if occupation else value
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        match = SSYK_CODE.match(text)
        occupation = Occupation.objects.filter(pk=match.group(1)).first() if match else None
        if occupation is None:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        return occupation


class PositionForm(forms.ModelForm):
    occupation = OccupationField(
        label=_("Occupation (SSYK 2012)"),
        help_text=_("Type the four-digit code or a word of the occupation, for example 9111 or Städare, and pick it."),
    )

    class Meta:
        model = Position
        fields = services.POSITION_FIELDS
        widgets = {
            "start_from": DateInput(),
            "start_until": DateInput(),
            "physical_demands": forms.Textarea(attrs={"rows": 2}),
            "adaptations": forms.Textarea(attrs={"rows": 3}),
            "supervisor_email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "position_type": _("The kinds of position the contract's commitments allow."),
            "workplace_municipality": _("Where the work is done, for example Östersund."),
            "start_from": _("The first day the person can start."),
            "start_until": _("The last day the person can start."),
            "hours_per_week": _("Full time is 40 hours."),
            "physical_demands": _("For example heavy lifting, working at height or standing all day."),
            "adaptations": _("For example flexible hours, a quiet room or instructions in pictures."),
            "supervisor_name": _("The person at the workplace who will take care of the new colleague."),
        }

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = PositionType.objects.filter(commitments__contract=contract).distinct()
        self.fields["position_type"].queryset = allowed if allowed.exists() else PositionType.objects.all()
        self.fields["position_type"].empty_label = _("Choose a position type")
        if self.instance.pk is None:
            del self.fields["status"]
        for name in ("title", "workplace_municipality", "workplace_address", "supervisor_name"):
            self.fields[name].widget.attrs.setdefault("autocomplete", "off")

    @property
    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.POSITION_FIELDS if name in self.fields}


class ReportForm(forms.Form):
    """Counts and months only: the national model's follow-up, without a single name."""

    period_start = forms.DateField(label=_("Period"), widget=forms.Select)
    places_offered = forms.IntegerField(
        label=_("Places offered"),
        min_value=0,
        max_value=1000,
        help_text=_("Places the company offered during the period."),
    )
    people_started = forms.IntegerField(
        label=_("People who started"),
        min_value=0,
        max_value=1000,
        help_text=_("People who started a placement during the period."),
    )
    months_completed = forms.DecimalField(
        label=_("Months of full-time work completed"),
        min_value=0,
        max_value=10000,
        max_digits=6,
        decimal_places=1,
        help_text=_("In the period, all placements together, for example 2.5. Part time counts pro rata."),
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )
    ended_early = forms.IntegerField(label=_("Placements that ended early"), min_value=0, max_value=1000, initial=0)
    ended_early_met = forms.IntegerField(
        label=_("Of these, placements where at least the agreed share of the time was done"),
        min_value=0,
        max_value=1000,
        initial=0,
        help_text=_("The national model counts such a placement as met (usually at 75 percent of its time)."),
    )
    confirms_terms = forms.BooleanField(
        label=_(
            "We confirm that the placements follow the contract's terms: the agreed kinds of position, "
            "pay and conditions at least as in the collective agreement, and the working hours stated"
        ),
        error_messages={"required": _("Tick this box to confirm, or contact the buyer if you cannot.")},
    )
    confirms_supervision = forms.BooleanField(
        label=_("We confirm that every person placed has a named supervisor (handledare) at the workplace"),
        error_messages={"required": _("Tick this box to confirm, or contact the buyer if you cannot.")},
    )

    def __init__(self, *args, contract: Contract, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        self.today = today
        self.reported = set(contract.reports.values_list("period_start", flat=True))
        self.open_periods = [
            (start, end) for start, end in services.periods(contract, today) if start not in self.reported
        ]
        self.fields["period_start"].widget.choices = [
            (start.isoformat(), f"{start.isoformat()} – {end.isoformat()}") for start, end in self.open_periods
        ]
        due = [start for start, end in self.open_periods if end < today]
        if due:
            self.initial.setdefault("period_start", due[0].isoformat())

    def clean_period_start(self):
        start = self.cleaned_data["period_start"]
        if start in dict(self.open_periods):
            return start
        if start in self.reported:
            raise ValidationError(_("This period is already reported."), code="reported")
        future = dict(services.periods(self.contract, self.contract.ends_on))
        if start in future:
            raise ValidationError(
                _("This period has not started yet. You can report on it from %(date)s.") % {"date": start.isoformat()},
                code="not_started",
            )
        raise ValidationError(_("Choose one of the contract's reporting periods."), code="unknown")

    def clean(self):
        cleaned = super().clean()
        offered, started = cleaned.get("places_offered"), cleaned.get("people_started")
        if offered is not None and started is not None and started > offered:
            self.add_error("people_started", _("More people cannot start than places were offered."))
        ended, met = cleaned.get("ended_early"), cleaned.get("ended_early_met")
        if ended is not None and met is not None and met > ended:
            self.add_error("ended_early_met", _("This cannot be more than the placements that ended early."))
        return cleaned


class PositionFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    position_type = forms.ChoiceField(label=_("Position type"), required=False)
    municipality = forms.ChoiceField(label=_("Workplace municipality"), required=False)

    def __init__(self, *args, position_types, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *Position.Status.choices]
        self.fields["position_type"].choices = [("", _("All position types"))] + [
            (kind.code, kind.name) for kind in position_types
        ]
        self.fields["municipality"].choices = [("", _("All municipalities"))] + [
            (name, name) for name in municipalities
        ]

    def filter(self, positions):
        if not self.is_valid():
            return positions
        data = self.cleaned_data
        if data.get("status"):
            positions = positions.filter(status=data["status"])
        if data.get("position_type"):
            positions = positions.filter(position_type__code=data["position_type"])
        if data.get("municipality"):
            positions = positions.filter(workplace_municipality=data["municipality"])
        return positions
