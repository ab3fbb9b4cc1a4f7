from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from insteg.rules.models import ExchangeRate, Procedure, ProcurementPolicy, ProportionalityPreset, Threshold, TimeLimit

# Whole SEK; no threshold or contract is larger, so anything above is a typing error.
MAX_AMOUNT = 10**12


def validate_plausible_date(value) -> None:
    """A guard against typing errors such as year 20226: the rules' dates lie between 2000 and 2100."""
    if not 2000 <= value.year <= 2100:
        raise ValidationError(_("Enter a date between the years 2000 and 2100."), code="implausible")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _date_field(label, help_text=""):
    return forms.DateField(
        label=label, help_text=help_text, required=False, widget=DateInput, validators=[validate_plausible_date]
    )


class DeadlineCalculatorForm(forms.Form):
    procedure = forms.ChoiceField(label=_("Procedure"), choices=Procedure.choices, initial=Procedure.OPEN)
    electronic_submission = forms.BooleanField(
        label=_("Tenders may be submitted electronically"), required=False, initial=True
    )
    prior_information_notice = forms.BooleanField(
        label=_("A prior information notice was sent"),
        required=False,
        help_text=_("Between 35 days and 12 months before the contract notice."),
    )
    accelerated = forms.BooleanField(
        label=_("Accelerated procedure"),
        required=False,
        help_text=_("Only when urgency, which you must justify, makes the normal time limits impracticable."),
    )
    notice_sent = _date_field(
        _("Day the notice is sent"),
        _("For the restricted and negotiated procedures: the day the invitation to tender is sent."),
    )
    tender_deadline = _date_field(_("Tender deadline"))
    award_notice_sent = _date_field(_("Day the award notice is sent"))
    award_notice_electronic = forms.BooleanField(
        label=_("The award notice is sent electronically"), required=False, initial=True
    )

    def clean(self):
        cleaned = super().clean()
        notice_sent, tender_deadline = cleaned.get("notice_sent"), cleaned.get("tender_deadline")
        if notice_sent and tender_deadline and tender_deadline <= notice_sent:
            self.add_error("tender_deadline", _("The tender deadline must come after the day the notice is sent."))
        return cleaned


def _date_widgets(*names):
    return dict.fromkeys(names, DateInput)


def _form_field(model_field, **kwargs):
    """Source addresses typed without a scheme are taken as https://, as Django 6 will."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class RuleForm(forms.ModelForm):
    """A rule row's form: validated by the model's own clean() and constraints."""

    class Meta:
        formfield_callback = _form_field

    def _post_clean(self):
        super()._post_clean()
        # A check constraint repeats what the model's clean() already said in words ("Constraint … is
        # violated."): when both speak, show only the words.
        errors = self._errors.get(NON_FIELD_ERRORS)
        if not errors:
            return
        constraint_messages = {c.get_violation_error_message() for c in self._meta.model._meta.constraints}
        kept = [message for message in errors if message not in constraint_messages]
        if kept and len(kept) < len(errors):
            self._errors[NON_FIELD_ERRORS] = self.error_class(kept, error_class="nonfield", renderer=self.renderer)


class ThresholdForm(RuleForm):
    class Meta(RuleForm.Meta):
        model = Threshold
        fields = [
            "law",
            "kind",
            "buyer_category",
            "contract_type",
            "valid_from",
            "valid_to",
            "amount_sek",
            "amount_eur",
            "source",
            "source_url",
            "certainty",
        ]
        widgets = _date_widgets("valid_from", "valid_to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("valid_from", "valid_to"):
            self.fields[name].validators.append(validate_plausible_date)
        for name in ("amount_sek", "amount_eur"):
            self.fields[name].validators += [MinValueValidator(1), MaxValueValidator(MAX_AMOUNT)]


class ExchangeRateForm(RuleForm):
    class Meta(RuleForm.Meta):
        model = ExchangeRate
        fields = ["valid_from", "sek_per_eur", "source", "source_url", "certainty"]
        widgets = _date_widgets("valid_from")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].validators.append(validate_plausible_date)


class TimeLimitForm(RuleForm):
    """The rule's length and wording; its code, kind, procedure and condition are its identity."""

    class Meta(RuleForm.Meta):
        model = TimeLimit
        fields = ["days", "rolls_forward", "text_sv", "text_en", "source", "source_url", "certainty"]


class PresetForm(RuleForm):
    class Meta(RuleForm.Meta):
        model = ProportionalityPreset
        fields = [
            "name_sv",
            "name_en",
            "method",
            "works_sek_per_slot",
            "services_sek_per_slot",
            "social_services_sek_per_slot",
            "rounding",
            "employment_months_per_slot",
            "internship_months_per_slot",
            "fixed_slots",
            "fixed_months",
            "description_sv",
            "description_en",
            "source",
            "source_url",
            "certainty",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("works_sek_per_slot", "services_sek_per_slot", "social_services_sek_per_slot"):
            self.fields[name].validators += [MinValueValidator(1), MaxValueValidator(MAX_AMOUNT)]
        for name in ("employment_months_per_slot", "internship_months_per_slot", "fixed_months"):
            self.fields[name].validators += [MinValueValidator(1), MaxValueValidator(240)]
        self.fields["fixed_slots"].validators += [MinValueValidator(1), MaxValueValidator(1000)]


class PolicyForm(RuleForm):
    class Meta(RuleForm.Meta):
        model = ProcurementPolicy
        fields = ["default_preset", "near_threshold_margin_percent"]
