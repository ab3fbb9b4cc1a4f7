from django.urls import path

from insteg.privacy import consent_views, dsr_views, notice_views, overview_views, view_log, views

app_name = "privacy"
urlpatterns = [
    path("", overview_views.overview, name="overview"),
    path("audit/", views.audit_trail, name="audit_trail"),
    path("behandlingar/", notice_views.processing_records, name="processing_records"),
    path("integritet/<slug:purpose>/", notice_views.notice, name="notice"),
    path("samtycke/", consent_views.consent_texts, name="consent_texts"),
    path("begaran/", dsr_views.requests_page, name="requests"),
    path("begaran/deltagare/<int:pk>/", dsr_views.participant_request, name="participant_request"),
    path("begaran/deltagare/<int:pk>/export/", dsr_views.participant_export, name="participant_export"),
    path("begaran/registrant/", dsr_views.registrant_request, name="registrant_request"),
    path("begaran/anvandare/<int:pk>/", dsr_views.user_request, name="user_request"),
    path("begaran/anvandare/<int:pk>/export/", dsr_views.user_export, name="user_export"),
    path("mina-uppgifter/", dsr_views.my_data, name="my_data"),
    path("visningslogg/", view_log.view_log, name="view_log"),
]
