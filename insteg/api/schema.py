"""The error answers every endpoint shares, described once for the OpenAPI document (contract.md's format)."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


BAD_INPUT = OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field and what is wrong.")
CONFLICT = OpenApiResponse(ErrorSerializer, description="Not possible in the current state.")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Visible to you, but not yours to change.")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not visible to you.")


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
