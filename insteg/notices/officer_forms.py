"""Forms of the buyer's question inbox: write an answer, publish it within the time limits, extend the deadline."""

from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from insteg.notices.models import MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH, Answer
from insteg.procurement.forms import DateInput
from insteg.procurement.models import validate_plausible_date

PUBLIC_QUESTION_HINT = _(
    "This wording is published to every supplier. Rewrite it so that it does not reveal who asked: "
    "no names, organisation numbers, own product names or details only the asker would know."
)


class QuestionChoiceField(forms.ModelMultipleChoiceField):
    """Unanswered questions as checkboxes, labelled with the asker (staff may see it), time and an excerpt."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, question) -> str:
        excerpt = question.text if len(question.text) <= 120 else question.text[:119] + "…"
        received = localtime(question.received_at).strftime("%Y-%m-%d %H:%M")
        return f"{question.asking_organisation}, {received}: {excerpt}"


class AnswerForm(forms.Form):
    """A draft answer; with `questions` the officer chooses which unanswered questions it answers."""

    questions = QuestionChoiceField(
        queryset=None,
        required=False,
        label=_("Questions this answers"),
        help_text=_("Choose several to answer duplicates together with one published answer."),
    )
    public_question = forms.CharField(
        label=_("The question as published"),
        max_length=MAX_QUESTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=PUBLIC_QUESTION_HINT,
    )
    text = forms.CharField(label=_("Answer"), max_length=MAX_ANSWER_LENGTH, widget=forms.Textarea(attrs={"rows": 8}))
    lot = forms.ModelChoiceField(queryset=None, required=False, label=_("Lot it concerns"), empty_label=_("None"))
    requirement = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Social requirement it concerns"), empty_label=_("None")
    )
    significant_change = forms.BooleanField(
        required=False,
        label=_("Significant change to the procurement documents"),
        help_text=_("For example a changed mandatory requirement. Publishing it requires a later tender deadline."),
    )

    def __init__(self, *args, procurement, questions=None, kind=Answer.Kind.ANSWER, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["lot"].queryset = procurement.lots.all()
        self.fields["requirement"].queryset = procurement.requirements.select_related("criterion")
        if questions is None or kind == Answer.Kind.CLARIFICATION:
            del self.fields["questions"]
        else:
            self.fields["questions"].queryset = questions
        if kind == Answer.Kind.CLARIFICATION:
            self.fields["public_question"].label = _("Subject of the clarification")
            self.fields["public_question"].help_text = _("A short heading, published to every supplier.")
            self.fields["text"].label = _("Clarification")

    def clean(self):
        cleaned = super().clean()
        if "questions" in self.fields and not cleaned.get("questions") and "questions" not in self.errors:
            self.add_error("questions", _("Choose the question or questions this answers."))
        return cleaned


class CorrectionForm(forms.Form):
    public_question = forms.CharField(
        label=_("The question as published"),
        max_length=MAX_QUESTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=PUBLIC_QUESTION_HINT,
    )
    text = forms.CharField(
        label=_("Corrected answer"), max_length=MAX_ANSWER_LENGTH, widget=forms.Textarea(attrs={"rows": 8})
    )
    significant_change = forms.BooleanField(
        required=False,
        label=_("Significant change to the procurement documents"),
        help_text=_("Publishing a significant change requires a later tender deadline."),
    )


class PublishForm(forms.Form):
    extend_to = forms.DateField(
        required=False,
        label=_("Extend the tender deadline to"),
        widget=DateInput(),
        validators=[validate_plausible_date],
        help_text=_("Leave empty to keep the current tender deadline."),
    )
    late_reason = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Why a late answer does not affect the preparation of tenders"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed only when the answer is late and the tender deadline is not extended."),
    )


class ExtendForm(forms.Form):
    new_deadline = forms.DateField(
        label=_("New tender deadline"), widget=DateInput(), validators=[validate_plausible_date]
    )

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current:
            self.fields["new_deadline"].help_text = _("Later than the current tender deadline, %(date)s.") % {
                "date": date_format(current, "Y-m-d")
            }
