"""The Swedish and English catalogues are complete, and the shipped .mo files match the .po files."""

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
PACKAGE = LOCALE.parent


@pytest.mark.parametrize("language", ["sv", "en"])
def test_catalogue_is_complete(language):
    """Every message has its translation: an English msgstr too, so a missing one is never hidden by the fallback."""
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("language", ["sv", "en"])
def test_compiled_catalogue_matches_the_source(language):
    source = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    expected = {
        (entry.msgctxt, entry.msgid): entry.msgstr for entry in source.translated_entries() if not entry.msgid_plural
    }
    shipped = {
        (entry.msgctxt, entry.msgid): entry.msgstr for entry in compiled if entry.msgid and not entry.msgid_plural
    }
    assert shipped == expected, "run: cd insteg && uv run insteg compilemessages"


@pytest.mark.skipif(shutil.which("xgettext") is None and not os.environ.get("CI"), reason="needs GNU gettext")
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_translatable_string_is_in_the_catalogue(tmp_path, language):
    """makemessages over the code finds no msgid that the catalogue lacks."""
    work = tmp_path / "insteg"
    shutil.copytree(PACKAGE, work, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(  # noqa: S603
        [shutil.which("django-admin"), "makemessages", "-l", language, "--no-obsolete"],
        cwd=work,
        check=True,
        capture_output=True,
        env={"PATH": str(Path(shutil.which("django-admin")).parent) + ":/usr/bin:/bin"},
    )
    found = {entry.msgid for entry in polib.pofile(str(work / "locale" / language / "LC_MESSAGES" / "django.po"))}
    shipped = {entry.msgid for entry in polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))}
    assert found - shipped == set(), "run: cd insteg && uv run insteg makemessages -a --no-obsolete"
