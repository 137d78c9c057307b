"""Tests: fast and hermetic. The database comes from DATABASE_URL (SQLite file by default)."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 (tests only)
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
CACHES = {
    # Room for the feeds' per-event fragments (events/feeds/cache.py) of a thousand events.
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20000}},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Off: many tests change rows with the ORM (no publish signal) and request the page again. The
# page cache's own tests turn it on (tests/test_page_cache.py).
HUB_PAGE_CACHE = False
MEDIA_ROOT = tempfile.mkdtemp(prefix="hub-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, in the test's process; the tests of the queue itself (tests/test_mail.py)
# switch to the database backend.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "ingest": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}

# No collected static files outside production: WhiteNoise serves them from the finders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# The search index is not updated as pages are saved, except in the tests that search (the
# `search_index` fixture): on PostgreSQL the database backend recomputes title norms over the
# whole index at every save, which makes building hundreds of pages quadratic.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", "AUTO_UPDATE": False}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: SQLite's shared cache locks whole tables
    # and ignores the busy timeout, so concurrent requests (the concurrency and browser tests)
    # would fail instead of waiting their turn. One file per test process; nothing is synced to
    # disk, since the file is thrown away.
    import os

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"hub-test-{os.getpid()}.sqlite3")
    }
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous = OFF"  # noqa: F405
