"""Settings shared by every environment. Production-safe: DEBUG is off and secrets come from
the environment (see the README's table of environment variables)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from .env import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "events",
    "tourism",
    "commerce",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.LocaleMiddleware",
    "home.middleware.RefuseNullCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "home.middleware.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Before `settings`: reads the page chrome, TerritorySettings included, once.
                "home.chrome.context_processor",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite by default so a first run needs nothing; PostgreSQL with DATABASE_URL=postgres://…
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two visitors proposing an event at the same moment: write transactions take SQLite's lock
    # when they begin and wait for each other, instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the site's queries are small, and on a few thousand rows the planner's
    # cost estimate crosses jit_above_cost, so PostgreSQL spends 50-100 ms compiling a query that
    # runs in one (bench/README.md). Set per connection, the server's configuration is untouched.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "hub"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# django-axes first: it refuses a sign-in while its username and address are locked out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French is the source language, English the translation.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Paris"
LOCALE_PATHS = [BASE_DIR / "locale"]
# A translation created from a live page stays a draft until an editor reviews it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail: SMTP when EMAIL_HOST is set; the console otherwise, so nothing is lost silently.
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Seconds to wait for the mail server before giving up (and trying again later: below). Without
# it, a server that accepts the connection and never answers blocks the sender for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "hub@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (Django's task framework, the django-tasks backport). E-mails go to the "mail"
# backend: queued in the database and sent by `manage.py db_worker --backend mail` (README, "E-mails
# and the task worker"), after the request, so a slow or broken mail server never delays or loses a
# proposal. Wagtail's own small tasks (reference index, search index) keep running at once, as
# before, so a site without a worker still shows what was published.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# A mail the server did not accept is tried again, at most this many times in all, after
# HUB_MAIL_RETRY_SECONDS, then twice as long each time (5, 10, 20, 40 minutes by default); then it
# is listed under Reports › E-mails not sent.
HUB_MAIL_MAX_ATTEMPTS = env_int("HUB_MAIL_MAX_ATTEMPTS", 5)
HUB_MAIL_RETRY_SECONDS = env_int("HUB_MAIL_RETRY_SECONDS", 300)

WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Hub numérique du territoire")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}
# The read-only API (/api/v2/): items per page at most (Wagtail's default is 20).
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt", "gpx"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# ASCII tag slugs: "Dématérialisation" filters as ?tag=dematerialisation.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "link", "document-link", "ol", "ul"]},
    }
}

# Public pages set no cookie: sessions only for signed-in editors, CSRF only on POST forms.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict policy on the public site: no inline script or style, nothing from third parties
# but map tiles. Wagtail's admin is not compatible with a strict policy yet (wagtail#1288).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "https:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Browser features refused to the site's pages and whatever they frame (home.middleware): none of
# its scripts use them ("copy the address" writes to the clipboard, which stays allowed; the map
# has no "locate me"). Values are allow-lists: () for nobody, ("self",) for the site itself.
# Only features browsers know: an unknown one (FLoC's interest-cohort) is a console error.
HUB_PERMISSIONS_POLICY = dict.fromkeys(
    ["accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb"], ()
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Every task and every page action at INFO drowns what matters.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Moderation of the agenda (issue "Contributions"): editing an approved event is reviewed again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_USE_HTML = False
# The agenda and its contributions (events/).
# Occurrences of events are materialised this many days ahead (`manage.py refresh_occurrences`
# rolls the horizon forward).
HUB_OCCURRENCE_HORIZON_DAYS = 550
# The public "propose an event" form (events/contributions/antiabuse.py and proposal_form.py).
HUB_PROPOSAL_MIN_SECONDS = env_int("HUB_PROPOSAL_MIN_SECONDS", 3)
HUB_PROPOSAL_MAX_AGE_SECONDS = 24 * 3600
HUB_PROPOSAL_RATE_PER_HOUR = env_int("HUB_PROPOSAL_RATE_PER_HOUR", 5)
HUB_PROPOSAL_MAX_LINKS = 3
HUB_PROPOSAL_IMAGE_MAX_BYTES = 5 * 1024 * 1024
# Contributors' details are erased this many days after the decision (purge_submissions).
HUB_SUBMISSION_RETENTION_DAYS = env_int("HUB_SUBMISSION_RETENTION_DAYS", 90)
# Development accounts `load_demo` creates: (username, password) of a moderator, and
# (username, password, organisation slug) of an association volunteer. None: no account
# (dev.py sets both).
HUB_DEV_MODERATOR = None
HUB_DEV_ASSOCIATION = None
# The visitor's address (home.throttle.client_ip, for the proposal form's rate limit and
# django-axes): with no proxy, REMOTE_ADDR. Behind TRUSTED_PROXY_HOPS proxies that each append
# to X-Forwarded-For, the address that many places from the right end of that header (the left
# part is written by the client and cannot be trusted).
HUB_TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)
HUB_CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
# Sign-in attempts (django-axes, on the admin's and the site's login forms): after
# AXES_FAILURE_LIMIT wrong passwords for one username from one address, that pair is refused for
# AXES_COOLOFF_MINUTES, counted from the last failure before the lockout (failures during it do
# not extend it). The pair, not the address alone: a colleague behind the same town-hall address
# still signs in; not the username alone: nobody can lock an editor out from elsewhere. Failures
# are stored in the database (the AccessAttempt table), so the count holds across server
# processes and restarts even without Redis, and `manage.py axes_reset` lifts every lockout.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "home.throttle.client_ip"
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# No log of successful sign-ins: nothing on the site shows it (Django's admin is not installed),
# and it would keep every editor's addresses for ever. Failures expire with the cool-off.
AXES_DISABLE_ACCESS_LOG = True
# The admin's password reset form, which axes does not watch: requests per hour per address.
HUB_PASSWORD_RESET_RATE_PER_HOUR = env_int("HUB_PASSWORD_RESET_RATE_PER_HOUR", 5)
# Search wordings are deleted this many days after they were last searched (purge_search_terms).
HUB_SEARCH_TERM_RETENTION_DAYS = env_int("HUB_SEARCH_TERM_RETENTION_DAYS", 365)
# The development sign-in `manage.py load_demo` creates: (username, password) in
# hub/settings/dev.py, none elsewhere.
HUB_DEV_SUPERUSER = None
