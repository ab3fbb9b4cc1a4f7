from django.urls import path

from insteg.retention import api

urlpatterns = [
    path("retention/rules", api.rule_list, name="retention_rules"),
    path("retention/disposals", api.disposal_list, name="retention_disposals"),
    path("retention/proposals", api.proposal_list, name="retention_proposals"),
    path("retention/proposals/<int:pk>/approve", api.proposal_approve, name="retention_proposal_approve"),
    path("retention/proposals/<int:pk>/reject", api.proposal_reject, name="retention_proposal_reject"),
    path("retention/holds", api.hold_list, name="retention_holds"),
    path("retention/holds/<int:pk>/release", api.hold_release, name="retention_hold_release"),
]
