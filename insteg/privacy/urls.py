from django.urls import path

from insteg.privacy import consent_views, notice_views, views

app_name = "privacy"
urlpatterns = [
    path("audit/", views.audit_trail, name="audit_trail"),
    path("integritet/<slug:purpose>/", notice_views.notice, name="notice"),
    path("samtycke/", consent_views.consent_texts, name="consent_texts"),
]
