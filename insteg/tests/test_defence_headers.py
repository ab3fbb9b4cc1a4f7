"""Every answer carries the browser-side defences, and the production settings pass Django's deploy check."""

import os
import subprocess
import sys

import pytest
from django.test import override_settings
from django.urls import reverse

# The test run's own switches, which an operator's production environment never has.
STRIPPED = {"DEBUG", "INSTEG_DEMO", "DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "INSTEG_HTTPS"}
DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "serial", "bluetooth", "display-capture"]


def _assert_defences(response):
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in permissions


@pytest.mark.parametrize("path", ["/", "/finns-inte/"])
def test_pages_carry_the_security_headers(client, path):
    _assert_defences(client.get(path))


def test_api_answers_carry_the_security_headers(client, supplier):
    _assert_defences(client.get(reverse("api:notices")))
    _assert_defences(client.get(reverse("api:me")))  # 401
    client.force_login(supplier)
    response = client.get(reverse("api:me"))
    assert response.status_code == 200
    _assert_defences(response)


def test_hsts_is_sent_over_https_when_https_is_on(client):
    with override_settings(SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True):
        response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/")  # the test settings run on plain HTTP


def _production_env(tmp_path, **extra) -> dict:
    kept = {k: v for k, v in os.environ.items() if k not in STRIPPED}
    return kept | {
        "SECRET_KEY": "a-long-random-production-secret-for-the-deploy-check-9f8e7d6c5b4a3210",
        "DEBUG": "false",
        "INSTEG_DEMO": "false",
        "INSTEG_HTTPS": "true",
        "ALLOWED_HOSTS": "insteg.ostersund.example",
        "INSTEG_DATA_DIR": str(tmp_path),
        **extra,
    }


def test_check_deploy_is_clean_with_https_production_settings(tmp_path):
    result = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "insteg", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_sends_hsts_for_a_year_with_subdomains_and_preload(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = subprocess.run(  # noqa: S603 - our own settings
        [sys.executable, "-c", code],
        env=_production_env(tmp_path, DJANGO_SETTINGS_MODULE="insteg.settings"), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True", "True"], result.stderr
