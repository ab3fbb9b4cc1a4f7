from django.urls import path

from insteg.imports import api

urlpatterns = [
    path("imports/participants", api.participants, name="import_participants"),
    path("imports/positions", api.positions, name="import_positions"),
]
