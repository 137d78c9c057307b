"""The site's search backend: Wagtail's database backend, with stemming in each page's
language and accents ignored.

PostgreSQL: the `search` app's migrations create text search configurations that strip
accents with the `unaccent` extension, then stem: `hub_search` in French and `hub_search_en`
in English; `hub_autocomplete` only strips accents (prefixes of stems make no sense for
suggestions as you type). Each page is indexed with the configuration of its own language.
A search in English looks the words up both ways, English and French, because the English
site also lists French pages that have no translation and visitors type French place words
("randonnée", "château"); a search in French looks them up in French.

SQLite (development and tests): FTS5's default tokenizer folds case and accents ("fete"
finds "Fête") but cannot stem, and its tokenizer is set once for the whole index, whatever
the language. The nearest equivalent is done on the words searched: a plural or "-ing" ending
is dropped and the rest matched as a prefix ("hiking" looks for words starting "hik", so
"hike" and "hikes" are found). That is cruder than a real stemmer: it can also match longer
words that only start the same.
"""

from collections import defaultdict
from copy import copy

from django.db import connection

from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database import SearchBackend as database_backend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.search.query import Phrase, PlainText

SEARCH_CONFIG = "hub_search"
AUTOCOMPLETE_CONFIG = "hub_autocomplete"
# The text search configuration of each language; other languages are indexed as French.
LANGUAGE_CONFIGS = {"fr": SEARCH_CONFIG, "en": "hub_search_en"}
# What a search in each language looks the words up with (see the module docstring).
QUERY_CONFIGS = {"fr": (SEARCH_CONFIG,), "en": ("hub_search_en", SEARCH_CONFIG)}


def language_config(language):
    return LANGUAGE_CONFIGS.get((language or "").split("-")[0], SEARCH_CONFIG)


class LocaleIndex(PostgresIndex):
    """Indexes each object with the configuration of its language (pages and translated
    snippets have a locale; anything else is indexed in French)."""

    def add_items(self, model, objs):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        by_config = defaultdict(list)
        for obj in objs:
            by_config[language_config(languages.get(getattr(obj, "locale_id", None)))].append(obj)
        for config, group in by_config.items():
            # The indexer reads the configuration from the backend: give it a copy set for
            # this language rather than change the shared one.
            index = copy(self)
            index.backend = copy(self.backend)
            index.backend.config = config
            PostgresIndex.add_items(index, model, group)


class LocaleQueryCompiler(PostgresSearchQueryCompiler):
    """Looks each word up with every configuration of the search (a tuple), any of which may
    match."""

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(config, tuple) and isinstance(query, PlainText | Phrase):
            built = [super(LocaleQueryCompiler, self).build_tsquery_content(query, one, invert) for one in config]
            built = [part for part in built if part is not None]
            if not built:
                return None
            combined = built[0]
            for part in built[1:]:
                combined = combined & part if invert else combined | part
            return combined
        return super().build_tsquery_content(query, config=config, invert=invert)


class LocalePostgresBackend(PostgresSearchBackend):
    query_compiler_class = LocaleQueryCompiler
    index_class = LocaleIndex

    def __init__(self, params):
        super().__init__(params)
        # Outside the public search (the admin), a search matches pages of every language.
        self.config = tuple(dict.fromkeys(LANGUAGE_CONFIGS.values()))
        # Wagtail hard-codes "simple" for autocomplete; keep it unstemmed but accent-insensitive.
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", AUTOCOMPLETE_CONFIG)


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    if connection.vendor == "postgresql":
        return LocalePostgresBackend(params)
    backend = database_backend(params)
    if connection.vendor == "sqlite":
        # Imported only on SQLite: Wagtail's SQLite module needs its FTS model to exist.
        from wagtail.search.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from .sqlite_backend import PrefixSQLiteBackend

        if isinstance(backend, SQLiteSearchBackend):
            return PrefixSQLiteBackend(params)
    return backend


def backend_for(language):
    """The search backend set to look words up as a visitor in `language` means them."""
    backend = get_search_backend()
    if isinstance(backend, LocalePostgresBackend):
        backend.config = QUERY_CONFIGS.get((language or "").split("-")[0], QUERY_CONFIGS["fr"])
    return backend
