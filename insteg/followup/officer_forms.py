"""Forms of the matching officers' follow-up pages. The services check every rule again; these give clear
messages next to the fields and carry the hints (never health details in free text)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insteg.accounts.models import Role, User
from insteg.followup.models import (
    MAX_DESCRIPTION_LENGTH,
    MAX_NOTE_LENGTH,
    Action,
    CheckIn,
    Situation,
    SituationCategory,
)
from insteg.matching.models import Placement
from insteg.procurement.forms import DateInput

ACTION_ROWS = 3
NO_HEALTH_DETAILS = _("Practical matters only. Never write health details, diagnoses or background here.")


def _choices_with_blank(choices):
    return [("", _("Choose…")), *choices]


class StartForm(forms.Form):
    started_on = forms.DateField(
        label=_("Actual start date"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave it empty when the placement started on the planned day. Not a future date."),
    )


class ResponsibleForm(forms.Form):
    officer = forms.ModelChoiceField(
        label=_("Responsible matching officer"),
        queryset=User.objects.none(),
        empty_label=_("Choose…"),
        help_text=_("The open check-ins move to the officer you choose."),
    )

    def __init__(self, *args, municipality_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = (
            User.objects.filter(
                memberships__organisation_id=municipality_id, memberships__role=Role.MATCHING_OFFICER, is_active=True
            )
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        self.fields["officer"].label_from_instance = lambda user: user.name


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput(), help_text=_("The last day of the placement."))
    end_reason = forms.ChoiceField(
        label=_("Why it ended"),
        choices=_choices_with_blank(Placement.EndReason.choices),
        help_text=_(
            "The early-end rule: a placement the participant ends early, on their own or for health reasons, "
            "counts as complete for the contract when at least 75 percent of the planned time was done (the share "
            "the contract's commitment sets). One ended by the employer does not. Choose the reason only: "
            "never write health details."
        ),
    )
    outcome_at_end = forms.ChoiceField(
        label=_("Outcome at the end"),
        choices=_choices_with_blank(Placement.Outcome.choices),
        help_text=_("Where the person goes after the placement."),
    )
    outcome_at_end_evidence = forms.ChoiceField(
        label=_("Evidence for the outcome"),
        choices=_choices_with_blank(Placement.Evidence.choices),
        required=False,
        help_text=_("How you know it. Not needed when the outcome is unknown."),
    )


class Outcome90Form(forms.Form):
    outcome_90 = forms.ChoiceField(
        label=_("Outcome 90 days after the end"), choices=_choices_with_blank(Placement.Outcome.choices)
    )
    outcome_90_evidence = forms.ChoiceField(
        label=_("Evidence for the outcome"),
        choices=_choices_with_blank(Placement.Evidence.choices),
        required=False,
        help_text=_("How you know it. Not needed when the outcome is unknown."),
    )


class CheckInAddForm(forms.Form):
    due_on = forms.DateField(label=_("Due on"), widget=DateInput(), help_text=_("A day after today, within two years."))


class CheckInForm(forms.Form):
    """A check-in that was held, up to three actions agreed at it (blank rows are ignored) and the next one."""

    done_on = forms.DateField(label=_("Held on"), widget=DateInput(), help_text=_("Not a future date."))
    channel = forms.ChoiceField(label=_("Channel"), choices=CheckIn.Channel.choices, widget=forms.RadioSelect)
    with_whom = forms.ChoiceField(label=_("With whom"), choices=CheckIn.WithWhom.choices, widget=forms.RadioSelect)
    status = forms.ChoiceField(label=_("How it goes"), choices=CheckIn.Status.choices, widget=forms.RadioSelect)
    categories = forms.MultipleChoiceField(
        label=_("Situation categories"),
        choices=SituationCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What the check-in was about, if anything needs attention."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_HEALTH_DETAILS,
    )
    next_check_in_on = forms.DateField(
        label=_("Next extra check-in"),
        required=False,
        widget=DateInput(),
        help_text=_("Only when you agreed on one beyond the schedule: a day after today."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"done_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        for number in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{number}_text"] = forms.CharField(
                label=_("What is to be done"), required=False, max_length=300, help_text=NO_HEALTH_DETAILS
            )
            self.fields[f"action_{number}_owner"] = forms.ChoiceField(
                label=_("Owner"), required=False, choices=_choices_with_blank(Action.Owner.choices)
            )
            self.fields[f"action_{number}_due_on"] = forms.DateField(
                label=_("Due on"), required=False, widget=DateInput()
            )

    def action_rows(self):
        """The bound fields of each action row, for the template's fieldsets."""
        return [
            (number, [self[f"action_{number}_{part}"] for part in ("text", "owner", "due_on")])
            for number in range(1, ACTION_ROWS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        actions = []
        for number in range(1, ACTION_ROWS + 1):
            names = {part: f"action_{number}_{part}" for part in ("text", "owner", "due_on")}
            if any(name in self.errors for name in names.values()):
                continue
            values = {part: cleaned.get(name) for part, name in names.items()}
            if not any(values.values()):
                continue  # a blank row
            missing = [part for part, value in values.items() if not value]
            for part in missing:
                self.add_error(names[part], _("Fill in the whole action, or leave the row empty."))
            if not missing:
                actions.append(values)
        cleaned["actions"] = actions
        return cleaned


class SituationReportForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=_choices_with_blank(SituationCategory.choices))
    severity = forms.ChoiceField(label=_("Severity"), choices=_choices_with_blank(Situation.Severity.choices))
    occurred_on = forms.DateField(
        label=_("Happened on"), widget=DateInput(), help_text=_("Not a future date, not before the start.")
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=MAX_DESCRIPTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One event per report: what happened and what is needed. Never write health details, diagnoses "
            "or background."
        ),
    )


class SituationStepForm(forms.Form):
    """One step on a situation; the hidden `action` says which (respond, resolve or reopen)."""

    RESPOND, RESOLVE, REOPEN = "respond", "resolve", "reopen"

    action = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(
        max_length=MAX_DESCRIPTION_LENGTH, widget=forms.Textarea(attrs={"rows": 3}), help_text=NO_HEALTH_DETAILS
    )

    def __init__(self, *args, action: str, label, **kwargs):
        super().__init__(*args, auto_id=f"id_{action}_%s", initial={"action": action}, **kwargs)
        self.step = action  # not `action`: a template would find the field of that name first
        self.fields["text"].label = label
