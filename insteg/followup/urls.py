from django.urls import path

from insteg.followup import host_views, officer_views, rule_views

PLACEMENT = "uppfoljning/placeringar/<int:pk>/"

app_name = "followup"
urlpatterns = [
    # The municipality's matching officers (and, reading, the referring employment-service officer).
    path("uppfoljning/", officer_views.due, name="due"),
    path(PLACEMENT, officer_views.placement, name="placement"),
    path(PLACEMENT + "start/", officer_views.start, name="start"),
    path(PLACEMENT + "ansvarig/", officer_views.responsible, name="responsible"),
    path(PLACEMENT + "avslut/", officer_views.end, name="end"),
    path(PLACEMENT + "utfall-90-dagar/", officer_views.outcome_90, name="outcome_90"),
    path(PLACEMENT + "uppfoljningar/ny/", officer_views.check_in_add, name="check_in_add"),
    path(PLACEMENT + "uppfoljningar/<int:check_in_pk>/", officer_views.check_in, name="check_in"),
    path(PLACEMENT + "atgarder/<int:action_pk>/klar/", officer_views.action_done, name="action_done"),
    path(PLACEMENT + "situationer/ny/", officer_views.situation_report, name="situation_report"),
    path(PLACEMENT + "situationer/<int:situation_pk>/", officer_views.situation, name="situation"),
    # A host company (supplier contact): its own placements.
    path("mina-placeringar/<int:pk>/", host_views.host_placement, name="host_placement"),
    # The rules: the check-in schedule per position type and the response time limits.
    path("uppfoljning/regler/", rule_views.rules, name="rules"),
    path("uppfoljning/regler/steg/ny/", rule_views.step_create, name="step_create"),
    path("uppfoljning/regler/steg/<int:pk>/", rule_views.step_edit, name="step_edit"),
    path("uppfoljning/regler/svarstider/<int:pk>/", rule_views.limit_edit, name="limit_edit"),
]
