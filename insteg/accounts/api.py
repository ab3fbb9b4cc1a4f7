"""API tokens over the API: a person lists, creates and revokes their own tokens.

A read-only token cannot create or revoke anything (403, as on every write), so no token can make a token
with more rights than itself; a token created with a read-and-write token lasts no longer than that token.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from insteg.accounts import access, services
from insteg.accounts.models import ApiToken
from insteg.api.filtering import list_view
from insteg.api.pagination import paginated
from insteg.api.schema import BAD_INPUT, FORBIDDEN, NOT_FOUND, StrictCharField, StrictInputSerializer, plain_choices


class ApiTokenSerializer(serializers.ModelSerializer):
    starts_with = serializers.CharField(source="token_key", read_only=True)
    scope = plain_choices(ApiToken.Scope.choices, read_only=True)

    class Meta:
        model = ApiToken
        fields = ["digest", "name", "scope", "starts_with", "created", "expiry"]


class NewApiTokenSerializer(ApiTokenSerializer):
    token = serializers.CharField(read_only=True, help_text="The secret, shown only in this answer.")

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "token"]


class ApiTokenInputSerializer(StrictInputSerializer):
    name = StrictCharField(max_length=100)
    scope = plain_choices(ApiToken.Scope.choices)
    days = serializers.IntegerField(min_value=ApiToken.MIN_DAYS, max_value=ApiToken.MAX_DAYS, required=False)

    def validate_days(self, value):
        if isinstance(self.initial_data.get("days"), bool | str):
            raise serializers.ValidationError(_("A whole number of days."))
        return value


def _days_left(token: ApiToken) -> int | None:
    if token.expiry is None:
        return None
    return max((token.expiry - timezone.now()).days, ApiToken.MIN_DAYS)


@extend_schema(
    methods=["GET"],
    summary="Your API tokens",
    description="Only your own tokens, newest first. The secret is never shown again after creation.",
    request=None,
    responses={200: ApiTokenSerializer(many=True)},
)
@extend_schema(
    methods=["POST"],
    summary="Create an API token",
    description="`scope` is `read` or `read_write`; `days` 1–365 (default 90). The answer holds the secret once. "
    "A read-only token gets 403; a token made with a token lasts no longer than that token.",
    request=ApiTokenInputSerializer,
    responses={201: NewApiTokenSerializer, 400: BAD_INPUT, 403: FORBIDDEN},
)
@list_view
@api_view(["GET", "POST"])
def token_list(request):
    if request.method == "POST":
        serializer = ApiTokenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        days = data.get("days")
        if isinstance(request.auth, ApiToken):
            limit = _days_left(request.auth)
            days = min(days or services.default_token_days(), limit) if limit else days
        try:
            token, secret = services.create_api_token(
                request.user, name=data["name"], scope=data["scope"], days=days, by=request.user
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        answer = NewApiTokenSerializer(token).data | {"token": secret}
        return Response(answer, status=status.HTTP_201_CREATED)
    return paginated(request, request.user.auth_token_set.all(), ApiTokenSerializer)


@extend_schema(
    summary="Revoke an API token",
    description="Only your own (404 otherwise). Systems using it get 401 from then on. A read-only token gets 403.",
    request=None,
    responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND},
)
@api_view(["DELETE"])
def token_detail(request, digest):
    token = access.get_api_token_for_user(request.user, digest)
    services.revoke_api_token(token, by=request.user)
    return Response(status=status.HTTP_204_NO_CONTENT)
