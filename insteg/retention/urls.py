from django.urls import path

from insteg.retention import views

app_name = "retention"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("regler/<slug:record_type>/", views.rule_edit, name="rule_edit"),
    path("forslag/<int:pk>/godkann/", views.approve, name="approve"),
    path("forslag/<int:pk>/avsla/", views.reject, name="reject"),
    path("sparrar/", views.holds, name="holds"),
    path("sparrar/<int:pk>/hav/", views.release, name="release"),
    path("gallringar/", views.records, name="records"),
]
