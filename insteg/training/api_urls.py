from django.urls import path

from insteg.training import api

urlpatterns = [
    path("training/courses", api.course_list, name="training_courses"),
    path("training/courses/<int:pk>", api.course_detail, name="training_course"),
    path("training/sessions", api.session_list, name="training_sessions"),
    path("training/sessions/<int:pk>", api.session_detail, name="training_session"),
    path("training/sessions/<int:pk>/cancel", api.session_cancel, name="training_session_cancel"),
    path("training/sessions/<int:pk>/registrations", api.registration_list, name="training_registrations"),
    path(
        "training/sessions/<int:pk>/registrations/<int:registration_pk>",
        api.registration_detail,
        name="training_registration",
    ),
    path("training/registrations/withdraw", api.registration_withdraw, name="training_withdraw"),
]
