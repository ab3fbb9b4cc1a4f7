"""The import API: `POST /api/v1/imports/participants` and `/api/v1/imports/positions`, a multipart upload.

With `?dry_run=true` nothing is saved: 200 with the counts, or 400 with every row's errors. Without it the whole
file is imported or nothing is: 201 with the counts, or 400. The same checks and access rules as the pages.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from insteg.accounts.models import Role
from insteg.api.schema import CONFLICT, FORBIDDEN, NOT_FOUND
from insteg.imports import access, services
from insteg.imports.models import ImportBatch
from insteg.imports.serializers import (
    ImportErrorSerializer,
    ImportQuerySerializer,
    ImportResultSerializer,
    ParticipantImportSerializer,
    PositionImportSerializer,
)

ROWS_INVALID = OpenApiResponse(
    ImportErrorSerializer,
    description="The file cannot be used (`errors.file`), or rows have errors (`errors.rows`): nothing was saved.",
    examples=[
        OpenApiExample(
            "Rows with errors",
            value={
                "detail": "Some rows have errors. Nothing was imported.",
                "errors": {
                    "rows": [
                        {"row": 5, "column": "birth_year", "message": "Enter a whole number, for example 30."},
                        {"row": 9, "column": "target_group", "message": "Unknown code “x”. Use one of: ..."},
                    ]
                },
            },
        )
    ],
)
RESULT_EXAMPLE = OpenApiExample(
    "Imported", value={"dry_run": False, "rows": 120, "created": 118, "skipped": 2, "notes": []}
)


def _answer(request, kind: str, **target) -> Response:
    query = ImportQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    dry_run = query.validated_data["dry_run"]
    try:
        checked = services.check_upload(request.user, kind, request.data["file"], **target)
        if checked.count(services.ERROR):
            raise services.RowsInvalid(checked.results)
        created = checked.count(services.CREATE) if dry_run else services.import_now(request.user, checked)
    except services.FileProblem as problem:
        return Response({"detail": str(problem), "errors": {"file": [str(problem)]}}, status=400)
    except services.RowsInvalid as invalid:
        rows = [{"row": result.row, **error} for result in invalid.results for error in result.errors]
        return Response({"detail": str(invalid), "errors": {"rows": rows}}, status=400)
    data = {
        "dry_run": dry_run,
        "rows": len(checked.results),
        "created": created,
        "skipped": checked.count(services.SKIP),
        "notes": checked.notes,
    }
    return Response(data, status=status.HTTP_200_OK if dry_run else status.HTTP_201_CREATED)


def _municipality(user, municipality_id: int | None):
    """The municipality named, or the only one that fits: the officer's own, or the only one there is."""
    municipalities = list(access.participant_municipalities(user))
    if municipality_id is not None:
        chosen = [municipality for municipality in municipalities if municipality.pk == municipality_id]
        if not chosen:
            message = _("There is no municipality you may import into with this id.")
            raise ApiValidationError({"municipality": [message]})
        return chosen[0]
    matching = user.organisations_with_role(Role.MATCHING_OFFICER)
    own = [municipality for municipality in municipalities if municipality.pk in matching]
    for candidates in (own, municipalities):
        if len(candidates) == 1:
            return candidates[0]
    raise ApiValidationError({"municipality": [_("Choose the municipality the people are registered with.")]})


@extend_schema(
    summary="Import participants from a CSV or XLSX file",
    description="Matching officers (into their municipality) and employment-service officers (into any). The columns "
    "are those of the template on /importera/deltagare/ (docs/imports.md). A person the municipality already has "
    "(same referral reference, or same name, birth year and email) is skipped, so a file can be sent again. "
    "All rows or none.",
    parameters=[ImportQuerySerializer],
    request={"multipart/form-data": ParticipantImportSerializer},
    responses={
        200: OpenApiResponse(ImportResultSerializer, description="dry_run: what would happen; nothing saved."),
        201: OpenApiResponse(ImportResultSerializer, description="Imported.", examples=[RESULT_EXAMPLE]),
        400: ROWS_INVALID,
        403: FORBIDDEN,
        409: CONFLICT,
    },
)
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser])
def participants(request):
    if not access.may_import_participants(request.user):
        raise PermissionDenied(_("Only matching officers and employment-service officers import participants."))
    serializer = ParticipantImportSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    municipality = _municipality(request.user, serializer.validated_data.get("municipality"))
    return _answer(request, ImportBatch.Kind.PARTICIPANTS, municipality=municipality)


@extend_schema(
    summary="Import positions for a contract from a CSV or XLSX file",
    description="The contract's supplier contacts and the buyer's procurement officers and administrators. The columns "
    "are those of the template on /importera/platser/ (docs/imports.md). A position the contract already has (same "
    "reference, or same title, workplace municipality, first start day and supervisor email) is skipped. "
    "All rows or none.",
    parameters=[ImportQuerySerializer],
    request={"multipart/form-data": PositionImportSerializer},
    responses={
        200: OpenApiResponse(ImportResultSerializer, description="dry_run: what would happen; nothing saved."),
        201: OpenApiResponse(ImportResultSerializer, description="Imported.", examples=[RESULT_EXAMPLE]),
        400: ROWS_INVALID,
        403: FORBIDDEN,
        404: NOT_FOUND,
        409: CONFLICT,
    },
)
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser])
def positions(request):
    serializer = PositionImportSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    contract = access.get_position_contract(request.user, serializer.validated_data["contract"])
    return _answer(request, ImportBatch.Kind.POSITIONS, contract=contract)
