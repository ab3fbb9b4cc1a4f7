import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from insteg.procurement.models import (
    MAX_ESTIMATED_VALUE_SEK,
    EmploymentAlternative,
    LegalInstrument,
    Level,
    Lot,
    Procurement,
    RequirementKind,
    SocialRequirement,
    TargetGroup,
    Theme,
)
from insteg.procurement.services import PROCUREMENT_FIELDS
from insteg.rules.models import ContractType, ProportionalityPreset


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class WholeKronorField(forms.IntegerField):
    """Whole SEK as people write them: "12 500 000", "12500000 kr" or "12 500 000,00"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f]|kr\.?$|sek$|,00$", "", value.strip(), flags=re.IGNORECASE)
        return super().to_python(value)


class CpvListField(forms.CharField):
    """Several CPV codes separated by commas, spaces or new lines; each is validated by the model."""

    def to_python(self, value):
        text = super().to_python(value)
        return [code for code in re.split(r"[\s,;]+", text) if code]

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value


class ProcurementForm(forms.ModelForm):
    estimated_value_sek = WholeKronorField(
        label=_("Estimated value (SEK)"),
        min_value=1,
        max_value=MAX_ESTIMATED_VALUE_SEK,
        help_text=_("Whole SEK excluding VAT, including options and extensions, for example 12 500 000."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    cpv_additional = CpvListField(
        label=_("Additional CPV codes"),
        required=False,
        help_text=_("Separate the codes with commas, for example 45421000-4, 45430000-0."),
    )

    class Meta:
        model = Procurement
        fields = PROCUREMENT_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "accelerated_justification": forms.Textarea(attrs={"rows": 3}),
            "lots_not_divided_reason": forms.Textarea(attrs={"rows": 3}),
            "notice_sent": DateInput(),
            "question_deadline": DateInput(),
            "tender_deadline": DateInput(),
        }
        help_texts = {
            "question_deadline": _("Leave empty for the default: ten days before the tender deadline."),
            "cpv_main": _("Eight digits, a hyphen and a check digit, for example 45212212-5."),
        }

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.instance.organisation = organisation

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        others = Procurement.objects.filter(organisation=self.instance.organisation, reference__iexact=reference)
        if others.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Another procurement already has this reference number."))
        return reference


class LotForm(forms.ModelForm):
    estimated_value_sek = WholeKronorField(
        label=_("Estimated value (SEK)"),
        required=False,
        min_value=1,
        max_value=MAX_ESTIMATED_VALUE_SEK,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Lot
        fields = ["number", "title", "estimated_value_sek"]


class CriterionFilterForm(forms.Form):
    """Filters for choosing criteria; every field is optional and unknown values are simply invalid."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ChoiceField(label=_("Theme"), required=False, choices=[("", _("All themes")), *Theme.choices])
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices])
    legal_instrument = forms.ChoiceField(
        label=_("Legal instrument"), required=False, choices=[("", _("All instruments")), *LegalInstrument.choices]
    )
    suits_contract = forms.BooleanField(label=_("Only criteria that suit this contract type"), required=False)

    def filter(self, criteria, contract_type: str):
        if not self.is_valid():
            return criteria.none()
        data = self.cleaned_data
        if data["q"]:
            criteria = criteria.filter(title_sv__icontains=data["q"]) | criteria.filter(title_en__icontains=data["q"])
        for name in ("theme", "level", "legal_instrument"):
            if data[name]:
                criteria = criteria.filter(**{name: data[name]})
        if data["suits_contract"]:
            criteria = criteria.suiting(contract_type)
        return criteria


# Which parameters each kind of requirement asks for, beyond the lot, clause and rationale.
PARAMETERS_BY_KIND = {
    RequirementKind.PLAIN: [],
    RequirementKind.EMPLOYMENT_DIALOGUE: ["target_groups", "reporting_frequency"],
    RequirementKind.EMPLOYMENT_NUMERIC: [
        "target_groups",
        "alternatives",
        "preset",
        "slots_decided",
        "months_fulltime",
        "first_start_within_months",
        "early_end_threshold_percent",
        "penalty_terms",
        "bonus_terms",
        "reporting_frequency",
    ],
    RequirementKind.EMPLOYMENT_BONUS: ["target_groups", "bonus_terms", "reporting_frequency"],
    RequirementKind.LABOUR_CONDITIONS: ["collective_agreement"],
    RequirementKind.RESERVED: ["target_group_share_percent"],
}


# Where the requirement applies and what it asks, then the decision and its rationale, then the clause.
FIELD_ORDER = [
    "lot",
    "target_groups",
    "alternatives",
    "months_fulltime",
    "first_start_within_months",
    "early_end_threshold_percent",
    "penalty_terms",
    "bonus_terms",
    "reporting_frequency",
    "collective_agreement",
    "target_group_share_percent",
    "preset",
    "slots_decided",
    "rationale",
    "clause_text",
]


class RequirementForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    alternatives = forms.MultipleChoiceField(
        label=_("Allowed alternatives"),
        choices=EmploymentAlternative.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = SocialRequirement
        fields = ["lot", *sorted({name for names in PARAMETERS_BY_KIND.values() for name in names}), "rationale"]
        fields += ["clause_text"]
        widgets = {
            "rationale": forms.Textarea(attrs={"rows": 4}),
            "clause_text": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        requirement = self.instance
        kind = requirement.criterion.requirement_kind
        keep = {"lot", "rationale", "clause_text", *PARAMETERS_BY_KIND[kind]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.fields["lot"].queryset = requirement.procurement.lots.all()
        self.fields["lot"].empty_label = _("The whole contract")
        self.fields["rationale"].required = True
        if "preset" in self.fields:
            self.fields["preset"].queryset = ProportionalityPreset.objects.all()
            self.fields["preset"].required = True
            # Choosing another rule of thumb shows its suggestion at once (htmx); without script, on saving.
            self.fields["preset"].widget.attrs.update(
                {
                    "hx-get": reverse("procurement:requirement", args=[requirement.procurement_id, requirement.pk]),
                    "hx-target": "#suggestion",
                    "hx-swap": "outerHTML",
                    "hx-trigger": "change",
                    "hx-include": "this",
                }
            )
        if "slots_decided" in self.fields:
            self.fields["slots_decided"].required = True
        if kind == RequirementKind.EMPLOYMENT_NUMERIC:
            self.fields["target_groups"].required = True
            self.fields["alternatives"].required = True
        self.fields["clause_text"].help_text = _(
            "The names in braces are filled in from the parameters above; the document shows the result."
        )
        self.order_fields(FIELD_ORDER)


class TransitionForm(forms.Form):
    status = forms.ChoiceField(choices=Procurement.Status.choices)


CONTRACT_TYPE_CHOICES = ContractType.choices
