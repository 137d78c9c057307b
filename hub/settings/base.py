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
    "news",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
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
    # Outside everything that writes the body or its headers: it compresses the final answer.
    "home.middleware.CompressDataMiddleware",
    # Before the session: an anonymous visitor's page comes from the page cache without a
    # session, a language lookup or a query (home/page_cache.py).
    "home.middleware.PageCacheMiddleware",
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
            # Template tags that live in a room of their own rather than in an app's templatetags/.
            "libraries": {"strategy_tags": "home.strategy.template_tags"},
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
    # random_page_cost 1.1 rather than 4 (a spinning disk's): the site's tables are read from
    # memory or SSD. With 4, a search for a word found on 40 % of the pages read the whole
    # search index (a sequential scan, `title || body` computed for each of 20,066 entries,
    # 75 ms) rather than its GIN index (a bitmap scan, 22 ms): the planner's two estimates were
    # within 10 % of each other (issue 16, bench/README.md "Search bench").
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off -c random_page_cost=1.1")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    # Shared by every server process: rate limits, feed bodies, sessions and the page cache are
    # the same whichever process or machine answers.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "hub"),
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "hub") + "-pages",
        },
    }
    # Signed-in editors' sessions in Redis, written through to the database: any server answers
    # them, and a Redis restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        # Room for the feeds' per-event fragments (events/feeds/cache.py): one entry per event
        # and language (locmem's default is 300 entries, then it evicts a third at random).
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20000}},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }

# The page cache (home/page_cache.py): anonymous visitors' GET and HEAD answers kept in the
# "pages" cache and served before any view runs, purged whenever something public changes.
HUB_PAGE_CACHE = env_bool("PAGE_CACHE", True)
# How long an answer is kept (and shared caches may keep it): the longest an "open now" badge or
# an event that has just ended may lag. Purges make edits show at once; the Paris date in every
# key turns the date-based listings over at midnight.
HUB_PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# How long a browser keeps a public page (Cache-Control max-age): browsers cannot be purged.
HUB_PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
HUB_PAGE_CACHE_MAX_BYTES = 2 * 1024 * 1024
# Never served from nor stored in the page cache: the admin, documents (private collections are
# checked by their view), media and static files.
HUB_PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/django-admin/", "/media/", "/static/"]
# Models whose saves do not purge the page cache: written while the public site serves a GET or
# a proposal (search terms, submissions), or rebuilt from a page when it is published (the
# occurrences, the opening-hours rows), which purges already.
HUB_PAGE_CACHE_IGNORED_MODELS = [
    "search.SearchTerm",
    "events.Submission",
    "events.Occurrence",
    "commerce.HoursPeriod",
    "commerce.HoursSlot",
    "tourism.PlaceHoursPeriod",
    "tourism.PlaceHoursSlot",
    # An imported calendar's run report and its UID map: what an import changes on the site is
    # a published page, which purges already.
    "events.CalendarFeed",
    "events.ImportedEvent",
]
# A CDN or a Varnish in front of the site, purged when a page is published or unpublished
# (wagtail.contrib.frontend_cache): FRONTEND_CACHE_PURGE_URL for Varnish or any proxy that
# accepts PURGE requests, or CLOUDFLARE_API_TOKEN and CLOUDFLARE_ZONE_ID. Off when unset.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_API_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
    }

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
# Uploaded images and documents on S3-compatible object storage (django-storages) when a bucket
# is named, so that several app servers share them: nothing is kept on a server's disk. The
# credentials are read by boto3 from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")  # another provider than AWS (or MinIO, Garage)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")  # the bucket's public domain, or a CDN's
    # Images are public: plain addresses, which browsers and the page cache can keep (signed
    # ones expire). The bucket makes images/ and original_images/ public and nothing else.
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    # Documents go through Wagtail's view, which checks private collections, never by a direct
    # address in the bucket.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

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
    # Associations' calendars fetched right after they are registered (`db_worker --backend
    # ingest`); a slow calendar server never holds up the e-mails. The periodic run is
    # `manage.py ingest_calendars` (cron), which needs no worker.
    "ingest": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# Associations' own calendars (events.contributions.ingest): how long one fetch may take in all,
# the largest calendar read, the hours between two fetches of one calendar, and the occurrences
# at most copied from a series the agenda's recurrence cannot express.
HUB_INGEST_TIMEOUT_SECONDS = env_int("HUB_INGEST_TIMEOUT_SECONDS", 15)
HUB_INGEST_MAX_BYTES = env_int("HUB_INGEST_MAX_BYTES", 2 * 1024 * 1024)
HUB_INGEST_INTERVAL_HOURS = env_int("HUB_INGEST_INTERVAL_HOURS", 6)
HUB_INGEST_MAX_OCCURRENCES = env_int("HUB_INGEST_MAX_OCCURRENCES", 60)
# Hosts or networks (CIDR) a calendar may be fetched from although they are private, loopback or
# link-local: none in production; the tests serve calendars from 127.0.0.1.
HUB_INGEST_ALLOWED_NETWORKS = env_list("HUB_INGEST_ALLOWED_NETWORKS", [])
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
        # The service worker (/sw.js) that keeps opened pages readable offline.
        "worker-src": [SELF],
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
