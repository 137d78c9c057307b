"""The whole demo served on a host, port and scheme no Site record names (behind a proxy, on
``make run``'s port): no address it gives points back at a Site record's origin.

The hub's own hosts are the Site hostnames, ``localhost`` and ``testserver``; an absolute address
on one of them must have the origin the visitor used (the other territories: their hostname with
the public scheme and port of ``WAGTAILADMIN_BASE_URL``). Addresses on any other host are real
external links (OpenStreetMap, licences, social networks, merchants' websites) and are left alone.
"""

from collections import Counter
from urllib.parse import urlsplit

import pytest

from django.core.cache import cache
from django.db import transaction

from wagtail.models import Site

from events.models import EventIndexPage
from home.models import CommuneIndexPage
from tests.address_audit import addresses, elements, own_path
from tests.demo_snapshot import load_demo

PORT = 8765
PUBLIC_HOST = "hub.example.test"
PUBLIC_ORIGIN = f"https://{PUBLIC_HOST}:{PORT}"
# Addresses with a query string are followed a few times per path: enough for ?lang=, ?commune=
# and a filter, without walking every combination of the agenda's filters.
QUERIES_PER_PATH = 3
NOT_CRAWLED = ("/admin/", "/documents/", "/media/", "/static/", "/api/")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The four demo territories with their strategies, loaded once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo("--all")
        yield {site.pk: site.hostname for site in Site.objects.all()}
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def public(settings, demo):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC_ORIGIN
    settings.ALLOWED_HOSTS = ["*"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return demo


def served_host(hostname):
    """The host a visitor uses for a Site: the default site behind its public name."""
    default = Site.objects.get(is_default_site=True).hostname
    return f"{PUBLIC_HOST if hostname == default else hostname}:{PORT}"


def expected_origin(hostname, own_hosts, requested_host):
    """The origin an address on one of the hub's hosts must have, or None for an external host."""
    if hostname == PUBLIC_HOST or hostname in ("localhost", "testserver", requested_host.split(":")[0]):
        return f"https://{requested_host}" if hostname != PUBLIC_HOST else PUBLIC_ORIGIN
    if hostname in own_hosts:
        return f"https://{hostname}:{PORT}"
    return None


def wrong_origin(address, own_hosts, requested_host):
    parts = urlsplit(address.strip())
    if not parts.netloc or parts.scheme not in ("", "http", "https", "webcal"):
        return False
    expected = expected_origin(parts.hostname, own_hosts, requested_host)
    if expected is None:
        return False
    scheme = "https" if parts.scheme in ("", "webcal") else parts.scheme
    return f"{scheme}://{parts.netloc}" != expected


def crawl(client, host, seeds, own_hosts, limit=2500):
    """GET every page reachable from ``seeds`` on ``host``: ``(visited, findings, broken)``."""
    findings, broken, visited = [], [], set()
    queries = Counter()
    queue = list(seeds)
    while queue and len(visited) < limit:
        path = queue.pop()
        if path in visited:
            continue
        visited.add(path)
        response = client.get(path, HTTP_HOST=host, secure=True)
        if response.status_code in (301, 302, 303, 307, 308):
            location = response["Location"]
            if wrong_origin(location, own_hosts, host):
                findings.append((path, "Location", location))
            queue.append(own_path(location, host) or path)
            continue
        if response.status_code != 200:
            broken.append((path, response.status_code))
            continue
        if getattr(response, "streaming", False):
            continue
        found, links = addresses(response.get("Content-Type", ""), response.content.decode("utf-8", "replace"))
        findings += [(path, where, value) for where, value in found if wrong_origin(value, own_hosts, host)]
        for link in links:
            target = own_path(link, host, base=path)
            if target is None or target in visited or target.startswith(NOT_CRAWLED):
                continue
            bare, _, query = target.partition("?")
            if query:
                if queries[bare] >= QUERIES_PER_PATH:
                    continue
                queries[bare] += 1
            queue.append(target)
    return visited, findings, broken


def seeds_for(hostname):
    seeds = ["/", "/sitemap.xml", "/robots.txt", "/fr/", "/en/"]
    if hostname == Site.objects.get(is_default_site=True).hostname:
        for agenda in EventIndexPage.objects.live():
            path = agenda.get_url_parts()[2]
            seeds += [path + agenda.reverse_subpage(name) for name in ("propose", "screen", "embed")]
            seeds.append(path + agenda.reverse_subpage("embed") + "?commune=le-quesnoy")
        seeds += [
            "/fr/search/?q=randonnée",
            "/en/search/?q=market",
            "/feeds/fr/events.ics",
            "/feeds/en/events.rss",
        ]
    return seeds


@pytest.mark.django_db
def test_no_address_points_at_a_site_record_origin(client, public):
    own_hosts = set(public.values()) | {"localhost", "testserver"}
    report, kinds, total, broken_links = [], Counter(), 0, []
    for hostname in sorted(set(public.values())):
        host = served_host(hostname)
        visited, findings, broken = crawl(client, host, seeds_for(hostname), own_hosts)
        total += len(visited)
        report += [f"{host}{path} {where}: {value}" for path, where, value in findings]
        kinds.update(where for _path, where, _value in findings)
        broken_links += [f"{host}{path}: {status}" for path, status in broken]
    assert total > 300, total
    pages = len({line.split(" ")[0] for line in report})
    summary = f"{len(report)} addresses on {pages} of {total} responses point elsewhere ({dict(kinds)})"
    assert not report, summary + ":\n" + "\n".join(report[:200])
    assert not broken_links, "\n".join(broken_links)


def default_site_page(model, language):
    """The live page of ``model`` in ``language`` on the default site (the demo's four
    territories each have their own)."""
    home = Site.objects.get(is_default_site=True).root_page
    homes = home.get_translations(inclusive=True).filter(locale__language_code=language)
    return model.objects.live().get(locale__language_code=language, path__startswith=homes.get().path)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "heading"), [("fr", "Agenda — Le Quesnoy"), ("en", "What's on in Le Quesnoy")])
def test_a_commune_embed_code_is_https_on_the_host_asked_and_names_the_commune(client, public, language, heading):
    communes = default_site_page(CommuneIndexPage, language)
    path = communes.get_url_parts()[2] + communes.reverse_subpage("commune_route", args=["le-quesnoy"])
    html = client.get(path, HTTP_HOST=served_host("localhost"), secure=True).content.decode()
    (code,) = [text for attrs, text in elements(html, "textarea") if attrs.get("id") == "commune-embed"]
    ((iframe, _text),) = elements(code, "iframe")
    agenda = default_site_page(EventIndexPage, language)
    embed_path = agenda.get_url_parts()[2] + agenda.reverse_subpage("embed")
    assert iframe["src"] == f"{PUBLIC_ORIGIN}{embed_path}?commune=le-quesnoy"
    assert "Le Quesnoy" in iframe["title"]

    embed = client.get(iframe["src"].removeprefix(PUBLIC_ORIGIN), HTTP_HOST=served_host("localhost"), secure=True)
    assert embed.status_code == 200
    html = embed.content.decode()
    assert [text for _attrs, text in elements(html, "h1")] == [heading]
    links = [attrs["href"] for attrs, _text in elements(html, "a") if attrs.get("target") == "_top"]
    assert len(links) > 1  # the commune's events and the full agenda
    assert all(link.startswith(PUBLIC_ORIGIN + "/") for link in links), links


@pytest.mark.django_db
def test_the_agenda_embed_code_names_the_commune_it_is_filtered_on(client, public):
    agenda = default_site_page(EventIndexPage, "en")
    path = agenda.get_url_parts()[2] + "?commune=le-quesnoy"
    html = client.get(path, HTTP_HOST=served_host("localhost"), secure=True).content.decode()
    (code,) = [text for attrs, text in elements(html, "textarea") if attrs.get("id") == "embed-code"]
    ((iframe, _text),) = elements(code, "iframe")
    assert iframe["src"].startswith(f"{PUBLIC_ORIGIN}/en/")
    assert iframe["title"] == "Agenda of Le Quesnoy"


@pytest.mark.django_db
def test_a_robot_filling_the_hidden_field_is_sent_to_a_path(client, public, fresh_cache):
    agenda = default_site_page(EventIndexPage, "fr")
    path = agenda.get_url_parts()[2]
    response = client.post(
        path + agenda.reverse_subpage("propose"), {"homepage": "x"}, HTTP_HOST=served_host("localhost"), secure=True
    )
    assert response.status_code == 302
    assert response["Location"] == path + agenda.reverse_subpage("proposal_sent")
