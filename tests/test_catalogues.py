"""The French and English catalogues hold every interface string, translated and not fuzzy."""

import re
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


def test_committed_english_catalogue_translates_every_entry_in_english_punctuation():
    """The English catalogue as committed (what `compilemessages` ships): no entry left with an
    empty msgstr (a visitor would see nothing, not even the source), none fuzzy, and no French
    typography (a space before a colon, "52 K€", a decimal comma)."""
    catalogue = polib.pofile(str(ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    empty = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    assert empty == [], f"empty msgstr in English: {empty}"
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    french_typography = re.compile(r"\w[\u00a0\u202f ][:;](?:\s|$)|\d\s?K€|\b\d+,\d{1,2}\b")
    french = [
        text
        for entry in catalogue.translated_entries()
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if french_typography.search(text)
    ]
    assert french == [], french
