"""The French and English catalogues hold every interface string, translated and not fuzzy."""

import shutil
from pathlib import Path

import polib
import pytest

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
IGNORE = [".venv", "bench", "staticfiles", "media", "node_modules", "tests"]


@pytest.fixture
def fresh_catalogues(tmp_path, settings, monkeypatch):
    """The committed catalogues, updated by makemessages from today's code (as `make messages` does)."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is missing: run scripts/system-deps (make test does).")
    # makemessages writes into ./locale of the working directory: work on a copy of the sources.
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*IGNORE, ".git", "*.sqlite3", "__pycache__"))
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["fr", "en"], ignore_patterns=IGNORE, verbosity=0)
    return copy / "locale"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_catalogue_has_no_missing_or_fuzzy_entry(fresh_catalogues, language):
    catalogue = polib.pofile(str(fresh_catalogues / language / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == [], f"untranslated in {language}: {missing}"
    assert fuzzy == [], f"fuzzy in {language}: {fuzzy}"
    assert len(catalogue.translated_entries()) > 100


def test_french_catalogue_is_really_french(fresh_catalogues):
    catalogue = polib.pofile(str(fresh_catalogues / "fr" / "LC_MESSAGES" / "django.po"))
    assert catalogue.find("Skip to main content").msgstr == "Aller au contenu principal"
    same = [entry.msgid for entry in catalogue.translated_entries() if entry.msgstr == entry.msgid]
    # Only words spelt the same in both languages may stay identical.
    assert len(same) < len(catalogue) // 4, same
