"""Demo content of the merchants directory: its categories and labels, the directory page and
the FICTIONAL shops, producers and craftspeople of ``demo_data/merchants-pays-de-mormal.json``,
in French and English.

The businesses are invented for the demo (their names say so, and so does the directory's
introduction); they are placed in real communes of the Pays de Mormal, near the commune's
centre. Phone numbers are in the range ARCEP keeps for fiction (03 53 01 xx xx); links to the
marketplace point at example.org. English versions are real wagtail-localize translations
(``publish_translation``); products (tags) are shared by both languages, as on places.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.utils.text import slugify

from commerce.models import MerchantCategory, MerchantIndexPage, MerchantLabel, MerchantPage
from home.demo.streams import block_id
from home.demo.translation import publish_translation
from home.models import Commune

DATA = Path(__file__).resolve().parent / "demo_data"
MARKETPLACE = "https://comptoir-de-mormal.example.org/boutiques/"

CATEGORIES = [
    ("alimentation", "Commerces alimentaires", "Food shops", "GroceryStore"),
    ("producteurs", "Producteurs", "Producers", "LocalBusiness"),
    ("artisans", "Artisans", "Craftspeople", "LocalBusiness"),
    ("restaurants-cafes", "Restaurants et cafés", "Restaurants and cafés", "FoodEstablishment"),
    ("hebergement", "Hébergement", "Accommodation", "LodgingBusiness"),
    ("services", "Services", "Services", "ProfessionalService"),
    ("sante-beaute", "Santé et beauté", "Health and beauty", "HealthAndBeautyBusiness"),
    ("culture-loisirs", "Culture et loisirs", "Culture and leisure", "EntertainmentBusiness"),
    ("maison-mode", "Maison et mode", "Home and fashion", "Store"),
]
LABELS = [
    ("ab", "Agriculture biologique (AB)", "Organic farming (AB)", "https://www.agencebio.org/"),
    ("aop-maroilles", "AOP Maroilles", "Maroilles PDO (AOP)", "https://www.inao.gouv.fr/"),
    ("bienvenue-a-la-ferme", "Bienvenue à la ferme", "Bienvenue à la ferme (farm network)", ""),
    ("artisan", "Artisan", "Registered craftsperson (Artisan)", ""),
    ("maitre-artisan", "Maître artisan", "Master craftsperson (Maître artisan)", ""),
    ("maitre-restaurateur", "Maître restaurateur", "Master restaurateur (Maître restaurateur)", ""),
    ("valeurs-parc", "Valeurs Parc naturel régional", "Regional Nature Park brand (Valeurs Parc)", ""),
    ("accueil-velo", "Accueil Vélo", "Accueil Vélo (cyclist-friendly)", "https://www.francevelotourisme.com/"),
]
SERVICES = ("click_and_collect", "delivery", "farm_drive", "farm_sales", "step_free_access", "card_payment")

INDEX = {
    "title": {"fr": "Commerces et producteurs", "en": "Shops and producers"},
    "slug": {"fr": "commerces", "en": "shops"},
    "introduction": {
        "fr": "<p>Les commerces, producteurs et artisans du Pays de Mormal, en liste et sur la carte : qui vend "
        "quoi, où et quand. <b>Les établissements présentés ici sont fictifs</b> : ils illustrent le site de "
        "démonstration.</p>",
        "en": "<p>The shops, producers and craftspeople of the Pays de Mormal, as a list and on the map: who "
        "sells what, where and when. <b>The businesses shown here are fictional</b>: they illustrate the demo "
        "site.</p>",
    },
}


def read_merchants():
    return json.loads((DATA / "merchants-pays-de-mormal.json").read_text(encoding="utf-8"))["merchants"]


def days(spec):
    """ "1-5" → ["1", "2", "3", "4", "5"]; "2,5" → ["2", "5"] (Monday = 0)."""
    result = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        result.extend(str(day) for day in range(int(first), int(last or first) + 1))
    return result


def hours_value(slug, hours, language):
    """The opening-hours StreamField data of a merchant in one language (same block ids in
    both, so wagtail-localize matches the texts)."""
    blocks = []
    for number, item in enumerate(hours):
        prefix = (slug, "hours", number)
        if item["type"] == "exception":
            value = {
                "starts": item["starts"],
                "ends": item.get("ends"),
                "closed": item["closed"],
                "opens": item.get("opens"),
                "closes": item.get("closes"),
                "note": item["note"][language],
            }
            blocks.append({"type": "exception", "value": value, "id": block_id(*prefix)})
            continue
        season = item["type"] == "season"
        value = {
            "label": item["label"][language] if season else "",
            "starts": item["starts"] if season else None,
            "ends": item["ends"] if season else None,
            "every_year": item["every_year"] if season else False,
            "slots": [
                {
                    "type": "item",
                    "value": {"days": days(spec), "opens": opens, "closes": closes},
                    "id": block_id(*prefix, index),
                }
                for index, (spec, opens, closes) in enumerate(item["slots"])
            ],
        }
        blocks.append({"type": "period", "value": value, "id": block_id(*prefix)})
    return blocks


def markets_value(slug, markets, language):
    return [
        {
            "type": "market",
            "value": {"place": item["place"][language], "days": item["days"], "note": item["note"][language]},
            "id": block_id(slug, "market", number),
        }
        for number, item in enumerate(markets)
    ]


def load(loader):
    """Called by ``manage.py load_demo`` with the DemoLoader, after the home app's content."""
    if getattr(loader, "home", None) is None:
        return
    CommerceLoader(loader).run()


class CommerceLoader:
    def __init__(self, loader):
        self.loader = loader
        self.french, self.english = loader.french, loader.english
        self.translated = loader.home.get_translation_or_none(self.english) is not None

    def run(self):
        categories = self.load_snippets(MerchantCategory, CATEGORIES, "schema_type")
        labels = self.load_snippets(MerchantLabel, LABELS, "url")
        index = self.load_index()
        rows = read_merchants()
        communes = {commune.insee_code: commune for commune in Commune.objects.all()}
        changed = sum(self.load_merchant(index, row, categories, labels, communes) for row in rows)
        self.loader.say(f"Merchants: {len(rows)} in French and English ({changed} changed)")

    def load_snippets(self, model, rows, extra):
        found = {}
        for slug, name_fr, name_en, value in rows:
            item = model.objects.filter(slug=slug, locale=self.french).first() or model(slug=slug, locale=self.french)
            changed = self.loader.assign_values(item, {"name": name_fr, extra: value})
            if changed:
                item.full_clean()
                item.save()
            if self.translated:
                publish_translation(item, self.english, model(slug=slug, name=name_en, **{extra: value}), force=changed)
            found[slug] = item
        return found

    def load_index(self):
        return self.loader.load_index_page(MerchantIndexPage, INDEX, self.translated)

    def load_merchant(self, index, row, categories, labels, communes):
        slug = row["slug"]
        category = categories[row["category"]]
        page = MerchantPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = MerchantPage(title=row["name"]["fr"], slug=slug, locale=self.french, category=category)
            index.add_child(instance=page)
        commune = communes.get(row["commune"])
        common = {
            "category_id": category.pk,
            "schema_type": row["schema_type"],
            "commune_id": commune.pk if commune else None,
            "latitude": Decimal(row["latitude"]) if row["latitude"] else None,
            "longitude": Decimal(row["longitude"]) if row["longitude"] else None,
            "phone": row["phone"] or "",
            "email": row["email"],
            "website": row["website"],
            "marketplace_url": f"{MARKETPLACE}{slug}/" if row["marketplace"] else "",
            **{name: name in row["services"] for name in SERVICES},
        }

        def values(language):
            description = row.get("description") or {}
            note = row.get("hours_note") or {}
            return {
                "title": row["name"][language],
                "slug": slug if language == "fr" else slugify(row["name"]["en"]),
                "introduction": row["summary"][language],
                "description": description.get(language, ""),
                "opening_hours": hours_value(slug, row["hours"], language),
                "opening_hours_note": note.get(language, ""),
                "markets": markets_value(slug, row["markets"], language),
            }

        tags = sorted(row["tags"])
        tags_changed = sorted(tag.name for tag in page.tags.all()) != tags
        if tags_changed:
            page.tags.set(tags)
        wanted = sorted(labels[name].pk for name in row["labels"])
        labels_changed = sorted(label.pk for label in page.labels.all()) != wanted
        if labels_changed:
            page.labels.set(wanted)
        changed = self.loader.publish(page, {**values("fr"), **common}, force=tags_changed or labels_changed)
        translated = False
        if self.translated:
            english = MerchantPage(**values("en"), **common)
            _, translated = publish_translation(page, self.english, english, force=changed)
        return changed or translated
