"""Forms of the buyer's pages: tenders, award, signing, amending a commitment, deciding vite or bonus."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from insteg.accounts.models import Organisation
from insteg.contracts.models import Commitment, ComplianceDecision, PositionType
from insteg.contracts.services import AMENDABLE
from insteg.procurement.forms import DateInput, WholeKronorField
from insteg.procurement.models import MAX_ESTIMATED_VALUE_SEK

# The history keeps a change's reason in a field of 100 characters: a longer one would be cut silently.
MAX_AMENDMENT_REASON = 100
MAX_DECISION_REASON = 4000


def _kronor_widget():
    return forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


class TenderForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Tenderer"),
        queryset=Organisation.objects.none(),
        help_text=_("Only organisations registered as suppliers can be chosen."),
    )
    lot = forms.ModelChoiceField(label=_("Lot"), queryset=None, required=True)
    price_sek = WholeKronorField(
        label=_("Tendered price (SEK, optional)"),
        required=False,
        min_value=0,
        max_value=MAX_ESTIMATED_VALUE_SEK,
        help_text=_("Whole SEK excluding VAT, for example 54 800 000."),
        widget=_kronor_widget(),
    )

    def __init__(self, *args, procurement, **kwargs):
        kwargs.setdefault("auto_id", "id_tender_%s")
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.suppliers().order_by("name")
        lots = procurement.lots.all()
        if lots.exists():
            self.fields["lot"].queryset = lots
        else:
            del self.fields["lot"]


class AwardForm(forms.Form):
    """One per lot (or one for an undivided procurement); the hidden lot says which one was posted."""

    lot = forms.CharField(widget=forms.HiddenInput, required=False)
    winner = forms.ModelChoiceField(label=_("Winning tender"), queryset=None)
    decided_on = forms.DateField(label=_("Award decided on"), widget=DateInput())
    notice_sent_on = forms.DateField(
        label=_("Award notice sent on"),
        widget=DateInput(),
        help_text=_("The standstill period (avtalsspärr) is counted from this day."),
    )
    notice_electronic = forms.BooleanField(
        label=_("The award notice was sent electronically"),
        required=False,
        initial=True,
        help_text=_("10 days of standstill when sent electronically, 15 days otherwise (20 kap. 1 § LOU)."),
    )

    def __init__(self, *args, procurement, lot=None, **kwargs):
        key = lot.pk if lot else "all"
        kwargs.setdefault("auto_id", f"id_award{key}_%s")
        kwargs.setdefault("initial", {"lot": lot.pk if lot else ""})
        super().__init__(*args, **kwargs)
        self.lot_choice = lot
        tenders = procurement.tenders.select_related("organisation").filter(lot=lot)
        self.fields["winner"].queryset = tenders
        self.fields["winner"].label_from_instance = lambda tender: str(tender.organisation)

    def clean(self):
        data = super().clean()
        decided, sent = data.get("decided_on"), data.get("notice_sent_on")
        if decided and sent and sent < decided:
            self.add_error("notice_sent_on", _("The award notice cannot be sent before the decision."))
        return data


class SignForm(forms.Form):
    value_sek = WholeKronorField(
        label=_("Contract value (SEK)"),
        min_value=1,
        max_value=MAX_ESTIMATED_VALUE_SEK,
        help_text=_("Whole SEK excluding VAT, for example 55 000 000."),
        widget=_kronor_widget(),
    )
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput())
    starts_on = forms.DateField(label=_("Contract starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Contract ends on"), widget=DateInput())
    options = forms.CharField(
        label=_("Options to extend (optional)"),
        max_length=300,
        required=False,
        help_text=_("For example: 1 + 1 years."),
    )
    early_signing_ground = forms.CharField(
        label=_("Legal ground for signing before the standstill ends (only if you sign early)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Leave empty when you sign on or after the earliest signing date. Signing earlier is allowed only on "
            "a ground in 20 kap. LOU, for example a direct award, a call-off under a framework agreement, or only "
            "one tenderer that has been told of the award. Name the ground and the section of the law."
        ),
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("The contract must end after it starts."))
        return data


class CommitmentForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=MAX_AMENDMENT_REASON,
        help_text=_("Required. It is kept in the commitment's history, at most 100 characters."),
    )

    class Meta:
        model = Commitment
        fields = [*sorted(AMENDABLE), "position_types"]
        widgets = {"position_types": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_%s")
        super().__init__(*args, **kwargs)
        self.fields["position_types"].queryset = PositionType.objects.order_by("name_sv")
        self.order_fields(
            [
                "slots",
                "months_fulltime",
                "position_types",
                "first_start_within_months",
                "early_end_threshold_percent",
                "penalty_per_missing_month_sek",
                "bonus_per_extra_month_sek",
                "reporting_frequency",
                "reason",
            ]
        )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Say why the commitment is changed."))
        return reason

    def changes(self) -> dict:
        changes = {name: self.cleaned_data[name] for name in AMENDABLE}
        changes["position_types"] = list(self.cleaned_data["position_types"])
        return changes


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Decision"), choices=ComplianceDecision.Kind.choices)
    amount_sek = WholeKronorField(
        label=_("Amount (SEK)"),
        min_value=0,
        max_value=10**9,
        required=False,
        help_text=_("Prefilled with the suggestion from the contract's terms. Not used when the decision is neither."),
        widget=_kronor_widget(),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_DECISION_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The supplier's contacts receive the decision and this reason by email."),
    )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (ComplianceDecision.Kind.PENALTY, ComplianceDecision.Kind.BONUS) and not data.get("amount_sek"):
            self.add_error("amount_sek", _("Give the amount of the vite or bonus."))
        if kind == ComplianceDecision.Kind.NONE:
            data["amount_sek"] = 0
        return data

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Write the reason for the decision."))
        return reason
