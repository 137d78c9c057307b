"""A tourist is fully served in English (L10N-05): every public page of the demo under /en/ is
English, or says honestly which part is French; a French-only territory never serves French as
if it were English.

The demo (the Pays de Mormal, bilingual, and the Sud Avesnois, French-only) is loaded once.
"""

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from django.core.cache import cache
from django.db import transaction

from wagtail.models import Page, Site

from home.models import Commune
from tests.demo_snapshot import load_demo
from tests.french_text import findings, glossary_names

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo("--territory", "pays-de-mormal", "--territory", "sud-avesnois")
        yield
        transaction.set_rollback(True)
    cache.clear()


def proper_names():
    """Names that stay French in English: the communes and the glossary's list."""
    return glossary_names() | set(Commune.objects.values_list("name", flat=True))


def test_the_french_detector_sees_french_and_lets_english_and_marked_french_pass():
    french = "<p>Horaires : du lundi au vendredi, 0,5 ETP et 52 K€ pour la médiathèque</p><p>Le trajet dure 1 h 55</p>"
    kinds = {kind for kind, _ in findings(french)}
    assert {"French words", "space before punctuation", "French number format (decimal comma)"} <= kinds
    assert "French number format (K€ or M€)" in kinds and "French number format (duration in h)" in kinds
    english = "<p>Opening hours: Monday to Friday, 48,048 residents, €1,234.56, 1 hr 55 min.</p>"
    assert findings(english) == []
    marked = '<p>The <span lang="fr">Médiathèque de Bavay, ouverte le mardi</span> is open: see its site.</p>'
    assert findings(marked) == []
    assert findings("<p>Welcome to Le Quesnoy</p>", names={"Le Quesnoy"}) == []


def test_every_english_page_is_in_english(client, demo):
    names = proper_names()
    # Only the Pays de Mormal has English pages.
    pages = Page.objects.live().public().filter(locale__language_code="en", depth__gt=1)
    crawled, by_type, examples = Counter(), Counter(), []
    for page in pages.specific():
        response = client.get(page.get_url())
        assert response.status_code == 200, page.url
        crawled[type(page).__name__] += 1
        for kind, text in findings(response.content.decode(), names):
            by_type[type(page).__name__] += 1
            examples.append(f"{page.url} [{kind}] {text[:100]}")
    # Every public page type of the demo is walked.
    assert {"HomePage", "StandardPage", "EventIndexPage", "EventPage", "PlaceIndexPage", "PlacePage"} <= set(crawled)
    assert {"TrailPage", "MerchantIndexPage", "MerchantPage", "StrategyPage", "ActionPage"} <= set(crawled)
    assert not examples, f"{len(examples)} French findings by page type {dict(by_type)}:\n" + "\n".join(examples[:80])


def test_an_english_address_on_a_french_only_territory_is_honest(client, demo):
    """The Sud Avesnois is French-only: under /en/ its pages are the French pages marked as
    French at their own address, and an unknown English address is a 404 linking to French."""
    site = Site.objects.exclude(is_default_site=True).get()
    host = site.hostname
    french_pages = Page.objects.live().descendant_of(site.root_page, inclusive=True).filter(depth__gt=1)
    assert not french_pages.exclude(locale__language_code="fr").exists()
    for page in french_pages[:10]:
        path = page.get_url_parts()[2]
        english_path = re.sub(r"^/fr/", "/en/", path)
        response = client.get(english_path, HTTP_HOST=host, follow=True)
        assert response.status_code == 200, english_path
        assert response.redirect_chain[-1][0] == path
        assert '<html lang="fr"' in response.content.decode()

    missing = client.get("/en/open-data/", HTTP_HOST=host)
    assert missing.status_code == 404
    soup = BeautifulSoup(missing.content, "html.parser")
    # The language switcher and the page's own French sentence both lead to the French home page.
    links = soup.find_all("a", hreflang="fr")
    assert len(links) == 2 and {link["href"] for link in links} == {"/fr/"}
    assert all(link.get("lang") == "fr" or link.find_parent(lang="fr") for link in links)
