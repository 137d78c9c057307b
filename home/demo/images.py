"""The demo's illustrations: drawn by the project (scripts/make_demo_images.py), CC0 1.0, stored
in home/demo/data/images/ and never fetched from elsewhere. Each is put in Wagtail's image
library once (found again by its title) and set as the main image of the first pages of one
page type on every demo site, with its text alternative in French and English.

The page types are named by their label, as data: home imports none of the domain apps.
"""

from pathlib import Path

from django.apps import apps
from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from home.demo.translation import publish_translation
from home.images import Licence, MainImageMixin

FOLDER = Path(__file__).resolve().parent / "data" / "images"
CREDIT = {"fr": "Illustration\u00a0: projet Hub territorial", "en": "Illustration: Hub territorial project"}
PAGES_PER_TYPE = 2

ILLUSTRATIONS = [
    {
        "file": "sentier-foret.jpg",
        "title": "Sentier en forêt",
        "pages": ["tourism.TrailPage"],
        "alt": {
            "fr": "Dessin d'un chemin de terre qui s'enfonce dans une forêt de conifères.",
            "en": "Drawing of a dirt path leading into a conifer forest.",
        },
    },
    {
        "file": "patrimoine.jpg",
        "title": "Patrimoine",
        "pages": ["tourism.PlacePage"],
        "alt": {
            "fr": "Silhouette d'un édifice ancien à tour crénelée, au soleil couchant.",
            "en": "Silhouette of an old building with a crenellated tower, at sunset.",
        },
    },
    {
        "file": "etal-marche.jpg",
        "title": "Étal de marché",
        "pages": ["commerce.MerchantPage"],
        "alt": {
            "fr": "Dessin d'un étal de marché sous un auvent rayé, chargé de fruits et légumes.",
            "en": "Drawing of a market stall under a striped awning, laden with fruit and vegetables.",
        },
    },
    {
        "file": "affiche-agenda.jpg",
        "title": "Agenda",
        "pages": ["events.EventPage"],
        "alt": {
            "fr": "Dessin d'un calendrier mural dont une date est surlignée en jaune.",
            "en": "Drawing of a wall calendar with one date highlighted in yellow.",
        },
    },
    {
        "file": "actualite.jpg",
        "title": "Actualité",
        "pages": ["news.NewsPage"],
        "alt": {
            "fr": "Dessin d'une page de journal avec un titre, une photo de paysage et des colonnes de texte.",
            "en": "Drawing of a newspaper page with a headline, a landscape photo and columns of text.",
        },
    },
    {
        "file": "tiers-lieu.jpg",
        "title": "Tiers-lieu",
        "pages": ["home.ActionPage", "home.StandardPage"],
        "alt": {
            "fr": "Dessin d'une maison de village en brique aux fenêtres éclairées, entre deux arbres.",
            "en": "Drawing of a brick village house with lit windows, between two trees.",
        },
    },
]


def library_image(item):
    """The illustration in the image library, added the first time, and stored again when its
    file is gone (a database kept, the media folder emptied)."""
    model = get_image_model()
    image = model.objects.filter(title=item["title"]).first()
    if image is not None and image.file.storage.exists(image.file.name):
        return image
    image = image or model(title=item["title"])
    with (FOLDER / item["file"]).open("rb") as file:
        image.file = ImageFile(file, name=item["file"])
        image.file_hash = ""
        image.save()
    image.renditions.all().delete()
    return image


def illustrate(loader, page, image, alt):
    """Set the image on a French page and its English translation; tell whether either changed."""
    values = {
        "image_id": image.pk,
        "image_alt": alt["fr"],
        "image_decorative": False,
        "image_credit": CREDIT["fr"],
        "image_licence": Licence.CC0,
    }
    changed = loader.publish(page, values)
    english = page.get_translation_or_none(loader.english)
    if english is None:
        return changed
    english = english.specific
    english.image_alt = alt["en"]
    english.image_credit = CREDIT["en"]
    _, translated = publish_translation(page, loader.english, english, force=changed)
    return changed or translated


def load_images(loader):
    models = {model._meta.label: model for model in apps.get_models() if issubclass(model, MainImageMixin)}
    changed = 0
    for item in ILLUSTRATIONS:
        image = library_image(item)
        for label in item["pages"]:
            for site in loader.sites.values():
                pages = (
                    models[label]
                    .objects.descendant_of(site.root_page)
                    .live()
                    .filter(locale=loader.french)
                    .order_by("path")[:PAGES_PER_TYPE]
                )
                for page in pages:
                    changed += illustrate(loader, page, image, item["alt"])
    loader.say(f"Illustrations: {len(ILLUSTRATIONS)} images, {changed} pages changed")
