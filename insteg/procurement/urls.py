from django.urls import path

from insteg.procurement import criteria_views, document_views, views

app_name = "procurement"
urlpatterns = [
    path("kriterier/", criteria_views.criterion_list, name="criterion_list"),
    path("kriterier/nytt/", criteria_views.criterion_create, name="criterion_create"),
    path("kriterier/<slug:code>/", criteria_views.criterion_detail, name="criterion"),
    path("kriterier/<slug:code>/redigera/", criteria_views.criterion_edit, name="criterion_edit"),
    path("upphandlingar/", views.procurement_list, name="list"),
    path("upphandlingar/ny/", views.procurement_create, name="create"),
    path("upphandlingar/<int:pk>/", views.procurement_detail, name="detail"),
    path("upphandlingar/<int:pk>/redigera/", views.procurement_edit, name="edit"),
    path("upphandlingar/<int:pk>/delkontrakt/", views.lots, name="lots"),
    path("upphandlingar/<int:pk>/delkontrakt/<int:lot_pk>/ta-bort/", views.lot_delete, name="lot_delete"),
    path("upphandlingar/<int:pk>/krav/nytt/", views.requirement_add, name="requirement_add"),
    path("upphandlingar/<int:pk>/krav/<int:requirement_pk>/", views.requirement_edit, name="requirement"),
    path(
        "upphandlingar/<int:pk>/krav/<int:requirement_pk>/ta-bort/",
        views.requirement_delete,
        name="requirement_delete",
    ),
    path("upphandlingar/<int:pk>/publicera/", views.publish, name="publish"),
    path("upphandlingar/<int:pk>/status/", views.change_status, name="change_status"),
    path("upphandlingar/<int:pk>/dokument/", document_views.document, name="document"),
    path("upphandlingar/<int:pk>/dokument.docx", document_views.document_docx, name="document_docx"),
    path("upphandlingar/<int:pk>/dokument.pdf", document_views.document_pdf, name="document_pdf"),
]
