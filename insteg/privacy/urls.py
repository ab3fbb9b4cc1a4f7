from django.urls import path

from insteg.privacy import views

app_name = "privacy"
urlpatterns = [
    path("audit/", views.audit_trail, name="audit_trail"),
]
