"""The error answers every endpoint shares, described once for the OpenAPI document (contract.md's format)."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


BAD_INPUT = OpenApiResponse(ErrorSerializer, description="Bad input: `errors` names each field and what is wrong.")
CONFLICT = OpenApiResponse(ErrorSerializer, description="Not possible in the current state.")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Visible to you, but not yours to change.")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not visible to you.")
