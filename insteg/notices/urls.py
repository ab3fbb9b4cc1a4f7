from django.urls import path

from insteg.notices import officer_views, public_views

app_name = "notices"
urlpatterns = [
    # Public and supplier-facing.
    path("annonser/", public_views.notice_list, name="list"),
    path("annonser/flode/", public_views.NoticeFeed(), name="feed"),
    path("annonser/<int:pk>/", public_views.notice_detail, name="detail"),
    path("annonser/<int:pk>/svar/flode/", public_views.AnswerFeed(), name="answer_feed"),
    path("annonser/<int:pk>/bevaka/", public_views.interest, name="interest"),
    path("annonser/<int:pk>/fraga/", public_views.ask, name="ask"),
    path("annonser/<int:pk>/fragor/<int:question_pk>/", public_views.receipt, name="receipt"),
    # The buyer's staff.
    path("upphandlingar/<int:pk>/fragor/", officer_views.inbox, name="inbox"),
    path("upphandlingar/<int:pk>/fragor/svar/nytt/", officer_views.answer_create, name="answer_create"),
    path("upphandlingar/<int:pk>/fragor/svar/<int:answer_pk>/", officer_views.answer_edit, name="answer_edit"),
    path(
        "upphandlingar/<int:pk>/fragor/svar/<int:answer_pk>/publicera/",
        officer_views.answer_publish,
        name="answer_publish",
    ),
    path(
        "upphandlingar/<int:pk>/fragor/svar/<int:answer_pk>/rattelse/",
        officer_views.answer_correct,
        name="answer_correct",
    ),
    path(
        "upphandlingar/<int:pk>/fragor/svar/<int:answer_pk>/kasta/",
        officer_views.answer_discard,
        name="answer_discard",
    ),
    path("upphandlingar/<int:pk>/forlang/", officer_views.extend_deadline, name="extend"),
    path("upphandlingar/<int:pk>/intressenter/", officer_views.interested, name="interested"),
]
