from django.urls import path

from insteg.accounts import login_views, views

app_name = "accounts"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/done/", views.register_done, name="register_done"),
    path("verify/<uidb64>/<token>/", views.verify_email, name="verify_email"),
    path("invitation/<uidb64>/<token>/", views.accept_invitation, name="accept_invitation"),
    path("login/kod/", login_views.login_code, name="login_code"),
    path("login/tvastegs/", login_views.login_enrol, name="login_enrol"),
    path("tvastegs/", login_views.two_factor_status, name="two_factor"),
    path("tvastegs/aktivera/", login_views.two_factor_enable, name="two_factor_enable"),
    path("tvastegs/reservkoder/", login_views.two_factor_backup_codes, name="two_factor_backup_codes"),
    path("tvastegs/aterstall/", login_views.two_factor_reset, name="two_factor_reset"),
    path("session/fortsatt/", views.keepalive, name="keepalive"),
    path("profil/", views.profile, name="profile"),
    path("profil/epost/", views.profile_email, name="profile_email"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<str:digest>/revoke/", views.revoke_token, name="revoke_token"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/invite/", views.invite, name="invite"),
    path(
        "organisations/<int:pk>/members/<int:membership_pk>/remove/",
        views.remove_member,
        name="remove_member",
    ),
]
