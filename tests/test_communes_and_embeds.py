import pytest

from home.models import Commune, CommuneIndexPage
from tests.builders import publish, translate
from tests.event_builders import add_event, agenda
from tests.test_agenda import soon

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory(site):
    bavay = Commune.objects.create(
        insee_code="59053",
        name="Bavay",
        slug="bavay",
        postcode="59570",
        population=3249,
        population_year=2023,
        site=site.site,
    )
    Commune.objects.create(insee_code="59481", name="Le Quesnoy", slug="le-quesnoy", postcode="59530", site=site.site)
    index = CommuneIndexPage(title="Les communes", slug="communes", locale=site.home.locale)
    site.home.add_child(instance=index)
    publish(index)
    translate(index, site.home_en.locale, title="Communes", slug="communes")
    events = agenda(site)
    repair = add_event(events, "Repair café de Bavay", soon(3), soon(3, 17), commune=bavay)
    translate(repair, site.home_en.locale, title="Bavay repair café", slug="bavay-repair-cafe")
    add_event(events, "Marché du Quesnoy", soon(4, 8), soon(4, 12))
    return site


def test_every_commune_has_its_page_listed_in_both_languages(client, territory):
    french = client.get("/fr/communes/").content.decode()
    english = client.get("/en/communes/").content.decode()
    assert 'href="/fr/communes/bavay/"' in french and 'href="/fr/communes/le-quesnoy/"' in french
    assert "3 249 habitants" in french.replace("\u202f", " ").replace("\xa0", " ")
    assert 'href="/en/communes/bavay/"' in english and "3,249 inhabitants" in english


def test_commune_page_shows_its_events_feed_and_embed_code(client, territory):
    html = client.get("/fr/communes/bavay/").content.decode()
    assert "<h1>Bavay</h1>" in html
    assert "Repair café de Bavay" in html and "Marché du Quesnoy" not in html
    assert "http://testserver/feeds/fr/communes/bavay.ics" in html
    assert "webcal://testserver/feeds/fr/communes/bavay.ics" in html
    assert '&lt;iframe src="http://testserver/fr/agenda/embed/?commune=bavay"' in html
    assert client.get("/fr/communes/nulle-part/").status_code == 404


def test_embed_has_no_site_chrome_and_may_be_framed(client, territory):
    for url, lang in (("/fr/agenda/embed/?commune=bavay", "fr"), ("/en/whats-on/embed/", "en")):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert f'<html lang="{lang}"' in html and "site-header" not in html
        assert "X-Frame-Options" not in response
        assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "Marché du Quesnoy" not in client.get("/fr/agenda/embed/?commune=bavay").content.decode()
    assert client.get("/fr/agenda/")["X-Frame-Options"] == "DENY"


def test_screen_view_reloads_itself_in_both_languages(client, territory):
    for url, lang, title in (
        ("/fr/agenda/ecran/", "fr", "Repair café de Bavay"),
        ("/en/whats-on/screen/", "en", "Bavay repair café"),
    ):
        html = client.get(url).content.decode()
        assert f'<html lang="{lang}"' in html
        assert 'data-screen-reload="600"' in html and "js/screen.js" in html
        assert title in html
