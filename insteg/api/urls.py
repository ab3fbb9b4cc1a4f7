from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from insteg.api import views

app_name = "api"
urlpatterns = [
    path("openapi.json", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("me", views.me, name="me"),
    path("", include("insteg.accounts.api_urls")),
    path("", include("insteg.rules.api_urls")),
    path("", include("insteg.procurement.api_urls")),
    path("", include("insteg.notices.api_urls")),
    path("", include("insteg.contracts.api_urls")),
    path("", include("insteg.matching.api_urls")),
    path("", include("insteg.training.api_urls")),
    path("", include("insteg.followup.api_urls")),
    path("", include("insteg.reports.api_urls")),
    path("", include("insteg.retention.api_urls")),
    path("", include("insteg.privacy.api_urls")),
    path("", include("insteg.imports.api_urls")),
]
