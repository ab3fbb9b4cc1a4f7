from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from insteg.accounts import login_views

urlpatterns = [
    path("", include("insteg.core.urls")),
    # Our own sign-in: the password, then the second factor for those who have or need one (insteg.accounts).
    path("accounts/login/", login_views.login, name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("insteg.accounts.urls")),
    path("privacy/gallring/", include("insteg.retention.urls")),
    path("privacy/", include("insteg.privacy.urls")),
    path("", include("insteg.rules.urls")),
    path("", include("insteg.procurement.urls")),
    path("", include("insteg.notices.urls")),
    path("", include("insteg.contracts.urls")),
    path("", include("insteg.matching.urls")),
    path("", include("insteg.training.urls")),
    path("", include("insteg.followup.urls")),
    path("", include("insteg.reports.urls")),
    path("", include("insteg.imports.urls")),
    path("api/v1/", include("insteg.api.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # Django's own admin is an operator's tool for superusers; every role works in the product's pages.
    path("django-admin/login/", login_views.admin_login),
    path("django-admin/", admin.site.urls),
]

# A path no route matches: JSON under /api/ (the API's error format), Django's page elsewhere.
handler404 = "insteg.api.errors.page_not_found"
