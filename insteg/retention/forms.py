from django import forms
from django.utils.translation import gettext_lazy as _

from insteg.retention.models import Action, RecordType, RetentionRule
from insteg.retention.record_types import handler_for


class RuleForm(forms.ModelForm):
    """Period, action and decision of one rule; the actions offered are those the record type allows."""

    months = forms.IntegerField(
        label=_("Retention period (months)"),
        min_value=1,
        max_value=1200,
        help_text=_("Counted from the rule's trigger date, in Swedish local dates."),
    )

    class Meta:
        model = RetentionRule
        fields = ["months", "action", "decision_ref", "enabled"]
        help_texts = {
            "enabled": _("Only a rule with a disposal decision can be in force. Proposals still need approval."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = handler_for(self.instance.record_type).actions
        self.fields["action"].choices = [(value, label) for value, label in Action.choices if value in allowed]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("enabled") and not (cleaned.get("decision_ref") or "").strip():
            self.add_error(
                "enabled",
                _(
                    "A rule can only be put in force with the archive authority's disposal decision: "
                    "record its reference first (arkivlagen)."
                ),
            )
        return cleaned

    def _post_clean(self):
        """The service saves (and checks again); the model's constraints are not run twice here."""


class HoldForm(forms.Form):
    record_type = forms.ChoiceField(label=_("Kind of record"), choices=RecordType.choices)
    record_id = forms.IntegerField(
        label=_("Record number"),
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("The number in the record's address, for example a participant's number."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("For example a court review, an appeal (överprövning) or a records request. No names."),
    )
