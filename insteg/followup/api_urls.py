from django.urls import path

from insteg.followup import api

PLACEMENT = "placements/<int:pk>/"

urlpatterns = [
    path("followups/due", api.due, name="followups_due"),
    path(PLACEMENT + "followups", api.check_in_list, name="followups"),
    path(PLACEMENT + "followups/<int:check_in_pk>", api.check_in_detail, name="followup"),
    path(PLACEMENT + "start", api.start, name="placement_start"),
    path(PLACEMENT + "end", api.end, name="placement_end"),
    path(PLACEMENT + "outcome-90", api.outcome_90, name="placement_outcome_90"),
    path(PLACEMENT + "situations", api.situation_list, name="situations"),
    path(PLACEMENT + "situations/<int:situation_pk>", api.situation_detail, name="situation"),
    path(PLACEMENT + "situations/<int:situation_pk>/events", api.situation_events, name="situation_events"),
]
