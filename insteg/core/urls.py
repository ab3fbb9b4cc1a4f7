from django.urls import path

from insteg.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("tillganglighet/synpunkter/", views.feedback, name="feedback"),
    path("tillganglighet/synpunkter/tack/", views.feedback_received, name="feedback_received"),
    path("tillganglighet/synpunkter/inkomna/", views.feedback_list, name="feedback_list"),
    path("tillganglighet/synpunkter/<int:pk>/hanterad/", views.feedback_handle, name="feedback_handle"),
]
