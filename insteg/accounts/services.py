"""Workflows for organisations, people and API tokens. Each runs in one transaction and is audited."""

from datetime import timedelta

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from knox.settings import knox_settings

from insteg.accounts.models import ROLES_BY_KIND, ApiToken, Membership, Organisation, Role, User
from insteg.accounts.tokens import email_verification_token
from insteg.lib.errors import DomainError
from insteg.privacy import audit


def _send(template: str, *, to: User, context: dict) -> None:
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"accounts/email/{template}.txt", context)
    # Queued in this transaction (insteg.lib.mail): a rollback sends nothing.
    to.email_user(subject, body)


def _link(site_url: str, name: str, user: User, token: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return site_url.rstrip("/") + reverse(name, kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def register_supplier(
    *,
    organisation_name: str,
    org_number: str,
    is_sme: bool,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    site_url: str,
) -> User:
    """A company registers itself; its contact signs in once the email address is verified."""
    if Organisation.objects.filter(org_number=org_number).exists():
        raise DomainError(
            _("This organisation number is already registered. Ask your company's contact to invite you.")
        )
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("An account with this email address already exists. Sign in or reset the password."))
    organisation = Organisation.objects.create(
        name=organisation_name, kind=Organisation.Kind.SUPPLIER, org_number=org_number, is_sme=is_sme
    )
    user = User(username=email.lower(), email=email.lower(), first_name=first_name, last_name=last_name)
    user.is_active = False
    user.set_password(password)
    user.save()
    Membership.objects.create(user=user, organisation=organisation, role=Role.SUPPLIER_CONTACT)
    audit.record("organisation.registered", actor=None, target=organisation, organisation=organisation)
    link = _link(site_url, "accounts:verify_email", user, email_verification_token.make_token(user))
    _send("verify_email", to=user, context={"user": user, "organisation": organisation, "link": link})
    return user


@transaction.atomic
def verify_email(user: User) -> None:
    user.is_active = True
    user.email_verified_at = timezone.now()
    user.save(update_fields=["is_active", "email_verified_at"])
    for membership in user.memberships.select_related("organisation"):
        organisation = membership.organisation
        if organisation.verified_at is None:
            organisation.verified_at = user.email_verified_at
            organisation.save(update_fields=["verified_at"])
    audit.record("user.email_verified", actor=user, target=user)


def roles_user_may_grant(user: User, organisation: Organisation) -> list[str]:
    if user.is_administrator:
        return list(ROLES_BY_KIND[organisation.kind])
    if organisation.is_supplier and organisation.pk in user.organisations_with_role(Role.SUPPLIER_CONTACT):
        return [Role.SUPPLIER_CONTACT]
    return []


@transaction.atomic
def invite_member(
    organisation: Organisation,
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    by: User,
    site_url: str,
) -> Membership:
    """Give a person a role in an organisation. A new person gets a link to choose a password."""
    if role not in roles_user_may_grant(by, organisation):
        raise DomainError(_("You cannot give that role in this organisation."))
    email = email.lower()
    user = User.objects.filter(email__iexact=email).first()
    is_new = user is None
    if is_new:
        user = User(username=email, email=email, first_name=first_name, last_name=last_name, is_active=False)
        user.set_unusable_password()
        user.save()
    elif Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise DomainError(_("This person already has that role in this organisation."))
    membership = Membership.objects.create(user=user, organisation=organisation, role=role, invited_by=by)
    audit.record("membership.invited", actor=by, target=membership, organisation=organisation, role=role)
    context = {"user": user, "organisation": organisation, "role": membership.get_role_display(), "by": by}
    if is_new or not user.has_usable_password():
        context["link"] = _link(site_url, "accounts:accept_invitation", user, default_token_generator.make_token(user))
    else:
        context["link"] = site_url.rstrip("/") + reverse("login")
    _send("invitation", to=user, context=context)
    return membership


@transaction.atomic
def accept_invitation(user: User, *, password: str) -> None:
    user.set_password(password)
    user.is_active = True
    user.email_verified_at = user.email_verified_at or timezone.now()
    user.save(update_fields=["password", "is_active", "email_verified_at"])
    audit.record("user.invitation_accepted", actor=user, target=user)


@transaction.atomic
def remove_membership(membership: Membership, *, by: User) -> None:
    if membership.role not in roles_user_may_grant(by, membership.organisation):
        raise DomainError(_("You cannot remove that role in this organisation."))
    if membership.user_id == by.pk and membership.role in (Role.ADMINISTRATOR, Role.SUPPLIER_CONTACT):
        others = Membership.objects.filter(organisation=membership.organisation, role=membership.role)
        if not others.exclude(pk=membership.pk).exists():
            raise DomainError(_("You are the last person with this role here; invite someone else first."))
    audit.record(
        "membership.removed",
        actor=by,
        target=membership.user,
        organisation=membership.organisation,
        role=membership.role,
    )
    membership.delete()


def default_token_days() -> int:
    return knox_settings.TOKEN_TTL.days


@transaction.atomic
def create_api_token(
    user: User,
    *,
    name: str,
    scope: str = ApiToken.Scope.READ_WRITE,
    days: int | None = None,
    by: User | None = None,
) -> tuple[ApiToken, str]:
    """Returns the token and its secret; only a hash is kept, so the secret is shown once."""
    days = default_token_days() if days is None else days
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Choose read only, or read and write.")})
    if not ApiToken.MIN_DAYS <= days <= ApiToken.MAX_DAYS:
        raise ValidationError(
            {
                "days": _("A token lasts between %(min)d and %(max)d days.")
                % {"min": ApiToken.MIN_DAYS, "max": ApiToken.MAX_DAYS}
            }
        )
    token, secret = ApiToken.objects.create(user=user, name=name, scope=scope, expiry=timedelta(days=days))
    audit.record("api_token.created", actor=by or user, target=user, scope=scope, days=days)
    return token, secret


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User) -> None:
    audit.record("api_token.revoked", actor=by, target=token.user)
    token.delete()


@transaction.atomic
def update_profile(form, *, by: User) -> User:
    """Rectification (GDPR art. 16) of a person's own name."""
    user = form.save()
    audit.record("user.profile_updated", actor=by, target=user, fields=sorted(form.changed_data))
    return user


@transaction.atomic
def change_email(user: User, *, email: str) -> None:
    """The person confirmed the change with their password."""
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise DomainError(_("Another account already uses this email address."))
    user.email = email.lower()
    # Confirmed by the password, not yet by a message to the new address.
    user.email_verified_at = None
    user.save(update_fields=["email", "email_verified_at"])
    audit.record("user.email_changed", actor=user, target=user)


@transaction.atomic
def create_organisation(form, *, by: User) -> Organisation:
    organisation = form.save()
    audit.record(
        "organisation.created",
        actor=by,
        target=organisation,
        organisation=organisation,
        kind=organisation.kind,
    )
    return organisation


@transaction.atomic
def update_organisation(form, *, by: User) -> Organisation:
    organisation = form.save()
    audit.record(
        "organisation.updated",
        actor=by,
        target=organisation,
        organisation=organisation,
        fields=sorted(form.changed_data),
    )
    return organisation
