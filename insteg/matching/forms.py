"""Forms of the participant, proposal and decision pages. The services check the rules again; these give clear
messages next to the fields."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from insteg.accounts.models import Organisation
from insteg.contracts.models import Occupation
from insteg.matching.models import Adaptation, Participant, Proposal
from insteg.matching.services import PARTICIPANT_FIELDS
from insteg.procurement.forms import DateInput
from insteg.procurement.models import TargetGroup

MAX_SEARCH = 100
# Markup in a name is never a name: refuse it rather than store something that only looks harmless escaped.
MARKUP = re.compile(r"[<>]")


class OccupationCodesField(forms.CharField):
    """SSYK 2012 codes typed as text ("9111, 5120"): easier to use with a screen reader than a 400-row list."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(item.code if isinstance(item, Occupation) else str(item) for item in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [code for code in re.split(r"[\s,;]+", text or "") if code]

    def clean(self, value):
        codes = self.to_python(value)
        self.validate(codes)
        malformed = [code for code in codes if not re.fullmatch(r"\d{4}", code)]
        if malformed:
            raise ValidationError(
                _("An SSYK code has four digits, for example 9111. Check: %(codes)s."),
                params={"codes": ", ".join(malformed[:5])},
            )
        found = {occupation.code: occupation for occupation in Occupation.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise ValidationError(
                _("These are not SSYK 2012 codes: %(codes)s."), params={"codes": ", ".join(unknown[:5])}
            )
        return [found[code] for code in dict.fromkeys(codes)]


class ParticipantForm(forms.ModelForm):
    """PARTICIPANT_FIELDS in groups; the adaptations are a separate, restricted fieldset in the template."""

    occupations = OccupationCodesField(
        label=_("Occupations of interest (SSYK codes)"),
        required=False,
        help_text=_("Four-digit SSYK 2012 codes separated by commas, for example 9111, 5120."),
    )
    adaptations = forms.MultipleChoiceField(
        label=_("Practical adaptations"),
        choices=Adaptation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What helps the person at a workplace, never why: no diagnoses and no health details."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Organisation.objects.none(),
        help_text=_("The municipality whose matching officers will work with the person."),
    )

    class Meta:
        model = Participant
        fields = PARTICIPANT_FIELDS
        widgets = {
            "available_from": DateInput(),
            "waiting_since": DateInput(),
            "informed_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
            "referral_reference": forms.TextInput(attrs={"autocomplete": "off"}),
            "personnummer": forms.TextInput(attrs={"autocomplete": "off"}),
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "birth_year": _("Only the year: the age band is used for statistics."),
            "informed_on": _("The day the person was told how their data is used (GDPR art. 13)."),
            "notes": _(
                "Practical matters only. Never write health details, diagnoses or background here: use the "
                "practical adaptations instead."
            ),
        }

    # Fields shown in each fieldset of the page, in order (the adaptations have their own).
    GROUPS = [
        (
            _("The person"),
            ["municipality", "referral_reference", "first_name", "last_name", "email", "phone", "personnummer"],
        ),
        (_("For statistics"), ["birth_year", "gender", "target_group", "programme"]),
        (
            _("Work and availability"),
            [
                "occupations",
                "swedish_level",
                "other_languages",
                "driving_licence",
                "home_municipality",
                "max_travel_km",
                "available_from",
                "hours_min",
                "hours_max",
                "waiting_since",
            ],
        ),
        (_("Notes and legal basis"), ["notes", "legal_basis", "informed_on"]),
    ]

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["informed_on"].required = True
        self.fields["programme"].empty_label = _("No programme")
        if not settings.INSTEG_COLLECT_PERSONNUMMER:
            del self.fields["personnummer"]
        elif self.instance.pk and self.instance.personnummer:
            # Never print a stored number back: leaving the field empty keeps it.
            self.fields["personnummer"].help_text = _(
                "Recorded: %(masked)s. Leave empty to keep it, or enter a new number."
            ) % {"masked": self.instance.masked_personnummer}
            self.initial["personnummer"] = ""
        if municipalities is None or self.instance.pk:
            del self.fields["municipality"]
        else:
            self.fields["municipality"].queryset = municipalities
            if len(municipalities) == 1:
                self.fields["municipality"].initial = municipalities[0]
                self.fields["municipality"].widget = forms.HiddenInput()

    def clean_first_name(self):
        return self._plain_name("first_name")

    def clean_last_name(self):
        return self._plain_name("last_name")

    def _plain_name(self, name):
        value = self.cleaned_data[name].strip()
        if MARKUP.search(value):
            raise ValidationError(_("Enter the name without the characters < and >."))
        return value

    def groups(self):
        return [(legend, [self[name] for name in names if name in self.fields]) for legend, names in self.GROUPS]

    def service_data(self) -> dict:
        """What the service saves: the PARTICIPANT_FIELDS on the form; an empty personnummer on edit keeps it."""
        data = {name: self.cleaned_data[name] for name in PARTICIPANT_FIELDS if name in self.fields}
        if self.instance.pk and not data.get("personnummer"):
            data.pop("personnummer", None)
        return data


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=MAX_SEARCH)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Participant.Status.choices]
    )
    target_group = forms.ChoiceField(
        label=_("Target group"), required=False, choices=[("", _("Any target group")), *TargetGroup.choices]
    )

    def filter(self, participants):
        if not self.is_valid():
            return participants.none()
        data = self.cleaned_data
        for word in data["q"].split():
            participants = participants.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        if data["status"]:
            participants = participants.filter(status=data["status"])
        if data["target_group"]:
            participants = participants.filter(target_group=data["target_group"])
        return participants


DISCLOSURE_HELP = _(
    "The host may learn about the person only with the person's consent (OSL 12 kap. 2 §) or after a "
    "confidentiality assessment: JO criticised an authority for telling an internship host about a person's "
    "background without one (JO 1029-2017)."
)


class ProposeForm(forms.Form):
    disclosure = forms.ChoiceField(
        label=_("Basis for disclosing the person to the host"),
        choices=Proposal.Disclosure.choices,
        widget=forms.RadioSelect,
        help_text=DISCLOSURE_HELP,
    )
    shared_adaptations = forms.MultipleChoiceField(
        label=_("Adaptations to share with the host"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Share only what the workplace needs to know. The host sees the first name, the start and these."),
    )
    proposed_start = forms.DateField(label=_("Proposed start"), widget=DateInput())

    def __init__(self, *args, proposal, **kwargs):
        kwargs.setdefault("initial", {"proposed_start": proposal.proposed_start})
        super().__init__(*args, **kwargs)
        self.fields["shared_adaptations"].choices = [
            (code, Adaptation(code).label) for code in proposal.participant.adaptations if code in Adaptation.values
        ]
        if not self.fields["shared_adaptations"].choices:
            del self.fields["shared_adaptations"]


class DecisionForm(forms.Form):
    ACCEPT, DECLINE = "accept", "decline"

    decision = forms.ChoiceField(choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline"))], widget=forms.HiddenInput)
    decline_reason = forms.ChoiceField(
        label=_("Reason for declining"),
        choices=Proposal.DeclineReason.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.DECLINE and not data.get("decline_reason"):
            self.add_error("decline_reason", _("Choose a reason for declining."))
        return data
