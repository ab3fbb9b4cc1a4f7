"""What every benchmark shares: Django configured as production runs it, on a throwaway database."""

import contextlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure_django(data_dir: str, database_url: str | None = None) -> None:
    """Settings as in production, over `database_url` or else a throwaway SQLite file in `data_dir`."""
    sys.path.insert(0, str(ROOT))
    os.environ["INSTEG_DATA_DIR"] = data_dir
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)  # the throwaway SQLite file, never a real database
    os.environ["DEBUG"] = "false"  # no query log, no debug toolbar: measure what production does
    os.environ["INSTEG_DEMO"] = "false"
    os.environ["INSTEG_HTTPS"] = "false"  # the test client speaks plain HTTP; no redirect to https
    os.environ["INSTEG_COLLECTED_STATIC"] = "false"  # no manifest to build; pages only name their static files
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + os.urandom(16).hex())
    os.environ["DJANGO_SETTINGS_MODULE"] = "insteg.settings"
    import django

    django.setup()


@contextlib.contextmanager
def postgres_database(admin_url: str, label: str):
    """A database of our own on the server given, dropped afterwards whatever happens."""
    import psycopg

    name = f"insteg_bench_{label}_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
