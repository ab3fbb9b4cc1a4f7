from django.urls import path

from insteg.contracts import api

urlpatterns = [
    path("position-types", api.position_type_list, name="position_types"),
    path("occupations", api.occupation_list, name="occupations"),
    path("procurements/<int:pk>/tenders", api.tender_list, name="tenders"),
    path("procurements/<int:pk>/awards", api.award_list, name="awards"),
    path("awards/<int:award_pk>/contract", api.award_contract, name="award_contract"),
    path("contracts", api.contract_list, name="contracts"),
    path("contracts/<int:pk>", api.contract_detail, name="contract"),
    path("positions", api.all_position_list, name="positions"),
    path("contracts/<int:pk>/positions", api.position_list, name="contract_positions"),
    path("contracts/<int:pk>/positions/<int:position_pk>", api.position_detail, name="contract_position"),
    path("contracts/<int:pk>/reports", api.report_list, name="contract_reports"),
    path("contracts/<int:pk>/decisions", api.decision_list, name="contract_decisions"),
]
