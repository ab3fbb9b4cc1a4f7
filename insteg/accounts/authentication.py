"""API Bearer tokens (django-rest-knox) that carry a scope: a read-only token changes nothing, on any view."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from rest_framework import exceptions


class ScopedTokenAuthentication(TokenAuthentication):
    """Checked while authenticating rather than as a permission class, so a view that sets its own
    permission classes (or AllowAny) cannot forget it. Expired and revoked tokens are refused by knox (401)."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            _user, token = result
            if not token.allows(request.method):
                raise exceptions.PermissionDenied(
                    _("This API token may only read. Create a token with the scope “read and write” to make changes.")
                )
        return result


class ScopedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "insteg.accounts.authentication.ScopedTokenAuthentication"
    name = "knoxApiToken"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header("")
        )
