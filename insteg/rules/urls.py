from django.urls import path

from insteg.rules import views

app_name = "rules"
urlpatterns = [
    path("tidsfristkalkylator/", views.deadline_calculator, name="deadline_calculator"),
    path("regler/", views.overview, name="overview"),
    path("regler/troskelvarden/ny/", views.threshold_create, name="threshold_create"),
    path("regler/troskelvarden/<int:pk>/", views.threshold_edit, name="threshold_edit"),
    path("regler/vaxelkurser/ny/", views.exchange_rate_create, name="exchange_rate_create"),
    path("regler/tidsfrister/<int:pk>/", views.time_limit_edit, name="time_limit_edit"),
    path("regler/forinstallningar/<int:pk>/", views.preset_edit, name="preset_edit"),
    path("regler/policy/", views.policy_edit, name="policy_edit"),
]
