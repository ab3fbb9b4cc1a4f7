import pytest
from django.core.exceptions import ImproperlyConfigured

from insteg.lib.env import env, env_bool, env_int, env_list


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("false", False), ("TRUE", True), ("False", False), ("", False), (None, False)],
)
def test_env_bool_reads_true_and_false(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("FLAG", raising=False)
    else:
        monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG") is expected


@pytest.mark.parametrize("raw", ["yes", "1", "0", "on", "ture", "no"])
def test_a_wrong_boolean_is_an_error_not_false(monkeypatch, raw):
    monkeypatch.setenv("FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="FLAG must be 'true' or 'false'"):
        env_bool("FLAG")


def test_a_wrong_number_is_an_error(monkeypatch):
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("PORT", 80)


def test_secrets_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert env("SECRET_KEY") == "s3cr3t"


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "insteg.ostersund.se, localhost ,")
    assert env_list("ALLOWED_HOSTS", "") == ["insteg.ostersund.se", "localhost"]
