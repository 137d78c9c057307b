"""Offline for the countryside (issue 20): once a trail page has been opened, it reloads without
a connection and its GPX file still downloads; map tiles are never kept."""

import pytest

from django.core.signals import request_started

TRAIL = "/fr/decouvrir/tour-des-remparts-du-quesnoy-trace-de-demonstration/"


def eventually(page, script, tries=100):
    """Wait until ``script`` (a function, awaited) is true in the page. Not wait_for_function:
    it evaluates a string, which the site's CSP refuses (no unsafe-eval)."""
    for _try in range(tries):
        if page.evaluate(script):
            return
        page.wait_for_timeout(200)
    pytest.fail(f"never true: {script}")


@pytest.fixture
def served_paths():
    """The paths the live server was asked for (it runs in this process)."""
    paths = []

    def record(sender, environ, **kwargs):
        paths.append(environ["PATH_INFO"])

    request_started.connect(record)
    yield paths
    request_started.disconnect(record)


def test_trail_page_and_its_gpx_work_offline_once_opened(demo_to_read, browser, served_paths):
    context = browser.new_context(locale="fr-FR", accept_downloads=True)
    tiles = []

    def refuse(route):
        tiles.append(route.request.url)
        route.abort()

    # Anything from another server (the map tiles) is refused, as a dead zone would.
    context.route("https://**", refuse)
    page = context.new_page()
    page.goto(demo_to_read.url + TRAIL)
    # The worker installs, takes control, and keeps the GPX file named by the page.
    eventually(page, "() => navigator.serviceWorker.controller !== null")
    eventually(
        page,
        """async () => {
            const names = await caches.keys();
            for (const name of names) {
                const cache = await caches.open(name);
                if ((await cache.keys()).some(request => request.url.endsWith('/gpx/'))) return true;
            }
            return false;
        }""",
    )
    page.reload()  # the page now comes through the worker, which keeps it
    eventually(page, "async () => (await caches.match(location.href)) !== undefined")
    assert page.locator("main h1").is_visible()

    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    context.set_offline(True)
    served_paths.clear()

    response = page.reload()
    assert response.status == 200
    assert response.from_service_worker
    assert page.locator("h1").inner_text().startswith("Tour des remparts")
    assert page.locator(".trail-offline").is_visible()  # says the map background is not kept
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger la trace GPX").click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".gpx")
    with open(download.path(), "rb") as gpx:
        assert b"<gpx" in gpx.read(500)
    # Nothing reached the server while offline: the page and the file came from the cache.
    assert [path for path in served_paths if "remparts" in path] == []
    # Tiles were asked for (online) and none is in the worker's caches.
    kept = page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
            }
            return urls;
        }"""
    )
    assert kept and all(url.startswith(demo_to_read.url) for url in kept)
    context.close()
