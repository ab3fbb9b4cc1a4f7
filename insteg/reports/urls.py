from django.urls import path

from insteg.reports import dashboard_views, evaluation_views, impact_views

app_name = "reports"
urlpatterns = [
    path("rapporter/", dashboard_views.dashboard, name="dashboard"),
    path("rapporter/utvardering/", evaluation_views.evaluation, name="evaluation"),
    path("rapporter/utvardering.xlsx", evaluation_views.evaluation_xlsx, name="evaluation_xlsx"),
    path("rapporter/utvardering.csv", evaluation_views.evaluation_csv, name="evaluation_csv"),
    path("rapporter/utvardering.pdf", evaluation_views.evaluation_pdf, name="evaluation_pdf"),
    path("rapporter/effekter/", impact_views.impact, name="impact"),
    path("rapporter/effekter/parametrar/<int:pk>/", impact_views.parameter_edit, name="parameter_edit"),
]
