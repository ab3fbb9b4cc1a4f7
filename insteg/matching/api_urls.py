from django.urls import path

from insteg.matching import api

urlpatterns = [
    path("participants", api.participant_list, name="participants"),
    path("participants/<int:pk>", api.participant_detail, name="participant"),
    path("participants/<int:pk>/export", api.participant_export, name="participant_export"),
    path("participants/<int:pk>/erase", api.participant_erase, name="participant_erase"),
    path("matching/proposals", api.proposal_list, name="proposals"),
    path("matching/proposals/saved", api.saved_proposal_list, name="saved_proposals"),
    path("matching/proposals/<int:pk>", api.proposal_detail, name="proposal"),
    path("matching/proposals/<int:pk>/propose", api.proposal_propose, name="proposal_propose"),
    path("matching/proposals/<int:pk>/withdraw", api.proposal_withdraw, name="proposal_withdraw"),
    path("matching/proposals/<int:pk>/decision", api.proposal_decision, name="proposal_decision"),
    path("placements", api.placement_list, name="placements"),
    path("placements/<int:pk>", api.placement_detail, name="placement"),
]
