"""Forms of the advertising period's public and supplier-facing pages."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from insteg.notices.models import MAX_QUESTION_LENGTH
from insteg.procurement.models import Procurement, Theme
from insteg.rules.models import ContractType

# Supplier and public forms


class NoticeFilterForm(forms.Form):
    """Search and filters of the public notice list; every field is optional, unknown values are invalid."""

    OPEN = "open"
    CLOSED = "closed"

    q = forms.CharField(label=_("Search title or reference"), required=False, max_length=100)
    contract_type = forms.ChoiceField(
        label=_("Contract type"), required=False, choices=[("", _("All contract types")), *ContractType.choices]
    )
    theme = forms.ChoiceField(
        label=_("Social requirement"), required=False, choices=[("", _("All kinds of requirement")), *Theme.choices]
    )
    state = forms.ChoiceField(
        label=_("Open for tenders"),
        required=False,
        choices=[("", _("Open and closed")), (OPEN, _("Open")), (CLOSED, _("Closed"))],
    )

    def filter(self, procurements, today):
        if not self.is_valid():
            return procurements.none()
        data = self.cleaned_data
        if data["q"]:
            procurements = procurements.filter(Q(title__icontains=data["q"]) | Q(reference__icontains=data["q"]))
        if data["contract_type"]:
            procurements = procurements.filter(contract_type=data["contract_type"])
        if data["theme"]:
            # A subquery rather than a join, so a procurement with two such requirements is listed once.
            with_theme = Procurement.objects.filter(requirements__criterion__theme=data["theme"]).values("pk")
            procurements = procurements.filter(pk__in=with_theme)
        if data["state"]:
            is_open = open_condition(today)
            procurements = procurements.filter(is_open) if data["state"] == self.OPEN else procurements.exclude(is_open)
        return procurements


def open_condition(today):
    """The database form of services.is_open: advertised and the tender deadline not passed."""
    return Q(status=Procurement.Status.PUBLISHED) & (Q(tender_deadline__isnull=True) | Q(tender_deadline__gte=today))


class InterestForm(forms.Form):
    REGISTER = "register"
    WITHDRAW = "withdraw"

    action = forms.ChoiceField(
        choices=[(REGISTER, _("Register interest")), (WITHDRAW, _("Withdraw interest"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose to register or to withdraw.")},
    )
    contact_email = forms.EmailField(
        label=_("Contact email for answers and changes"),
        required=False,
        max_length=254,
        help_text=_("Every published answer and change is sent here. Other suppliers never see it."),
        error_messages={"invalid": _("Enter an email address such as anbud@foretag.se.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == self.REGISTER and not data.get("contact_email") and "contact_email" not in self.errors:
            self.add_error("contact_email", _("Enter the email address the answers should go to."))
        return data


class RequirementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.criterion.title


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_QUESTION_LENGTH,
        help_text=_("At most %(limit)d characters.") % {"limit": MAX_QUESTION_LENGTH},
        error_messages={
            "required": _("Write your question."),
            "max_length": _("Write at most %(limit_value)d characters; this has %(show_value)d."),
        },
    )
    lot = forms.ModelChoiceField(
        label=_("Lot (optional)"),
        queryset=None,
        required=False,
        empty_label=_("The whole procurement"),
        error_messages={"invalid_choice": _("Choose one of this procurement's lots.")},
    )
    requirement = RequirementChoiceField(
        label=_("Social requirement (optional)"),
        queryset=None,
        required=False,
        empty_label=_("No particular requirement"),
        error_messages={"invalid_choice": _("Choose one of this procurement's social requirements.")},
    )

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = procurement.lots.all()
        self.fields["requirement"].queryset = procurement.requirements.select_related("criterion")
        if not procurement.lots.exists():
            del self.fields["lot"]
        if not procurement.requirements.exists():
            del self.fields["requirement"]
