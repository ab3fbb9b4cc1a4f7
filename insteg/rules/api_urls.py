from django.urls import path

from insteg.rules import api

# Included inside the "api" namespace at /api/v1/.
urlpatterns = [
    path("deadlines", api.deadlines_view, name="deadlines"),
    path("proportionality", api.proportionality_view, name="proportionality"),
]
