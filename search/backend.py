"""The site's search backend: Wagtail's database backend, with accent-insensitive text search
configurations on PostgreSQL.

On SQLite, FTS5's default tokenizer already folds case and accents ("fete" finds "Fête"). On
PostgreSQL, the built-in configurations keep accents, so the `search` app's first migration
creates two configurations that strip them with the `unaccent` extension:
`hub_search` (then French stemming) for searching and `hub_autocomplete` (no stemming, since
prefixes of stems make no sense) for suggestions as you type.
"""

from django.db import connection

from wagtail.search.backends.database import SearchBackend as database_backend

SEARCH_CONFIG = "hub_search"
AUTOCOMPLETE_CONFIG = "hub_autocomplete"


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    backend = database_backend(params)
    if connection.vendor == "postgresql":
        backend.config = params.get("SEARCH_CONFIG", SEARCH_CONFIG)
        # Wagtail hard-codes "simple" for autocomplete; keep it unstemmed but accent-insensitive.
        backend.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", AUTOCOMPLETE_CONFIG)
    return backend
