from django.urls import path

from insteg.reports import api

urlpatterns = [
    path("reports/dashboard", api.dashboard, name="reports_dashboard"),
    path("reports/evaluation", api.evaluation, name="reports_evaluation"),
    path("reports/impact", api.impact, name="reports_impact"),
    path("open-data/ocds", api.ocds, name="open_data_ocds"),
]
