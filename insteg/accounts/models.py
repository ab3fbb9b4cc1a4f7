from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.se import orgnr


def validate_org_number(value: str) -> None:
    """A Swedish organisation number, with its Luhn check digit (python-stdnum)."""
    try:
        orgnr.validate(value)
    except StdnumValidationError:
        raise ValidationError(
            _("Enter a valid Swedish organisation number, for example 556036-0793."), code="invalid"
        ) from None


def normalise_org_number(value: str) -> str:
    return orgnr.format(orgnr.compact(value))


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        return self.filter(memberships__user=user).distinct()

    def suppliers(self):
        return self.filter(kind=Organisation.Kind.SUPPLIER)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        SUPPLIER = "supplier", _("Supplier")
        EMPLOYMENT_SERVICE = "employment_service", _("Employment service")
        FUNDER = "funder", _("Funder")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_org_number],
        help_text=_("Ten digits, for example 556036-0793."),
    )
    is_sme = models.BooleanField(
        _("small or medium-sized enterprise"),
        default=False,
        help_text=_("Fewer than 250 employees and a turnover of at most EUR 50 million (self-declared)."),
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_number"], condition=~models.Q(org_number=""), name="unique_org_number"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="supplier") | ~models.Q(org_number=""),
                name="supplier_has_org_number",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation", args=[self.pk])

    def clean(self) -> None:
        if self.org_number:
            self.org_number = normalise_org_number(self.org_number)
        if self.kind == self.Kind.SUPPLIER and not self.org_number:
            raise ValidationError({"org_number": _("A supplier must have an organisation number.")})

    @property
    def is_supplier(self) -> bool:
        return self.kind == self.Kind.SUPPLIER


class Role(models.TextChoices):
    PROCUREMENT_OFFICER = "procurement_officer", _("Procurement officer")
    MATCHING_OFFICER = "matching_officer", _("Matching officer")
    ADMINISTRATOR = "administrator", _("Administrator")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("Data-protection officer")
    SUPPLIER_CONTACT = "supplier_contact", _("Supplier contact")
    EMPLOYMENT_OFFICER = "employment_officer", _("Employment-service officer")
    FUNDER_VIEWER = "funder_viewer", _("Funder")


# Which roles an organisation of each kind can give its people.
ROLES_BY_KIND = {
    Organisation.Kind.MUNICIPALITY: [
        Role.PROCUREMENT_OFFICER,
        Role.MATCHING_OFFICER,
        Role.ADMINISTRATOR,
        Role.DATA_PROTECTION_OFFICER,
    ],
    Organisation.Kind.SUPPLIER: [Role.SUPPLIER_CONTACT],
    Organisation.Kind.EMPLOYMENT_SERVICE: [Role.EMPLOYMENT_OFFICER],
    Organisation.Kind.FUNDER: [Role.FUNDER_VIEWER],
}


class User(AbstractUser):
    """A person who signs in. What they may do comes from their memberships, not from flags here."""

    email = models.EmailField(_("email address"), unique=True)
    email_verified_at = models.DateTimeField(_("email verified"), null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def name(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def active_memberships(self) -> list["Membership"]:
        if not self.pk:
            return []
        return list(self.memberships.select_related("organisation").order_by("created_at", "pk"))

    @property
    def membership(self) -> "Membership | None":
        """The membership the person works in; the first one when they have several."""
        memberships = self.active_memberships
        return memberships[0] if memberships else None

    @property
    def organisation(self) -> Organisation | None:
        return self.membership.organisation if self.membership else None

    @property
    def roles(self) -> set[str]:
        return {membership.role for membership in self.active_memberships}

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.has_role(Role.ADMINISTRATOR)

    def organisations_with_role(self, *roles: str) -> set[int]:
        return {m.organisation_id for m in self.active_memberships if m.role in roles}


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        return self.filter(organisation__memberships__user=user).distinct()


class Membership(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="memberships", verbose_name=_("person"))
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role)
    invited_by = models.ForeignKey(
        User, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.organisation}"

    def clean(self) -> None:
        if self.organisation_id and self.role not in ROLES_BY_KIND[self.organisation.kind]:
            raise ValidationError({"role": _("This role does not exist in this kind of organisation.")})


class ApiToken(AbstractAuthToken):
    """A Bearer token for the API (django-rest-knox: only a hash is stored), with a name its owner chose,
    a scope and an expiry (knox's `expiry`: 1–365 days from creation)."""

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        READ_WRITE = "read_write", _("Read and write")

    MIN_DAYS = 1
    MAX_DAYS = 365

    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope, default=Scope.READ_WRITE)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.name

    def allows(self, method: str) -> bool:
        """A read-only token may use GET, HEAD and OPTIONS only."""
        return self.scope == self.Scope.READ_WRITE or method in ("GET", "HEAD", "OPTIONS")
