from django.urls import path

from insteg.procurement import api, api_criteria

urlpatterns = [
    path("criteria", api_criteria.criterion_list, name="criteria"),
    path("criteria/<slug:code>", api_criteria.criterion_detail, name="criterion"),
    path("procurements", api.procurement_list, name="procurements"),
    path("procurements/<int:pk>", api.procurement_detail, name="procurement"),
    path("procurements/<int:pk>/transitions", api.procurement_transition, name="procurement_transition"),
    path("procurements/<int:pk>/lots", api.lot_list, name="lots"),
    path("procurements/<int:pk>/lots/<int:number>", api.lot_detail, name="lot"),
    path("procurements/<int:pk>/requirements", api.requirement_list, name="requirements"),
    path("procurements/<int:pk>/requirements/<int:requirement_pk>", api.requirement_detail, name="requirement"),
]
