"""Included by insteg/api/urls.py under /api/v1/ (namespace "api")."""

from django.urls import path

from insteg.privacy import api

urlpatterns = [
    path("privacy/processing-records", api.processing_records, name="processing_records"),
    path("privacy/subjects/participants/<int:pk>/export", api.participant_export, name="privacy_participant_export"),
    path(
        "privacy/subjects/participants/<int:pk>/restrict", api.participant_restrict, name="privacy_participant_restrict"
    ),
    path(
        "privacy/subjects/participants/<int:pk>/unrestrict",
        api.participant_unrestrict,
        name="privacy_participant_unrestrict",
    ),
    path("privacy/subjects/registrants/export", api.registrant_export, name="privacy_registrant_export"),
    path("privacy/subjects/users/<int:pk>/export", api.user_export, name="privacy_user_export"),
    path("me/export", api.my_export, name="me_export"),
]
