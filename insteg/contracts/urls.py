from django.urls import path

from insteg.contracts import officer_views, supplier_views

app_name = "contracts"
urlpatterns = [
    # The buyer's staff: tenders, award, signing, follow-up.
    path("upphandlingar/<int:pk>/anbud/", officer_views.tenders, name="tenders"),
    path("upphandlingar/<int:pk>/tilldela/", officer_views.award, name="award"),
    path("tilldelningar/<int:award_pk>/avtal/", officer_views.sign, name="sign"),
    path("avtal/", officer_views.contract_list, name="list"),
    path("avtal/<int:pk>/", officer_views.contract_detail, name="detail"),
    path("avtal/<int:pk>/ataganden/<int:commitment_pk>/", officer_views.amend, name="amend"),
    path("avtal/<int:pk>/beslut/", officer_views.decide, name="decide"),
    # Suppliers (and the buyer's staff): positions and reports.
    path("platser/", supplier_views.position_list, name="positions"),
    path("avtal/<int:pk>/platser/ny/", supplier_views.position_create, name="position_create"),
    path("avtal/<int:pk>/platser/<int:position_pk>/", supplier_views.position_edit, name="position_edit"),
    path("avtal/<int:pk>/rapporter/ny/", supplier_views.report_create, name="report_create"),
]
