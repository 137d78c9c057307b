"""Local development: debug on, a fixed development key, e-mails to the console."""

from .base import *  # noqa: F403
from .env import env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = ["*"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Created by `manage.py load_demo` (so by `make run`); never under other settings.
HUB_DEV_SUPERUSER = ("admin", "admin")

try:
    from .local import *  # noqa: F403
except ImportError:
    pass

# No collected static files outside production: WhiteNoise serves them from the finders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
