"""The privacy API: the records of processing (public), data subject exports and restriction (the data
protection officer and administrators), and everyone's own export (`/me/export`).

The same services and access rules as the pages: a participant outside the officer's municipality is 404,
anyone but the officer or an administrator gets 403. Exports log the read like the pages do.
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import renderers, serializers
from rest_framework.decorators import api_view, permission_classes, renderer_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from insteg.api.schema import BAD_INPUT, CONFLICT, FORBIDDEN, NOT_FOUND
from insteg.matching.models import RestrictionReason
from insteg.privacy import access, dsr_services, purposes, subject_access
from insteg.privacy.subject_access_pdf import export_pdf


class PDFRenderer(renderers.BaseRenderer):
    """`?format=pdf`: the view has already made the PDF's bytes; an error answer stays JSON text."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return renderers.JSONRenderer().render(data)


FORMAT = OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "pdf"], description="`pdf` for a PDF file.")
EXPORT_RENDERERS = [renderers.JSONRenderer, PDFRenderer]


def _export_response(request, data: dict, filename: str) -> Response:
    if request.query_params.get("format") == "pdf":
        response = Response(export_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    return Response(data)


class SubjectAccessExportSerializer(serializers.Serializer):
    subject = serializers.DictField(help_text="Who the export is about, when and by whom it was made.")


class RestrictSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=RestrictionReason.choices)


class RestrictionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    public_id = serializers.UUIDField()
    restricted_at = serializers.DateTimeField(allow_null=True)
    restriction_reason = serializers.CharField()


class RegistrantQuerySerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


@extend_schema(
    summary="Records of processing (GDPR art. 30)",
    description="Every purpose Insteg processes personal data for, with legal basis, recipients and retention. Public.",
    responses={200: OpenApiTypes.OBJECT},
)
@api_view(["GET"])
@permission_classes([AllowAny])
def processing_records(request):
    return Response({"results": [purpose.as_dict() for purpose in purposes.PURPOSES]})


@extend_schema(
    summary="Everything stored about a participant (GDPR art. 15)",
    description="The data protection officer and administrators. Logged in the view log as an export.",
    parameters=[FORMAT],
    responses={200: SubjectAccessExportSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
)
@api_view(["GET"])
@renderer_classes(EXPORT_RENDERERS)
def participant_export(request, pk):
    access.require_supervisor(request.user)
    participant = access.get_participant(request.user, pk)
    data = subject_access.export_participant(participant, request.user)
    return _export_response(request, data, f"participant-{participant.public_id}")


@extend_schema(
    summary="Restrict processing of a participant's data (GDPR art. 18)",
    description="The person is kept but no longer matched or proposed until the restriction is lifted.",
    request=RestrictSerializer,
    responses={200: RestrictionSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["POST"])
def participant_restrict(request, pk):
    access.require_supervisor(request.user)
    participant = access.get_participant(request.user, pk)
    serializer = RestrictSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    participant = dsr_services.restrict_participant(
        participant, reason=serializer.validated_data["reason"], by=request.user
    )
    return Response(RestrictionSerializer(participant).data)


@extend_schema(
    summary="Lift the restriction of a participant's data",
    request=None,
    responses={200: RestrictionSerializer, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["POST"])
def participant_unrestrict(request, pk):
    access.require_supervisor(request.user)
    participant = access.get_participant(request.user, pk)
    participant = dsr_services.lift_restriction(participant, by=request.user)
    return Response(RestrictionSerializer(participant).data)


@extend_schema(
    summary="Everything stored about a training registrant, found by email",
    parameters=[OpenApiParameter("email", OpenApiTypes.EMAIL, required=True), FORMAT],
    responses={200: SubjectAccessExportSerializer, 400: BAD_INPUT, 403: FORBIDDEN},
)
@api_view(["GET"])
@renderer_classes(EXPORT_RENDERERS)
def registrant_export(request):
    access.require_supervisor(request.user)
    query = RegistrantQuerySerializer(data={"email": request.query_params.get("email", "")})
    query.is_valid(raise_exception=True)
    data = subject_access.export_registrant(query.validated_data["email"], request.user)
    return _export_response(request, data, "training-registrant")


@extend_schema(
    summary="Everything stored about a user account",
    parameters=[FORMAT],
    responses={200: SubjectAccessExportSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
)
@api_view(["GET"])
@renderer_classes(EXPORT_RENDERERS)
def user_export(request, pk):
    access.require_supervisor(request.user)
    subject = access.get_user(request.user, pk)
    return _export_response(request, subject_access.export_user(subject, request.user), f"user-{subject.pk}")


@extend_schema(
    summary="Everything stored about me (GDPR art. 15 and 20)",
    description=_("Any signed-in user: the account, roles, audit events, tokens, devices and training registrations."),
    parameters=[FORMAT],
    responses={200: SubjectAccessExportSerializer},
)
@api_view(["GET"])
@renderer_classes(EXPORT_RENDERERS)
def my_export(request):
    return _export_response(request, subject_access.export_user(request.user, request.user), "my-data")
