"""The main image of a page (home/images.py): a text alternative or an explicit "decorative"
choice, credit and licence under the figure, responsive renditions, and the image in the
JSON-LD and Open Graph tags, on every page type that has one."""

import html
import json

import pytest
from bs4 import BeautifulSoup
from PIL import features

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from home.images import Licence
from home.strategy.models import ActionPage
from tests.admin_forms import form_data
from tests.builders import add_standard_page, publish, sign_in_editor
from tests.open_data_builders import Territory
from tourism.models import TrailPage

pytestmark = pytest.mark.django_db

HOST = "hub.example.org"


@pytest.fixture
def territory(moderated):
    return Territory(moderated)


@pytest.fixture
def picture():
    return get_image_model().objects.create(
        title="Forêt de Mormal", file=get_test_image_file(filename="foret.png", size=(1600, 900))
    )


def add_trail(territory):
    trail = TrailPage(title="Boucle", slug="boucle", locale=territory.tree.home.locale, start_commune=territory.bavay)
    trail.line = {"type": "LineString", "coordinates": [[3.79, 50.29], [3.8, 50.3]]}
    territory.place_index.add_child(instance=trail)
    return publish(trail)


PAGE_TYPES = {
    "event": lambda t: t.repair,
    "place": lambda t: t.forum,
    "trail": add_trail,
    "merchant": lambda t: t.fromagerie,
    "news": lambda t: t.works,
    "action": lambda t: ActionPage.objects.descendant_of(t.document).live().first(),
    "standard": lambda t: add_standard_page(t.tree.home, "À propos", "a-propos", introduction="Le territoire."),
}


def with_image(page, image, **values):
    page = page.specific
    page.image = image
    page.image_alt = "Un chemin sous les hêtres"
    page.image_credit = "Photo : Jeanne Martin"
    page.image_licence = Licence.CC_BY
    for name, value in values.items():
        setattr(page, name, value)
    page.full_clean()
    return publish(page)


def get(client, page):
    response = client.get(page.get_url(), HTTP_HOST=HOST)
    assert response.status_code == 200, response.content[:300]
    return BeautifulSoup(response.content, "html.parser")


def main_figure(soup):
    return soup.select_one("figure.main-image")


def json_ld_images(soup):
    images = []
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        for item in data if isinstance(data, list) else [data]:
            if "image" in item:
                images.append(item["image"])
    return images


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_an_image_set_on_a_page_shows_on_it(client, territory, picture, kind):
    page = with_image(PAGE_TYPES[kind](territory), picture)
    soup = get(client, page)
    figure = main_figure(soup)
    assert figure is not None, kind
    img = figure.find("img")
    assert img["alt"] == "Un chemin sous les hêtres"
    assert img["width"] and img["height"]
    assert img["loading"] == "eager" and img["fetchpriority"] == "high"
    types = {source["type"] for source in figure.find_all("source")}
    assert "image/webp" in types
    if features.check("avif"):
        assert "image/avif" in types
    webp = figure.find("source", type="image/webp")
    assert webp["srcset"].count("w,") >= 2 and webp["sizes"]
    caption = figure.find("figcaption").get_text(" ", strip=True)
    assert "Photo : Jeanne Martin" in caption and "CC BY 4.0" in caption
    assert figure.find("a", rel="license")["href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert any(url.startswith(f"http://{HOST}/") for url in json_ld_images(soup)), kind
    assert soup.find("meta", property="og:image")["content"].startswith(f"http://{HOST}/")


def test_no_figure_without_an_image(client, territory):
    soup = get(client, territory.works)
    assert main_figure(soup) is None
    assert soup.find("meta", property="og:image") is None


def test_alt_text_is_required_unless_decorative(territory, picture):
    news = territory.works.specific
    news.image = picture
    with pytest.raises(ValidationError) as error:
        news.full_clean()
    assert "image_alt" in error.value.message_dict
    news.image_decorative = True
    news.full_clean()


def test_the_image_library_description_is_the_default_alt_text(client, territory, picture):
    picture.description = "La forêt de Mormal en automne"
    picture.save()
    news = with_image(territory.works, picture, image_alt="")
    soup = get(client, news)
    assert main_figure(soup).find("img")["alt"] == "La forêt de Mormal en automne"
    assert soup.find("meta", property="og:image:alt")["content"] == "La forêt de Mormal en automne"


def test_a_decorative_image_has_an_empty_alt(client, territory, picture):
    news = with_image(territory.works, picture, image_alt="", image_decorative=True)
    soup = get(client, news)
    img = main_figure(soup).find("img")
    assert img.has_attr("alt") and img["alt"] == ""
    assert soup.find("meta", property="og:image:alt") is None


def edit_form(client, page, image, language):
    sign_in_editor(client, language)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(url).content.decode(), submit="action-publish")
    data["image"] = [str(image.pk)]
    data["image_alt"] = [""]
    data.pop("image_decorative", None)
    return url, data


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Describe the image for people who cannot see it, or mark it as decorative."),
        ("fr", "Décrivez l'image pour les personnes qui ne la voient pas, ou indiquez qu'elle est décorative."),
    ],
)
def test_publishing_in_the_admin_without_alt_text_is_refused(client, territory, picture, language, message):
    url, data = edit_form(client, territory.works, picture, language)
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert Page.objects.get(pk=territory.works.pk).specific.image_id is None


def test_publishing_in_the_admin_with_alt_text_or_decorative_works(client, territory, picture):
    url, data = edit_form(client, territory.works, picture, "en")
    data["image_alt"] = ["Un chemin sous les hêtres"]
    assert client.post(url, data).status_code == 302
    news = Page.objects.get(pk=territory.works.pk).specific
    assert news.live and news.image_id == picture.pk and news.image_alt == "Un chemin sous les hêtres"
    data["image_alt"] = [""]
    data["image_decorative"] = ["on"]
    assert client.post(url, data).status_code == 302
    assert Page.objects.get(pk=territory.works.pk).specific.image_decorative


def count_queries(client, page):
    client.get(page.get_url(), HTTP_HOST=HOST)  # renditions made, caches warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.get_url(), HTTP_HOST=HOST).status_code == 200
    return len(queries)


def test_an_image_costs_a_fixed_few_queries(client, territory, picture, settings):
    # The page cache would answer from memory: measure the rendering itself.
    settings.HUB_PAGE_CACHE = False
    without = count_queries(client, territory.works)
    with_picture = count_queries(client, with_image(territory.works, picture))
    # The image, its renditions for the picture element (one query for all), the shared one.
    assert with_picture - without <= 3


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_offers_the_image_fields_in_the_admin(client, territory, kind):
    page = PAGE_TYPES[kind](territory)
    sign_in_editor(client, "fr")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    for name in ("image", "image_alt", "image_decorative", "image_credit", "image_licence"):
        assert soup.find(attrs={"name": name}) is not None, (kind, name)
    assert soup.find("label", attrs={"for": "id_image_alt"}).get_text(strip=True).startswith("Texte alternatif")
    assert "Image principale" in response.content.decode()


def test_a_page_whose_image_file_is_missing_is_still_served(client, territory, picture):
    news = with_image(territory.works, picture)
    picture.file.storage.delete(picture.file.name)
    soup = get(client, news)
    assert soup.find("meta", property="og:image") is None
    assert json_ld_images(soup) == []
