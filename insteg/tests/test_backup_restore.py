"""The backup drill of docs/backup.md: the documented commands back up a database full of the demo's data and
restore it into an empty one, which then holds every row of every table.

The commands are read from docs/backup.md itself and run in a shell, so the page and the test cannot drift
apart. `uv run python` is the project's Python (the interpreter running this test); `insteg` is on the PATH of
the test run. Runs on whichever database the suite runs on; CI runs both.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from insteg.core.demo import seed_all

DOC = Path(settings.BASE_DIR) / "docs" / "backup.md"
SAMPLE = 5  # rows of each table compared value by value


def _commands(section: str) -> list[list[str]]:
    """The sh blocks of one section of docs/backup.md, each as its list of command lines."""
    text = DOC.read_text()
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", body, re.DOTALL)
    return [[line for line in block.splitlines() if line.strip()] for block in blocks]


def _run(lines: list[str], env: dict) -> None:
    script = "set -eu\n" + "\n".join(line.replace("uv run python", f'"{sys.executable}"') for line in lines)
    test_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(  # noqa: S603 - the documented commands
        ["bash", "-c", script],  # noqa: S607 - bash from the PATH, as an operator runs it
        env=test_env | env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{script}\n{result.stdout}\n{result.stderr}"


def _tables() -> list[str]:
    return sorted(connection.introspection.table_names(include_views=False))


def _snapshot(cursor, tables) -> dict:
    """Each table's row count and its first rows (by the first column), as text so both drivers compare."""
    snapshot = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from the schema
        count = cursor.fetchone()[0]
        cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1 LIMIT {SAMPLE}')  # noqa: S608
        snapshot[table] = (count, [tuple(str(value) for value in row) for row in cursor.fetchall()])
    return snapshot


def _postgres_url(name: str) -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = f"{auth}@{db['HOST'] or 'localhost'}" if auth else db["HOST"] or "localhost"
    return f"postgres://{host}:{db['PORT'] or 5432}/{name}"


def _restore_postgres(tmp_path) -> dict:
    import psycopg

    backup_block, restore_block = _commands("PostgreSQL")
    restore_name = f"insteg_restore_{uuid.uuid4().hex[:10]}"
    env = {
        "DATABASE_URL": _postgres_url(connection.settings_dict["NAME"]),
        "BACKUP": str(tmp_path / "insteg.dump"),
        "RESTORE_NAME": restore_name,
        "RESTORE_URL": _postgres_url(restore_name),
    }
    _run(backup_block, env)
    try:
        _run(restore_block, env)
        # Read back through a Django connection like the test's own, so the values load to the same types.
        restored = connection.get_new_connection({**connection.get_connection_params(), "dbname": restore_name})
        try:
            with restored.cursor() as cursor:
                cursor.execute("SET TIME ZONE 'UTC'")
                return _snapshot(cursor, _tables())
        finally:
            restored.close()
    finally:
        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restore_name}"')


def _restore_sqlite(tmp_path) -> dict:
    python_backup, cli_backup, restore_block = _commands("SQLite")
    env = {
        "DATABASE": str(connection.settings_dict["NAME"]),
        "BACKUP": str(tmp_path / "insteg-backup.sqlite3"),
        "RESTORED": str(tmp_path / "restored" / "insteg.sqlite3"),
    }
    (tmp_path / "restored").mkdir()
    if shutil.which("sqlite3"):  # the alternative, where the tool is installed: its backup must restore too
        _run(cli_backup, env)
        assert sqlite3.connect(env["BACKUP"]).execute("PRAGMA integrity_check").fetchone() == ("ok",)
        Path(env["BACKUP"]).unlink()
    _run(python_backup, env)
    _run(restore_block, env)
    # Read back with the converters Django's own connection uses (booleans, dates), so the values compare.
    restored = sqlite3.connect(env["RESTORED"], detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    try:
        return _snapshot(restored.cursor(), _tables())
    finally:
        restored.close()


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_record_into_an_empty_database(reference_rows, tmp_path):
    """Committed data (a backup sees only what is committed), on top of the reference rows put back first."""
    seed_all()
    with connection.cursor() as cursor:
        before = _snapshot(cursor, _tables())
    assert before["matching_participant"][0] > 0 and before["privacy_auditevent"][0] > 0
    if connection.vendor == "postgresql":
        after = _restore_postgres(tmp_path)
    else:
        assert connection.vendor == "sqlite"
        after = _restore_sqlite(tmp_path)
    assert {table: count for table, (count, _rows) in after.items()} == {
        table: count for table, (count, _rows) in before.items()
    }
    assert after == before
