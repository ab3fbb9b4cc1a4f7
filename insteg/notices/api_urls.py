from django.urls import path

from insteg.notices import api

urlpatterns = [
    path("notices", api.notice_list, name="notices"),
    path("notices/<int:pk>", api.notice_detail, name="notice"),
    path("procurements/<int:pk>/questions", api.question_list, name="questions"),
    path("procurements/<int:pk>/questions/<int:question_pk>", api.question_detail, name="question"),
    path("procurements/<int:pk>/answers", api.answer_list, name="answers"),
    path("procurements/<int:pk>/answers/<int:answer_pk>", api.answer_detail, name="answer"),
    path("procurements/<int:pk>/answers/<int:answer_pk>/publish", api.answer_publish, name="answer_publish"),
    path("procurements/<int:pk>/answers/<int:answer_pk>/corrections", api.answer_correct, name="answer_correct"),
    path("procurements/<int:pk>/interest", api.interest, name="interest"),
    path("procurements/<int:pk>/deadline-extensions", api.deadline_extensions, name="deadline_extensions"),
]
