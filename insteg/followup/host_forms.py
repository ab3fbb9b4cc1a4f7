"""The host company's form for reporting a situation. The service checks the rules again (dates, health
words) and its messages are put on these fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from insteg.followup.models import MAX_DESCRIPTION_LENGTH, Situation, SituationCategory
from insteg.lib.sensitive import refuse_sensitive_words
from insteg.procurement.forms import DateInput
from insteg.rules.forms import validate_plausible_date


class HostSituationForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What it is about"), choices=[("", _("Choose a category")), *SituationCategory.choices]
    )
    severity = forms.ChoiceField(
        label=_("How serious it is"),
        choices=[("", _("Choose a severity")), *Situation.Severity.choices],
        help_text=_("High: the placement cannot go on as it is without help."),
    )
    occurred_on = forms.DateField(label=_("When it happened"), widget=DateInput, validators=[validate_plausible_date])
    description = forms.CharField(
        label=_("What happened and what is needed"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_DESCRIPTION_LENGTH,
        help_text=_(
            "One event per report. Describe the practical situation only: never write health details, diagnoses, "
            "sick leave or anything about the person's background."
        ),
    )

    def clean_description(self):
        # The service refuses it too; saying it here shows it together with the other fields' problems.
        text = self.cleaned_data["description"]
        try:
            refuse_sensitive_words(text, field="description")
        except ValidationError as error:
            raise ValidationError(error.message_dict["description"]) from None
        return text
