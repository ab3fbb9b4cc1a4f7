from django.urls import path

from insteg.training import public_views, staff_views

SESSION = "handledarutbildning/hantera/tillfallen/<int:pk>/"

app_name = "training"
urlpatterns = [
    # Public: anyone can see the sessions and register; the signed link is the registrant's own page.
    path("handledarutbildning/", public_views.session_list, name="sessions"),
    path("handledarutbildning/kalender.ics", public_views.calendar_feed, name="feed"),
    path("handledarutbildning/<int:pk>/", public_views.session_detail, name="session"),
    path("handledarutbildning/<int:pk>/kalender.ics", public_views.session_ics, name="session_ics"),
    path("handledarutbildning/anmalan/<str:token>/", public_views.registration, name="registration"),
    # A supplier contact: its company's registrations.
    path("handledarutbildning/mitt-foretag/", public_views.company_registrations, name="company"),
    # The organiser's staff (matching officers, administrators).
    path("handledarutbildning/hantera/", staff_views.manage, name="manage"),
    path("handledarutbildning/hantera/kurser/ny/", staff_views.course_create, name="course_create"),
    path("handledarutbildning/hantera/kurser/<int:pk>/", staff_views.course_edit, name="course_edit"),
    path("handledarutbildning/hantera/tillfallen/ny/", staff_views.session_create, name="session_create"),
    path(SESSION, staff_views.session_manage, name="session_manage"),
    path(SESSION + "redigera/", staff_views.session_edit, name="session_edit"),
    path(SESSION + "installa/", staff_views.session_cancel, name="session_cancel"),
    path(SESSION + "narvaro/", staff_views.attendance, name="attendance"),
    path(SESSION + "export.xlsx", staff_views.export, name="export"),
    path(
        SESSION + "anmalningar/<int:registration_pk>/ta-bort/",
        staff_views.registration_remove,
        name="registration_remove",
    ),
    path(
        SESSION + "anmalningar/<int:registration_pk>/intyg.pdf",
        staff_views.certificate,
        name="certificate",
    ),
]
