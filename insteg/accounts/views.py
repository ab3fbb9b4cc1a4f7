import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from insteg.accounts import access, services, two_factor
from insteg.accounts import middleware as session_clock
from insteg.accounts.forms import (
    ApiTokenForm,
    EmailChangeForm,
    InvitationForm,
    OrganisationForm,
    ProfileForm,
    SupplierProfileForm,
    SupplierRegistrationForm,
)
from insteg.accounts.models import Organisation
from insteg.accounts.tokens import email_verification_token
from insteg.lib import exports
from insteg.lib.errors import DomainError


def _user_from_link(uidb64: str, token: str, generator):
    """The user named by an emailed link, or None when the link is broken, used or expired."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    user = get_user_model().objects.filter(pk=pk).first()
    return user if user is not None and generator.check_token(user, token) else None


@login_not_required
def register(request):
    form = SupplierRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.register_supplier(
                organisation_name=data["organisation_name"],
                org_number=data["org_number"],
                is_sme=data["is_sme"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                password=data["password1"],
                site_url=request.build_absolute_uri("/"),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form})


@login_not_required
def register_done(request):
    return render(request, "accounts/register_done.html")


@login_not_required
def verify_email(request, uidb64, token):
    # Confirmed with a POST, so a mail scanner that opens the link does not activate the account.
    user = _user_from_link(uidb64, token, email_verification_token)
    if user is None:
        return render(request, "accounts/link_invalid.html", status=400)
    if request.method == "POST":
        services.verify_email(user)
        messages.success(request, _("Your email address is verified. You can sign in now."))
        return redirect("login")
    return render(request, "accounts/verify_email.html", {"user_to_verify": user})


@login_not_required
def accept_invitation(request, uidb64, token):
    user = _user_from_link(uidb64, token, default_token_generator)
    if user is None:
        return render(request, "accounts/link_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.accept_invitation(user, password=form.cleaned_data["new_password1"])
        messages.success(request, _("Your password is set. Sign in to start."))
        return redirect("login")
    return render(request, "accounts/accept_invitation.html", {"form": form, "invited_user": user})


def organisation_list(request):
    if not access.can_list_organisations(request.user):
        raise PermissionDenied
    organisations = Organisation.objects.visible_to(request.user).annotate(member_count=Count("memberships"))
    kind = request.GET.get("kind", "")
    if kind in Organisation.Kind.values:
        organisations = organisations.filter(kind=kind)
    if export_format := exports.requested_format(request):
        columns = [
            exports.Column(_("Name"), lambda o: o.name, 32),
            exports.Column(_("Kind"), lambda o: o.get_kind_display(), 20),
            exports.Column(_("Organisation number"), lambda o: o.org_number, 16),
            exports.Column(_("SME"), lambda o: o.is_sme, 8),
            exports.Column(_("People"), lambda o: o.member_count, 8),
        ]
        return exports.response(export_format, "organisations", columns, organisations, title=_("Organisations"))
    return render(
        request,
        "accounts/organisation_list.html",
        {"organisations": organisations, "kinds": Organisation.Kind.choices, "kind": kind},
    )


def organisation_create(request):
    if not access.can_list_organisations(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.create_organisation(form, by=request.user)
        messages.success(request, _("The organisation is created. Invite its people next."))
        return redirect(organisation)
    return render(request, "accounts/organisation_form.html", {"form": form})


def organisation(request, pk):
    organisation = access.get_organisation_for_user(request.user, pk)
    context = {
        "organisation": organisation,
        "members": access.members_visible_to(request.user, organisation),
        "can_manage": access.can_manage_organisation(request.user, organisation),
    }
    return render(request, "accounts/organisation.html", context)


def organisation_edit(request, pk):
    organisation = access.get_organisation_for_user(request.user, pk, write=True)
    form_class = OrganisationForm if request.user.is_administrator else SupplierProfileForm
    form = form_class(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.update_organisation(form, by=request.user)
        messages.success(request, _("The changes are saved."))
        return redirect(organisation)
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": organisation})


def invite(request, pk):
    organisation = access.get_organisation_for_user(request.user, pk, write=True)
    roles = services.roles_user_may_grant(request.user, organisation)
    form = InvitationForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(
                organisation, by=request.user, site_url=request.build_absolute_uri("/"), **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The invitation is sent."))
            return redirect(organisation)
    return render(request, "accounts/invite.html", {"form": form, "organisation": organisation})


@require_POST
def remove_member(request, pk, membership_pk):
    organisation = access.get_organisation_for_user(request.user, pk, write=True)
    membership = get_object_or_404(access.members_visible_to(request.user, organisation), pk=membership_pk)
    try:
        services.remove_membership(membership, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The role is removed."))
    return redirect(organisation)


def tokens(request):
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = services.create_api_token(request.user, **form.cleaned_data)
        form = ApiTokenForm()
    context = {"form": form, "secret": secret, "tokens": request.user.auth_token_set.all()}
    return render(request, "accounts/tokens.html", context)


@require_POST
def revoke_token(request, digest):
    token = access.get_api_token_for_user(request.user, digest)
    services.revoke_api_token(token, by=request.user)
    messages.success(request, _("The token is revoked. Systems that used it can no longer sign in with it."))
    return redirect("accounts:tokens")


def profile(request):
    """The signed-in person's own details: they correct their name here (GDPR art. 16) and their address."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(form, by=request.user)
        messages.success(request, _("Your name is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", _profile_context(request, form=form))


def _profile_context(request, **forms) -> dict:
    return {
        "form": ProfileForm(instance=request.user),
        "email_form": EmailChangeForm(user=request.user),
        "two_factor_enabled": two_factor.is_enabled(request.user),
        **forms,
    }


@require_POST
@sensitive_post_parameters("password")
def profile_email(request):
    form = EmailChangeForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.change_email(request.user, email=form.cleaned_data["email"])
        except DomainError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, _("Your email address is changed."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", _profile_context(request, email_form=form))


@login_not_required
def locked_out(request, response=None, credentials=None):
    """django-axes calls this when an account name has had too many wrong passwords."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


@login_not_required
@require_POST
def keepalive(request):
    """The page's "Continue" in the warning before the session ends: starts the idle clock again and says how long
    is left. Answers 401 (not the sign-in page) when the session has already ended, so the page can say so."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    now = time.time()
    session_clock.touch(request.session, now)
    return JsonResponse({"signed_in": True, **session_clock.seconds_left(request.session, now)})
