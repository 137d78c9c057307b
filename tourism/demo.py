"""Demo content of the Discover section: the kinds of places, every place of
``demo_data/places-pays-de-mormal.csv`` and three demo trails, in French and English.

English versions are real wagtail-localize translations (``publish_translation``). Places
without coordinates in the data keep none: they are listed and left off the map. No opening
hours are given, because the data has none and hours are never invented. The trails are demo
traces drawn for the site near real places, and say so in their names.
"""

import csv
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import slugify

from home.demo.streams import block_id
from home.demo.translation import publish_translation
from home.models import Commune
from tourism.gpx import parse_gpx
from tourism.models import PlaceIndexPage, PlaceKind, PlacePage, TrailPage

DATA = Path(__file__).resolve().parent / "demo_data"
CLASSES, TYPES = PlaceKind.DatatourismeClass, PlaceKind.SchemaType

KINDS = [
    ("heritage", "Patrimoine", "Heritage", CLASSES.CULTURAL_SITE, TYPES.LANDMARK),
    ("museum", "Musée", "Museum", CLASSES.MUSEUM, TYPES.MUSEUM),
    ("nature", "Site naturel", "Natural site", CLASSES.NATURAL_HERITAGE, TYPES.ATTRACTION),
    ("leisure", "Loisirs", "Leisure", CLASSES.SPORTS_AND_LEISURE, TYPES.ATTRACTION),
    ("accommodation", "Hébergement", "Accommodation", CLASSES.ACCOMMODATION, TYPES.LODGING),
    ("food", "Restauration", "Food and drink", CLASSES.FOOD, TYPES.FOOD),
    ("tiers-lieu", "Tiers-lieu", "Third place (tiers-lieu)", CLASSES.BUSINESS_PLACE, TYPES.CIVIC),
    ("public-service", "Service public", "Public service", CLASSES.SERVICE_PROVIDER, TYPES.GOVERNMENT),
    ("tourist-office", "Office de tourisme", "Tourist office", CLASSES.TOURIST_INFORMATION, TYPES.TOURIST_INFORMATION),
]

INDEX = {
    "title": {"fr": "Découvrir", "en": "Discover"},
    "slug": {"fr": "decouvrir", "en": "discover"},
    "introduction": {
        "fr": "<p>Les lieux à visiter du Pays de Mormal, ses tiers-lieux et ses services, et des idées de "
        "balades : en liste et sur la carte.</p>",
        "en": "<p>Places to visit in the Pays de Mormal, its third places and services, and ideas for walks "
        "and rides: as a list and on the map.</p>",
    },
}

# Keywords read from each place's summary in the data file.
TAGS = {
    "forum-antique-de-bavay": ["Époque romaine"],
    "fortifications-du-quesnoy": ["Vauban", "Fortifications"],
    "musee-te-arawhata": ["Première Guerre mondiale"],
    "etangs-du-quesnoy": ["Vauban"],
    "foret-de-mormal": ["Natura 2000", "Forêt"],
    "abbaye-de-maroilles": ["Monument historique"],
    "canal-de-la-sambre-a-l-oise": ["EuroVelo 3", "Vélo"],
    "centre-interpretation-patrimoine-landrecies": ["Vauban", "Fortifications"],
    "reserve-carriere-des-nerviens": ["Réserve naturelle"],
    "chateau-de-potelle": ["Monument historique", "Château"],
    "chateau-de-rametz": ["Monument historique", "Château"],
    "bag-numerique-bavay": ["Numérique", "Télétravail"],
    "tiers-lieu-landrecies": ["Numérique", "Économie sociale et solidaire"],
    "atelier-numerique-le-quesnoy": ["Numérique", "Télétravail"],
    "bus-france-services-camion-bleu": ["Démarches administratives"],
}

# The services of the three tiers-lieux, as the roadmap and the sources describe them.
SERVICES = {
    "bag-numerique-bavay": [
        ("Formations au numérique", "Digital skills training"),
        ("Télétravail avec connexion fibrée", "Remote work with a fibre connection"),
        ("Bibliothèque et rendez-vous « L'Instant Numérique »", "Library and 'L'Instant Numérique' events"),
    ],
    "tiers-lieu-landrecies": [
        ("Économie sociale et solidaire", "Social and solidarity economy"),
        ("Actions pour l'environnement", "Environmental projects"),
        ("Formations au numérique", "Digital skills training"),
        ("Espaces de travail partagés", "Shared workspace"),
    ],
    "atelier-numerique-le-quesnoy": [
        ("Formations et ateliers pour débuter avec le numérique", "Training and beginner workshops in digital skills"),
        ("Postes de télétravail fibrés", "Fibre-connected remote-work desks"),
        ("Accompagnement vers l'emploi", "Back-to-work support"),
    ],
}

# Put forward on the home page.
FEATURED = {"forum-antique-de-bavay", "foret-de-mormal", "demo-remparts-le-quesnoy.gpx"}
DEMO_NOTE = {
    "fr": "Tracé de démonstration dessiné pour ce site près de lieux réels : ce n'est pas un itinéraire balisé. ",
    "en": "A demo trace drawn for this site near real places: it is not a waymarked route. ",
}
TRAILS = [
    {
        "file": "demo-remparts-le-quesnoy.gpx",
        "title": {
            "fr": "Tour des remparts du Quesnoy (tracé de démonstration)",
            "en": "Around the ramparts of Le Quesnoy (demo trace)",
        },
        "introduction": {
            "fr": "Une boucle à pied autour de la ville fortifiée, le long des remparts et des fossés.",
            "en": "A walking loop around the walled town, along the ramparts and moats.",
        },
        "start": {"fr": "Centre du Quesnoy", "en": "Le Quesnoy town centre"},
        "commune": "59481",
        "activity": TrailPage.Activity.WALK,
        "difficulty": TrailPage.Difficulty.EASY,
    },
    {
        "file": "demo-foret-de-mormal.gpx",
        "title": {
            "fr": "Boucle en forêt de Mormal (tracé de démonstration)",
            "en": "Mormal Forest loop (demo trace)",
        },
        "introduction": {
            "fr": "Une boucle à pied au départ de Locquignol, au cœur du plus grand massif forestier du Nord.",
            "en": "A walking loop from Locquignol, in the heart of the largest forest in the Nord department.",
        },
        "start": {"fr": "Village de Locquignol", "en": "Locquignol village"},
        "commune": "59353",
        "activity": TrailPage.Activity.WALK,
        "difficulty": TrailPage.Difficulty.MEDIUM,
    },
    {
        "file": "demo-canal-landrecies.gpx",
        "title": {
            "fr": "Le long du canal de la Sambre à l'Oise (tracé de démonstration)",
            "en": "Along the Sambre–Oise canal (demo trace)",
        },
        "introduction": {
            "fr": "Un aller simple à vélo depuis Landrecies, vers le sud, dans la vallée du canal.",
            "en": "A one-way bike ride south from Landrecies, down the canal valley.",
        },
        "start": {"fr": "Landrecies", "en": "Landrecies"},
        "commune": "59331",
        "activity": TrailPage.Activity.CYCLE,
        "difficulty": TrailPage.Difficulty.EASY,
    },
]
# Demo durations come from the distance, at an easy pace.
SPEED_KMH = {TrailPage.Activity.WALK: 4, TrailPage.Activity.CYCLE: 15, TrailPage.Activity.HORSE: 8}


def load(loader):
    """Called by ``manage.py load_demo`` with the DemoLoader, after the home app's content."""
    if getattr(loader, "home", None) is None:
        return
    TourismLoader(loader).run()


class TourismLoader:
    def __init__(self, loader):
        self.loader = loader
        self.french, self.english = loader.french, loader.english
        self.translated = loader.home.get_translation_or_none(self.english) is not None

    def run(self):
        kinds = self.load_kinds()
        index = self.load_index()
        rows = read_places()
        communes = {commune.insee_code: commune for commune in Commune.objects.all()}
        changed = sum(self.load_place(index, row, kinds, communes) for row in rows)
        trails = sum(self.load_trail(index, item, communes) for item in TRAILS)
        self.loader.say(
            f"Places: {len(rows)} in French and English ({changed} changed); trails: {len(TRAILS)} ({trails} changed)"
        )

    def load_kinds(self):
        kinds = {}
        for slug, name_fr, name_en, datatourisme_class, schema_type in KINDS:
            kind = PlaceKind.objects.filter(slug=slug, locale=self.french).first()
            kind = kind or PlaceKind(slug=slug, locale=self.french)
            common = {"datatourisme_class": datatourisme_class, "schema_type": schema_type}
            changed = self.loader.assign_values(kind, {"name": name_fr, **common})
            if changed:
                kind.full_clean()
                kind.save()
            publish_translation(kind, self.english, PlaceKind(slug=slug, name=name_en, **common), force=changed)
            kinds[slug] = kind
        return kinds

    def load_index(self):
        return self.loader.load_index_page(PlaceIndexPage, INDEX, self.translated)

    def load_place(self, index, row, kinds, communes):
        page = PlacePage.objects.child_of(index).filter(slug=row["slug"]).first()
        if page is None:
            page = PlacePage(title=row["name_fr"], slug=row["slug"], locale=self.french, kind=kinds[row["kind"]])
            index.add_child(instance=page)
        commune = communes.get(row["commune_insee"])
        common = {
            "kind_id": kinds[row["kind"]].pk,
            "commune_id": commune.pk if commune else None,
            "latitude": Decimal(row["latitude"]) if row["latitude"] else None,
            "longitude": Decimal(row["longitude"]) if row["longitude"] else None,
            "source_url": row["source"] if row["source"].startswith("http") else "",
            "featured": row["slug"] in FEATURED,
        }

        def values(language):
            return {
                "title": row[f"name_{language}"],
                "slug": row["slug"] if language == "fr" else slugify(row["name_en"]),
                "introduction": row[f"summary_{language}"],
                "services": [
                    {"type": "service", "value": texts[0 if language == "fr" else 1], "id": block_id(row["slug"], i)}
                    for i, texts in enumerate(SERVICES.get(row["slug"], []))
                ],
            }

        tags = TAGS.get(row["slug"], [])
        tags_changed = sorted(tag.name for tag in page.tags.all()) != sorted(tags)
        if tags_changed:
            page.tags.set(tags)
        changed = self.loader.publish(page, {**values("fr"), **common}, force=tags_changed)
        translated = False
        if self.translated:
            english = PlacePage(**values("en"), **common)
            _, translated = publish_translation(page, self.english, english, force=changed)
        return changed or translated

    def load_trail(self, index, item, communes):
        data = (DATA / item["file"]).read_bytes()
        trace = parse_gpx(data)
        name = f"trails/{item['file']}"
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(data))
        slug_fr = slugify(item["title"]["fr"])
        page = TrailPage.objects.child_of(index).filter(slug=slug_fr).first()
        if page is None:
            page = TrailPage(title=item["title"]["fr"], slug=slug_fr, locale=self.french)
            index.add_child(instance=page)
        distance = Decimal(str(trace["length_km"]))
        commune = communes.get(item["commune"])
        common = {
            "activity": item["activity"],
            "difficulty": item["difficulty"],
            "distance_km": distance,
            "duration_minutes": round(float(distance) / SPEED_KMH[item["activity"]] * 60 / 5) * 5,
            "elevation_gain_m": trace["elevation_gain_m"],
            "is_loop": trace["is_loop"],
            "line": trace["geometry"],
            "gpx_file": name,
            "start_commune_id": commune.pk if commune else None,
            "featured": item["file"] in FEATURED,
        }

        def values(language):
            return {
                "title": item["title"][language],
                "slug": slugify(item["title"][language]),
                "introduction": DEMO_NOTE[language] + item["introduction"][language],
                "start_description": item["start"][language],
            }

        changed = self.loader.publish(page, {**values("fr"), **common})
        translated = False
        if self.translated:
            _, translated = publish_translation(page, self.english, TrailPage(**values("en"), **common), force=changed)
        return changed or translated


def read_places():
    with (DATA / "places-pays-de-mormal.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
