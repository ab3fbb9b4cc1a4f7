"""`insteg demo` and the 500 page, from the outside."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.test import Client


@pytest.mark.urls("insteg.core.tests.urls_failing")
@pytest.mark.parametrize(("language", "text"), [("sv", "Något gick fel"), ("en", "Something went wrong")])
def test_a_crash_shows_the_500_page_in_the_users_language(language, text):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    response = client.get("/broken/")
    assert response.status_code == 500
    assert text in response.content.decode()
    assert f'lang="{language}"' in response.content.decode()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_insteg_demo_serves_the_app_from_an_empty_data_folder(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "INSTEG_DEMO")}
    env["INSTEG_DATA_DIR"] = str(tmp_path / "data")
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "insteg", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2) as page:  # noqa: S310
                    html = page.read().decode()
                break
            except OSError:
                assert process.poll() is None, process.stdout.read()
                assert time.monotonic() < deadline, "the demo did not start serving in 90 s"
                time.sleep(0.5)
        assert 'name="username"' in html and 'name="password"' in html
        assert (tmp_path / "data" / "insteg.sqlite3").exists()
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
    assert "upphandlare" in output and "finansiar" in output
