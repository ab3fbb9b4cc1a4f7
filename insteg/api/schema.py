"""The error answers every endpoint shares, described once for the OpenAPI document (contract.md's format)."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from drf_spectacular import openapi
from drf_spectacular.plumbing import force_instance
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


BAD_INPUT = OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field and what is wrong.")
CONFLICT = OpenApiResponse(ErrorSerializer, description="Not possible in the current state.")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Visible to you, but not yours to change.")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not visible to you.")
UNAUTHENTICATED = OpenApiResponse(ErrorSerializer, description="No token, or a wrong, expired or revoked one.")
UNSUPPORTED_MEDIA_TYPE = OpenApiResponse(ErrorSerializer, description="The body is not `application/json`.")
THROTTLED = OpenApiResponse(ErrorSerializer, description="Too many requests: wait the seconds `Retry-After` gives.")
RETRY_AFTER = {
    "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before the next request."}
}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's, documenting on every operation the error answers the shared machinery can give.

    Authentication, permissions, parsing, throttling and the error handler are the same for every view, so their
    answers are described here once rather than in each view's `extend_schema`; a view's own description of a
    status wins. Clients (and the schemathesis fuzzing in CI) can then rely on every answer being documented.
    """

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            responses = operation["responses"]
            for code, response in self._shared_error_responses(operation).items():
                if code not in responses:
                    responses[code] = self._get_response_for_code(response, code)
            if "429" in responses:
                responses["429"].setdefault("headers", RETRY_AFTER)
        return operation

    def _map_basic_serializer(self, serializer, direction):
        """Fields in a serializer's `for_some_readers` are left out of `required`: the same answer carries them for
        some roles only (the buyer's staff see who asked a question; the supplier who asked does not)."""
        schema = super()._map_basic_serializer(serializer, direction)
        optional = set(getattr(serializer, "for_some_readers", ()))
        if optional and "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in optional]
            if not schema["required"]:
                del schema["required"]
        return schema

    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        """A role-dependent answer (`PolymorphicProxySerializer` without a type field) is *any* of its shapes: one
        shape is often a subset of another (a host's view of a proposal), so "exactly one" (`oneOf`) cannot hold."""
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        proxy = force_instance(serializer)
        if isinstance(proxy, PolymorphicProxySerializer) and not proxy.resource_type_field_name and "oneOf" in schema:
            schema["anyOf"] = schema.pop("oneOf")
        return schema

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """A choice a form may leave empty (`blank=True` on the model) can be `""` in an answer too."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        enum = schema.get("enum") if isinstance(field, serializers.ChoiceField) and direction == "response" else None
        if enum is not None and "" not in enum and _may_be_blank(field):
            enum.append("")
        return schema

    def _insert_field_validators(self, field, schema):
        """A link a form may leave empty is a URI or `""`, not always a URI (the validator adds `format: uri`)."""
        super()._insert_field_validators(field, schema)
        if isinstance(field, serializers.URLField) and schema.get("format") == "uri" and _may_be_blank(field):
            del schema["format"]
            schema["anyOf"] = [{"format": "uri"}, {"maxLength": 0}]

    def _shared_error_responses(self, operation: dict) -> dict[str, OpenApiResponse]:
        parameters = operation.get("parameters", [])
        locations = {parameter["in"] for parameter in parameters}
        query = {parameter["name"] for parameter in parameters if parameter["in"] == "query"}
        has_body = "requestBody" in operation
        errors = {"401": UNAUTHENTICATED, "429": THROTTLED}
        if self.method in UNSAFE_METHODS or {} not in operation.get("security", []):
            errors["403"] = FORBIDDEN  # a role without the right, or a read-only token asked to change something
        if has_body or query:
            errors["400"] = BAD_INPUT  # the body or a query parameter fails validation
        if "path" in locations or "page" in query:
            errors["404"] = NOT_FOUND  # no such object (or not visible to you), or a page past the last
        if self.method in UNSAFE_METHODS:
            errors["409"] = CONFLICT  # a workflow step the object's current state does not allow
        if has_body:
            errors["415"] = UNSUPPORTED_MEDIA_TYPE
        return errors


def _may_be_blank(field) -> bool:
    if getattr(field, "allow_blank", False):
        return True
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    try:
        return model is not None and model._meta.get_field(field.source or "").blank
    except FieldDoesNotExist:
        return False


def plain_choices(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field documented as a plain string listing its values.

    For field names other apps use with other values (`status`): drf-spectacular would give the enums
    colliding component names. The schema sits on a class of its own because serializers copy their fields
    by re-instantiating the class.
    """
    values = ", ".join(f"`{value}`" for value, _label in choices)
    help_text = f"{kwargs.pop('help_text', '')} One of {values}.".strip()
    field_class = extend_schema_field(OpenApiTypes.STR)(type("PlainChoiceField", (serializers.ChoiceField,), {}))
    return field_class(choices=choices, help_text=help_text, **kwargs)


def plausible_date(**kwargs) -> serializers.DateField:
    """A date between the years 2000 and 2100 (typing errors like 20226 are caught with a sentence)."""
    from insteg.procurement.models import validate_plausible_date

    return serializers.DateField(validators=[validate_plausible_date], **kwargs)


# --- Strict input: JSON types are not guessed at ---------------------------------------------------------------


class StrictCharField(serializers.CharField):
    """A JSON string and nothing else: 123 is a mistake in the client, not a name."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictEmailField(serializers.EmailField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """`true` or `false` only: "yes" or 1 is not a decision someone ticked."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictInputSerializer(serializers.Serializer):
    """Refuses fields it does not take, so a misspelt or read-only field is an error the client sees."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data) - writable)
            if unknown:
                raise serializers.ValidationError({name: [_("This field cannot be set.")] for name in unknown})
        return super().to_internal_value(data)
