"""The floor for `training_registration.py`: the least a correct registration costs on Django and PostgreSQL.

A bare Django (no middleware, no apps) with one view that locks the session row, counts the confirmed seats
and inserts, in one transaction: what any registration that cannot overbook must do. Served by gunicorn in
the same run as Insteg, against the same database (its own two tables).
"""

import json
import os

import dj_database_url
import django
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ["SECRET_KEY"],
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    DATABASES={"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)},
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_TZ=True,
)
django.setup()


def register(request):
    try:
        email = str(json.loads(request.body)["email"])[:254]
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT capacity FROM floor_session WHERE id = 1 FOR UPDATE")
        capacity = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM floor_registration WHERE session_id = 1 AND status = 'confirmed'")
        status = "confirmed" if cursor.fetchone()[0] < capacity else "waitlisted"
        cursor.execute("INSERT INTO floor_registration (session_id, email, status) VALUES (1, %s, %s)", [email, status])
    return JsonResponse({"status": status}, status=201)


urlpatterns = [path("register", register)]

from django.core.wsgi import get_wsgi_application  # noqa: E402 -- after settings.configure

application = get_wsgi_application()
