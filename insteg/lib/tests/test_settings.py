"""The settings module started as an operator would start it: in a fresh interpreter."""

import os
import subprocess
import sys

import pytest

_STRIPPED = {
    "SECRET_KEY",
    "DEBUG",
    "INSTEG_DEMO",
    "INSTEG_HTTPS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
}


def _check(env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in _STRIPPED}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "insteg", "check", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _check({"INSTEG_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_wrong_boolean_stops_the_start(tmp_path):
    result = _check({"INSTEG_DATA_DIR": str(tmp_path), "DEBUG": "yes"})
    assert result.returncode != 0
    assert "DEBUG must be 'true' or 'false'" in result.stderr


@pytest.mark.parametrize("secret", ["a-long-random-secret-key-for-the-deploy-check-0123456789-abcdefghij"])
def test_check_deploy_is_clean_with_production_settings(tmp_path, secret):
    result = _check({"INSTEG_DATA_DIR": str(tmp_path), "SECRET_KEY": secret}, "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
