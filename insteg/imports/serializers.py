"""The import API's shapes: a multipart upload in, counts or every row's errors out."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

ROW_ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "row": {"type": "integer", "description": "The row number as the spreadsheet shows it (the header is 1)."},
        "column": {"type": "string", "description": "The column's key (see docs/imports.md); empty for the row."},
        "message": {"type": "string"},
    },
    "required": ["row", "column", "message"],
}


@extend_schema_field(
    {
        "type": "object",
        "properties": {"rows": {"type": "array", "items": ROW_ERROR_SCHEMA}},
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    }
)
class ImportErrorsField(serializers.DictField):
    """`rows`: every error of every row; other keys (`file`, `contract`, ...): messages about that field."""


class ImportErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = ImportErrorsField(required=False)


class ParticipantImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A CSV (UTF-8 or Windows-1252; `;` or `,`) or XLSX file, at most 5 MB.")
    municipality = serializers.IntegerField(
        required=False, min_value=1, help_text="The municipality's id; optional when only one fits."
    )


class PositionImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A CSV (UTF-8 or Windows-1252; `;` or `,`) or XLSX file, at most 5 MB.")
    contract = serializers.IntegerField(min_value=1, help_text="The contract the positions are offered under.")


class ImportQuerySerializer(serializers.Serializer):
    dry_run = serializers.BooleanField(
        required=False, default=False, help_text="Check only: nothing is saved, the answer says what would happen."
    )


class ImportResultSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField(help_text="Rows read (empty rows are not counted).")
    created = serializers.IntegerField(help_text="Rows created (with dry_run: that would be created).")
    skipped = serializers.IntegerField(help_text="Rows already there, skipped (no duplicates are made).")
    notes = serializers.ListField(child=serializers.CharField(), help_text="Notes on the file, e.g. ignored columns.")
