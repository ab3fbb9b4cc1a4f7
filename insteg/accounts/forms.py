from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from knox.settings import knox_settings

from insteg.accounts.models import ApiToken, Organisation, User, normalise_org_number, validate_org_number


class SupplierRegistrationForm(forms.Form):
    organisation_name = forms.CharField(label=_("Company name"), max_length=200)
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=13,
        help_text=_("Ten digits, for example 556036-0793."),
        validators=[validate_org_number],
    )
    is_sme = forms.BooleanField(
        label=_("We are a small or medium-sized enterprise"),
        required=False,
        help_text=_("Fewer than 250 employees and a turnover of at most EUR 50 million."),
    )
    first_name = forms.CharField(label=_("Your first name"), max_length=150)
    last_name = forms.CharField(label=_("Your last name"), max_length=150)
    email = forms.EmailField(
        label=_("Your work email address"),
        max_length=254,
        help_text=_("We send a link to this address. You sign in with it."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_org_number(self) -> str:
        return normalise_org_number(self.cleaned_data["org_number"])

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            try:
                password_validation.validate_password(password1)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "org_number", "is_sme"]


class SupplierProfileForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "is_sme"]


class InvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, role.label) for role in roles]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, for example the system that uses it."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=_("A system that only fetches data needs a read-only token."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=ApiToken.MIN_DAYS,
        max_value=ApiToken.MAX_DAYS,
        help_text=_("Between 1 and 365 days. Create a new token before this one runs out."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = knox_settings.TOKEN_TTL.days


class CodeForm(forms.Form):
    """A code from the authenticator app, or a backup code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class AppCodeForm(forms.Form):
    """The code from the app, to prove it is set up (backup codes do not count here)."""

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=20,
        help_text=_("The six digits the app shows now."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True


class EmailChangeForm(forms.Form):
    email = forms.EmailField(label=_("New email address"), max_length=254)
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that it is you who changes the address."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is not right."), code="password_incorrect")
        return password

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exclude(pk=self.user.pk).exists():
            raise ValidationError(_("Another account already uses this email address."), code="taken")
        return email
