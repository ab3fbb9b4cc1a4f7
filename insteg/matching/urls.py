from django.urls import path

from insteg.matching import matching_views, participant_views, proposal_views

app_name = "matching"
urlpatterns = [
    path("deltagare/", participant_views.participant_list, name="participants"),
    path("deltagare/ny/", participant_views.participant_create, name="participant_create"),
    path("deltagare/<int:pk>/", participant_views.participant_detail, name="participant"),
    path("deltagare/<int:pk>/redigera/", participant_views.participant_edit, name="participant_edit"),
    path("deltagare/<int:pk>/export/", participant_views.participant_export, name="participant_export"),
    path("deltagare/<int:pk>/radera/", participant_views.participant_erase, name="participant_erase"),
    path("deltagare/<int:pk>/platser/", matching_views.positions_for, name="positions_for"),
    path("platser/<int:position_pk>/kandidater/", matching_views.candidates, name="candidates"),
    path("matchning/", matching_views.optimal, name="optimal"),
    path("matchning/forslag/ny/", matching_views.proposal_prepare, name="proposal_prepare"),
    path("matchning/forslag/<int:pk>/", proposal_views.proposal_detail, name="proposal"),
    path("matchning/forslag/<int:pk>/beslut/", proposal_views.proposal_decide, name="proposal_decide"),
    path("matchning/forslag/<int:pk>/aterkalla/", proposal_views.proposal_withdraw, name="proposal_withdraw"),
    path("placeringar/", proposal_views.placement_list, name="placements"),
]
