"""Production settings, checked from the outside: in a fresh interpreter, as a server would start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "hub.settings.production",
    "SECRET_KEY": "q8Zr3vN1xKp0Wm7TfLc2Yh5Bj9Ds4Ga6Ue1Io8Pl3Rk7Nw0Sv5Xb2Mz9Qt4Hy6",
    "ALLOWED_HOSTS": "hub.pays-de-mormal.fr",
    "CSRF_TRUSTED_ORIGINS": "https://hub.pays-de-mormal.fr",
    "WAGTAILADMIN_BASE_URL": "https://hub.pays-de-mormal.fr",
    "EMAIL_HOST": "smtp.pays-de-mormal.fr",
    "DEFAULT_FROM_EMAIL": "hub@pays-de-mormal.fr",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def manage(*args, env):
    # A bare environment, as on a server: nothing the test run itself set (DEBUG, the browser
    # tests' DJANGO_ALLOW_ASYNC_UNSAFE, a DATABASE_URL) leaks in.
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")
    clean = {key: value for key, value in os.environ.items() if key in keep}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_secret_key_or_hosts(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production." in result.stderr


def test_check_deploy_is_clean_in_a_realistic_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_serves_over_https_only():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.strip().splitlines()[-1].split() == ["False", "True", "True", "True", "31536000"]


def test_past_one_server_media_sessions_and_cache_are_shared():
    """With a bucket and Redis named, nothing a visitor or an editor needs is on one server's disk
    or in one process's memory."""
    env = {
        **PRODUCTION_ENV,
        "AWS_STORAGE_BUCKET_NAME": "hub-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
        "AWS_S3_REGION_NAME": "fr-par",
    }
    code = (
        "from django.conf import settings as s;"
        "print(s.STORAGES['default']['BACKEND'], s.SESSION_ENGINE, s.CACHES['default']['BACKEND'],"
        " s.CACHES['pages']['BACKEND'], s.WAGTAILDOCS_SERVE_METHOD, s.AWS_QUERYSTRING_AUTH)"
    )
    result = manage("shell", "-c", code, env=env)
    assert result.stdout.strip().splitlines()[-1].split() == [
        "storages.backends.s3.S3Storage",
        "django.contrib.sessions.backends.cached_db",
        "django.core.cache.backends.redis.RedisCache",
        "django.core.cache.backends.redis.RedisCache",
        "serve_view",
        "False",
    ]
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr + result.stdout
