"""Forms of the follow-up rules pages. rule_services validates again; these put clear messages next to fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from insteg.contracts.models import PositionType
from insteg.followup import rule_services
from insteg.followup.models import CheckInStep, ResponseTimeLimit


class StepForm(forms.ModelForm):
    position_type = forms.ModelChoiceField(
        label=_("Position type"),
        queryset=PositionType.objects.all(),
        required=False,
        empty_label=_("None: the default schedule"),
        help_text=_("Empty: the step belongs to the default schedule, used by every position type without its own."),
    )

    class Meta:
        model = CheckInStep
        fields = ["position_type", "code", "name_sv", "name_en", "anchor", "months", "days"]
        help_texts = {
            "code": _("Lower-case letters, digits and hyphens, unique within the schedule, for example one-month."),
            "months": _("0 to 24."),
            "days": _("0 to 366, added after the months."),
        }

    def clean(self):
        cleaned = super().clean()
        if "code" in cleaned and "position_type" in cleaned:
            probe = CheckInStep(pk=self.instance.pk, position_type=cleaned["position_type"], code=cleaned["code"])
            if rule_services.code_in_use(probe):
                # A field with an error is left out of the model's constraint check, so only this message shows.
                self.add_error("code", _("This schedule already has a step with this code. Choose another code."))
        return cleaned


class DeleteStepForm(forms.Form):
    intent = forms.CharField(widget=forms.HiddenInput, initial="delete")
    confirm = forms.BooleanField(
        label=_("Yes, delete this step"),
        error_messages={"required": _("Tick the box to confirm that the step is to be deleted.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_delete_%s")
        super().__init__(*args, **kwargs)


class LimitForm(forms.ModelForm):
    class Meta:
        model = ResponseTimeLimit
        fields = ["working_days", "source", "certainty"]
        help_texts = {
            "working_days": _(
                "0 to 30. Counted from the day after the report; weekends and Swedish public holidays do not count. "
                "0: by the end of the working day it is reported."
            ),
            "source": _("The municipality's routine or decision the limit comes from."),
        }
