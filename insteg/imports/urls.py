from django.urls import path

from insteg.imports import views

app_name = "imports"
urlpatterns = [
    path("importera/deltagare/", views.participant_import, name="participants"),
    path("importera/platser/", views.position_import, name="positions"),
    path("avtal/<int:pk>/platser/importera/", views.position_import, name="contract_positions"),
    path("importera/<int:pk>/", views.batch_detail, name="batch"),
    path("importera/<int:pk>/importera/", views.batch_commit, name="commit"),
    path("importera/<int:pk>/kasta/", views.batch_discard, name="discard"),
    path("importera/mall/<str:kind>.<str:fmt>", views.template_download, name="template"),
]
