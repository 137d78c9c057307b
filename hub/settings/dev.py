"""Local development: debug on, a fixed development key, e-mails to the console."""

import contextlib

from .base import *  # noqa: F403
from .env import env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# No collected static files outside production: WhiteNoise serves them from the finders.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# Created by `manage.py load_demo` (so by `make run`); never under other settings.
HUB_DEV_SUPERUSER = ("admin", "admin")
# Created by `load_demo` too: a moderator, and a volunteer of the Collectif Parasites association.
HUB_DEV_MODERATOR = ("moderatrice", "moderatrice")
HUB_DEV_ASSOCIATION = ("parasites", "parasites", "collectif-parasites")

# An untracked hub/settings/local.py may override anything above.
with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
