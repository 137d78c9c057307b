"""Browser tests: Debian's Chromium driven by Playwright against a live server with the demo."""

import os
import shutil
from contextlib import contextmanager

import pytest

from django.core.management import call_command

from tests.demo_snapshot import load_demo

# Playwright's sync API runs an event loop in this thread; the test's own database calls are
# still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_BIN") or shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is missing: run scripts/system-deps --browser (make test does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_server(live_server):
    """The live server with the demo content, committed so the server thread sees it."""
    load_demo("--without-strategy")
    return live_server


@contextmanager
def _served_demo(django_db_blocker, *options):
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        load_demo(*options)
        server = LiveServer("localhost")
        yield server
        server.stop()
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def demo_to_read(django_db_setup, django_db_blocker):
    """The demo loaded once for a module whose tests only read it (once per test worker that
    runs some of them), on a live server of its own.

    ``demo_server`` puts the demo back for every test (a transactional test empties the
    database after itself; see ``tests/demo_snapshot.py``). Tests that change nothing share one
    copy instead and one live server. They carry no ``django_db`` mark, so they run after the
    transactional tests, and the database is emptied after the module as a transactional test
    would leave it.
    """
    with _served_demo(django_db_blocker, "--without-strategy") as server:
        yield server


@pytest.fixture(scope="module")
def full_demo_to_read(django_db_setup, django_db_blocker):
    """``demo_to_read`` with the digital strategy too (its documents and action pages)."""
    with _served_demo(django_db_blocker) as server:
        yield server


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()
