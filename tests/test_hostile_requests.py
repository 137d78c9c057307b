"""Hostile traffic gets a clear answer and nothing else: every public address of the demo, sent a
table of hostile values in every query parameter the views read, answers below 500.

The addresses come from the URLconf itself (``get_resolver()`` walked recursively; a new public
route without a sample below fails the test) and from the demo's page tree: a few live pages of
each type in both languages and every routable subpage (agenda embed, screen, proposal form, GeoJSON, GPX,
strategy exports, commune pages). The sweep runs in a few parts, each on the demo with real
transactions, so that a failed query on PostgreSQL does not hide the requests after it.

The public form takes hostile posts too: each comes back with its message in the visitor's
language beside the field, and what was typed.
"""

import io
from urllib.parse import quote

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from events.models import EventCategory, EventPage
from home.models import Commune, Organisation
from home.opendata.datasets import datasets
from tests.demo_snapshot import load_demo

# Raw query-string fragments, already percent-encoded where needed: `%ff` and a UTF-8-encoded
# surrogate are not UTF-8, so they are written as the bytes a client would send.
HOSTILE = {
    "nul": "%00",
    "nul-inside": "a%00b",
    "quote": quote("'"),
    "double-quote": quote('"'),
    "sql": quote("' OR 1=1 --"),
    "tsquery": quote("!&|():* <->"),
    "like-wildcards": quote("%_\\"),
    "long": "x" * 5000,
    "path": quote("../../../etc/passwd"),
    "non-utf8": "%ff%fe",
    "surrogate": "%ed%a0%80",
    "huge-int": "99999999999999999999999",
    "negative": "-1",
    "huge-negative": "-99999999999999999999999",
    "float": "1e309",
    "year-9999": "9999-12-31",
    "year-0": "0000-01-01",
    "year-10000": "10000-01-01",
    "impossible-day": "2026-02-30",
    "json": quote('{"a": [1, '),
    "rtl": quote("\u202egpj.exe"),
    "html": quote("<script>alert(1)</script>"),
    "emoji": quote("😀"),
    "blank": quote("   "),
}

# Every address gets these, in every name at once; one address of each kind gets all of them.
QUICK = ("nul", "sql", "huge-int", "non-utf8", "year-9999")

# The values each name of a representative address gets alone: those a parser of one type could
# choke on (NUL is refused before any view, whatever the name).
ALONE = (
    "quote", "sql", "tsquery", "long", "non-utf8", "huge-int", "huge-negative", "float",
    "year-9999", "year-0", "impossible-day", "json",
)  # fmt: skip

# Every name the public views read (grep request.GET, AgendaFilters, the directories' filters,
# the open-data filters, search, and Wagtail's API parameters).
AGENDA = ["commune", "category", "organiser", "audience", "when", "free", "q", "from", "to", "past", "page"]
PLACES = ["kind", "commune", "tag", "access", "open", "q", "page"]
MERCHANTS = ["category", "commune", "product", "label", "service", "open", "q", "page"]
STRATEGY = ["theme", "status", "tag", "commune", "page"]
SEARCH = ["q", "type", "commune", "page"]
API_PAGES = [
    "type",
    "fields",
    "limit",
    "offset",
    "order",
    "search",
    "search_operator",
    "locale",
    "translation_of",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "site",
    "slug",
    "title",
    "id",
    "html_path",
    "show_in_menus",
]
API_COMMUNES = ["fields", "limit", "offset", "order", "id", "name"]
OPEN_DATA = ["lang", "from", "to", "commune"]
FEEDS = AGENDA
EVERY_NAME = sorted(set(AGENDA + PLACES + MERCHANTS + STRATEGY + SEARCH + API_PAGES + OPEN_DATA + ["ref", "role"]))


def query(names, value):
    return "&".join(f"{name}={value}" for name in names)


def public_patterns(patterns=None, prefix=""):
    """(route, name) of every URL pattern outside the admin, recursively."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not route.startswith("admin/"):
                yield from public_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.name


def route_samples():
    """Addresses for every public URL pattern, with the hostile path values where it takes one."""
    commune = Commune.objects.order_by("pk").first()
    category = EventCategory.objects.filter(locale__language_code="fr").order_by("pk").first()
    organiser = Organisation.objects.filter(locale__language_code="fr").order_by("pk").first()
    event = EventPage.objects.live().order_by("pk").first()
    huge = HOSTILE["huge-int"]
    samples = {
        "documents/^(\\d+)/(.*)$": ["/documents/1/x.pdf", f"/documents/{huge}/x.pdf"],
        "documents/authenticate_with_password/<int:restriction_id>/": [
            "/documents/authenticate_with_password/1/",
            f"/documents/authenticate_with_password/{huge}/",
        ],
        "feeds/": ["/feeds/", "/feeds/%00", "/feeds/fr/events.xml"],
        "open-data/": ["/open-data/", "/open-data/%00.csv"],
        "admin/password_reset/": ["/admin/password_reset/"],
        "sitemap.xml": ["/sitemap.xml"],
        "robots.txt": ["/robots.txt"],
        "": ["/"],
        "fr/search/": ["/fr/search/", "/en/search/"],
        "fr/search/suggest/": ["/fr/search/suggest/", "/en/search/suggest/"],
        "fr/_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": [
            f"/fr/_util/authenticate_with_password/1/{event.pk}/",
            f"/fr/_util/authenticate_with_password/{huge}/{huge}/",
        ],
        "fr/_util/login/": ["/fr/_util/login/"],
        "fr/^((?:[\\w\\-]+/)*)$": ["/fr/%00/", "/fr/nope/", "/en/nope/"],  # the live pages come below
        "api/v2/^pages/": ["/api/v2/pages/"],
        "api/v2/^pages/<int:pk>/": [f"/api/v2/pages/{event.pk}/", f"/api/v2/pages/{huge}/"],
        "api/v2/^pages/find/": ["/api/v2/pages/find/"],
        "api/v2/^communes/": ["/api/v2/communes/"],
        "api/v2/^communes/<int:pk>/": [f"/api/v2/communes/{commune.pk}/", f"/api/v2/communes/{huge}/"],
        "api/v2/^communes/find/": ["/api/v2/communes/find/"],
        "open-data/<slug:slug>.<str:fmt>": [
            f"/open-data/{dataset.slug}.{fmt}" for dataset in datasets() for fmt in dataset.formats
        ]
        + ["/open-data/events.%00"],
    }
    for fmt in ("ics", "rss"):
        for lang in ("fr", "en"):
            samples.setdefault(f"feeds/<str:lang>/events.{fmt}", []).append(f"/feeds/{lang}/events.{fmt}")
        samples[f"feeds/<str:lang>/communes/<slug:slug>.{fmt}"] = [f"/feeds/fr/communes/{commune.slug}.{fmt}"]
        samples[f"feeds/<str:lang>/categories/<slug:slug>.{fmt}"] = [f"/feeds/fr/categories/{category.slug}.{fmt}"]
        samples[f"feeds/<str:lang>/organisers/<slug:slug>.{fmt}"] = [f"/feeds/fr/organisers/{organiser.slug}.{fmt}"]
        samples[f"feeds/<str:lang>/events/<int:slug>.{fmt}"] = [
            f"/feeds/fr/events/{event.pk}.{fmt}",
            f"/feeds/fr/events/{huge}.{fmt}",
            f"/feeds/%00/events.{fmt}",
        ]
    for fmt in ("rss", "atom"):
        samples[f"feeds/<str:lang>/news.{fmt}"] = [
            f"/feeds/fr/news.{fmt}",
            f"/feeds/en/news.{fmt}",
            f"/feeds/%00/news.{fmt}",
        ]
    samples["sw.js"] = ["/sw.js"]
    with translation.override("fr"):  # the language prefix of i18n_patterns reads the active one
        missing = [route for route, _name in public_patterns() if route not in samples]
    assert not missing, f"public URL patterns without a sample address here: {missing}"
    return samples


def page_addresses():
    """``{address: kind}`` for every live page in every language and each of its routable
    subpages; the kind (page type and route) picks one address of each for the longer sweep."""
    commune = Commune.objects.order_by("pk").first()
    addresses = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        url = page.get_url()
        addresses[url] = (type(page).__name__, "")
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                route = str(pattern.pattern)
                if route:
                    addresses[url + route.replace("<slug:slug>", commune.slug)] = (type(page).__name__, route)
    return addresses


# Pages of one kind run the same view with other data: a few of each are enough (every live page
# is already fetched by the demo and address tests), and the sweep stays minutes, not a quarter hour.
PAGES_PER_KIND = 3


def sampled(addresses):
    """At most ``PAGES_PER_KIND`` addresses of each kind (page type and route), in tree order."""
    kept, seen = {}, {}
    for address, kind in addresses.items():
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= PAGES_PER_KIND:
            kept[address] = kind
    return kept


PAGE_NAMES = {
    "EventIndexPage": AGENDA + ["ref"],
    "CommuneIndexPage": AGENDA,
    "PlaceIndexPage": PLACES,
    "MerchantIndexPage": MERCHANTS,
    "StrategyPage": STRATEGY,
    "StrategyIndexPage": STRATEGY,
}


def reads(address, kind):
    """The parameter names the view at this address reads, for the one-name-at-a-time requests."""
    if kind:
        return PAGE_NAMES.get(kind[0], ["q", "page"])
    if address.startswith("/api/v2/communes/"):
        return API_COMMUNES
    if address.startswith("/api/v2/"):
        return API_PAGES
    if address.startswith("/open-data/"):
        return OPEN_DATA
    if address.startswith("/feeds/"):
        return FEEDS
    if "/search/" in address:
        return SEARCH
    return ["q", "page"]


def send(client, address, query_string):
    response = client.get(f"{address}?{query_string}" if query_string else address)
    return response.status_code


# The sweep is a few thousand requests: split in parts, so that the test processes share it.
PARTS = 4


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("part", range(PARTS), ids=lambda part: f"part {part + 1} of {PARTS}")
def test_no_public_address_answers_500_to_hostile_parameters(part):
    load_demo()
    client = Client(raise_request_exception=False)
    pages = sampled(page_addresses())
    routes = route_samples()
    addresses = [address for samples in routes.values() for address in samples] + list(pages)
    # One address of each URL pattern and of each kind of page gets names alone and as arrays (a
    # bad value of one parameter must not hide another's); every address gets all names at once.
    one_of_each = {pattern: samples[0] for pattern, samples in routes.items()}
    for address, kind in pages.items():
        one_of_each.setdefault(kind, address)
    representatives = set(one_of_each.values())
    failures, sent = [], 0
    for address in addresses[part::PARTS]:
        full = address in representatives
        for label, value in HOSTILE.items():
            if not full and label not in QUICK:
                continue
            requests = [query(EVERY_NAME, value)]
            if full and label in ALONE:
                names = reads(address, pages.get(address))
                requests.append(query([f"{name}[]" for name in names], value))
                requests += [query([name], value) for name in names]
            for query_string in requests:
                sent += 1
                status = send(client, address, query_string)
                if status >= 500:
                    failures.append(f"{status} {address}?{query_string[:120]} ({label})")
    print(f"{len(addresses[part::PARTS])} of {len(addresses)} addresses, {len(representatives)} swept in full")
    print(f"{sent} hostile requests, {len(failures)} answered 500")
    assert sent >= len(addresses[part::PARTS]) * len(QUICK)
    assert not failures, f"{len(failures)} of {sent} hostile requests answered 500:\n" + "\n".join(failures)


# -- the proposal form --------------------------------------------------------------------------


def truncated_jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 120, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue()[:2000], content_type="image/jpeg")


FORM_CASES = [
    pytest.param(
        lambda: {"image": truncated_jpeg()},
        "image",
        {"fr": "pas une image lisible", "en": "This file is not an image that can be read"},
        id="truncated JPEG",
    ),
    pytest.param(
        lambda: {"start_date": "9999-12-31", "start_time": "23:00"},
        "start_date",
        {"fr": "Seuls les événements des trois prochaines années", "en": "Only events in the next three years"},
        id="year 9999",
    ),
    pytest.param(
        lambda: {"repeat": "weekly", "repeat_until": "9999-12-31"},
        "repeat_until",
        {"fr": "Seuls les événements des trois prochaines années", "en": "Only events in the next three years"},
        id="repeated until year 9999",
    ),
    pytest.param(
        lambda: {"title": "Repair\x00café"},
        "title",
        {"fr": "Le caractère nul n’est pas autorisé", "en": "Null characters are not allowed"},
        id="NUL in the title",
    ),
    pytest.param(
        lambda: {"description": "On répare\x00 ensemble", "commune": "1\x00"},
        "description",
        {"fr": "Le caractère nul n’est pas autorisé", "en": "Null characters are not allowed"},
        id="NUL in the description and a choice",
    ),
]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("hostile", "field", "message"), FORM_CASES)
def test_hostile_proposals_come_back_with_a_message_and_what_was_typed(
    client, moderated, language, hostile, field, message
):
    data = moderated.data(contact_name="Camille Martin", price="", **hostile())
    response = client.post(moderated.form_url(language), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message[language] in " ".join(form.errors[field]), form.errors[field]
    assert message[language] in response.content.decode()
    # Everything else typed is still in the form.
    assert 'value="Camille Martin"' in response.content.decode()
    assert "camille@example.org" in response.content.decode()
    assert not EventPage.objects.exists()
