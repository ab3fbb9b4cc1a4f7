"""Forms of the criteria library: the filters of the list (pages and API) and the administrator's editor."""

import re
import string

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from insteg.procurement.models import Criterion, LegalInstrument, Level, Theme
from insteg.rules.models import ContractType

# Long enough for the numeric employment clause several times over; longer is a pasting mistake.
MAX_TEXT_LENGTH = 10_000
SUSTAINABILITY_GOAL = re.compile(r"^(social|economic|environmental|innovation)(\.[a-z][A-Za-z]*)?$")
TEXT_FIELDS = ["text_sv", "guidance_sv", "guidance_en", "verification_sv", "verification_en"]
CONTRACT_TYPE_FIELDS = [f"suits_{value}" for value in ContractType.values]


def _with_all(label, choices) -> list:
    return [("", label), *choices]


class CriterionFilterForm(forms.Form):
    """The list's filters. Only administrators get the choice to include criteria taken out of use."""

    q = forms.CharField(
        label=_("Search"), required=False, max_length=100, help_text=_("Words in the title, or the code.")
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False, choices=_with_all(_("All themes"), Theme.choices))
    level = forms.ChoiceField(label=_("Level"), required=False, choices=_with_all(_("All levels"), Level.choices))
    legal_instrument = forms.ChoiceField(
        label=_("Legal instrument"),
        required=False,
        choices=_with_all(_("All legal instruments"), LegalInstrument.choices),
    )
    contract_type = forms.ChoiceField(
        label=_("Suits contract type"),
        required=False,
        choices=_with_all(_("All contract types"), ContractType.choices),
    )
    include_inactive = forms.BooleanField(label=_("Include criteria no longer in use"), required=False)

    def __init__(self, *args, may_include_inactive: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_include_inactive:
            del self.fields["include_inactive"]

    def filter(self, criteria):
        """Apply the filters that are valid; an invalid one is shown as an error and left out."""
        data = self.cleaned_data if self.is_bound else {}
        if not data.get("include_inactive"):
            criteria = criteria.active()
        for name in ("theme", "level", "legal_instrument"):
            if data.get(name):
                criteria = criteria.filter(**{name: data[name]})
        if data.get("contract_type"):
            criteria = criteria.suiting(data["contract_type"])
        if words := data.get("q", "").split():
            for word in words:
                criteria = criteria.filter(
                    Q(title_sv__icontains=word) | Q(title_en__icontains=word) | Q(code__icontains=word)
                )
        return criteria


class CriterionForm(forms.ModelForm):
    """An administrator edits a criterion. The code is fixed once created: requirements and documents cite it."""

    class Meta:
        model = Criterion
        fields = [
            "title_sv",
            "title_en",
            "theme",
            "level",
            "legal_instrument",
            "requirement_kind",
            "lou_reference",
            "uhm_criterion_id",
            "social_objective",
            "sustainability_goal",
            "text_sv",
            "guidance_sv",
            "guidance_en",
            "verification_sv",
            "verification_en",
            *CONTRACT_TYPE_FIELDS,
            "is_active",
        ]
        help_texts = {
            "uhm_criterion_id": _("Optional: the number of the criterion in Upphandlingsmyndigheten's library."),
            "requirement_kind": _("Which values the officer fills in when the criterion becomes a requirement."),
            "is_active": _("Criteria no longer in use are hidden when officers choose requirements."),
        }
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in TEXT_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            self.fields[name].validators.append(MaxLengthValidator(MAX_TEXT_LENGTH))
            self.fields[name].widget.attrs["maxlength"] = MAX_TEXT_LENGTH
        self.fields["text_sv"].widget.attrs["lang"] = "sv"
        self.fields["guidance_sv"].widget.attrs["lang"] = "sv"
        self.fields["verification_sv"].widget.attrs["lang"] = "sv"
        self.fields["title_sv"].widget.attrs["lang"] = "sv"
        self.fields["uhm_criterion_id"].validators.append(
            RegexValidator(r"^\d+$", _("Write the criterion number in digits only, for example 11554."))
        )
        self.fields["sustainability_goal"].validators.append(
            RegexValidator(
                SUSTAINABILITY_GOAL,
                _("Write an OCDS sustainability goal code, for example social or social.genderEquality."),
            )
        )

    def clean_text_sv(self):
        text = _normalise_newlines(self.cleaned_data["text_sv"])
        _check_placeholders_are_bare_names(text)
        return text

    def clean_guidance_sv(self):
        return _normalise_newlines(self.cleaned_data["guidance_sv"])

    def clean_guidance_en(self):
        return _normalise_newlines(self.cleaned_data["guidance_en"])

    def clean_verification_sv(self):
        return _normalise_newlines(self.cleaned_data["verification_sv"])

    def clean_verification_en(self):
        return _normalise_newlines(self.cleaned_data["verification_en"])

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in CONTRACT_TYPE_FIELDS):
            self.add_error(CONTRACT_TYPE_FIELDS[0], _("Choose at least one contract type the criterion suits."))
        return cleaned

    def changed_fields(self, stored: Criterion) -> list[str]:
        """The fields whose cleaned value differs from what is stored (the form's own has_changed sees \\r\\n)."""
        return [name for name in self.Meta.fields if getattr(stored, name) != self.cleaned_data[name]]


class CriterionCreateForm(CriterionForm):
    class Meta(CriterionForm.Meta):
        fields = ["code", *CriterionForm.Meta.fields]
        help_texts = {
            **CriterionForm.Meta.help_texts,
            "code": _(
                "Lower-case letters, digits and hyphens, for example employment-numeric. It cannot be changed later."
            ),
        }
        error_messages = {"code": {"unique": _("A criterion with this code already exists. Choose another code.")}}

    def clean_code(self):
        return self.cleaned_data["code"].lower()


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_placeholders_are_bare_names(text: str) -> None:
    """Beyond the model's check: `{}`, `{slots!r}` or `{slots:>5}` would break or garble the document."""
    try:
        fields = [(name, spec, conversion) for _lit, name, spec, conversion in string.Formatter().parse(text)]
    except ValueError:
        return  # unbalanced braces: the model's validator reports them
    for name, spec, conversion in fields:
        if name is None:
            continue
        if not name or spec or conversion:
            raise ValidationError(
                _("Write each placeholder as a name in braces and nothing else, like {slots}."), code="placeholder"
            )
