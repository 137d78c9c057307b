"""Demo promoted results: what the communication officer would set up on day one, so common
searches lead straight to the right section (and the "frequent searches" list has content)."""

from django.apps import apps

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from .models import SynonymGroup
from .synonyms import forget

PROMOTIONS = [
    ("marché", "commerce.MerchantIndexPage"),
    ("producteur", "commerce.MerchantIndexPage"),
    ("agenda", "events.EventIndexPage"),
    ("randonnée", "tourism.PlaceIndexPage"),
    ("feuille de route", "home.StrategyIndexPage"),
]

# What a visitor means, in either language: the words of the territory's trails, places and
# shops (editors extend the table in Settings > Search synonyms).
SYNONYMS = [
    "hiking, hike, walk, walking, trail, footpath, randonnée, randonner, sentier, balade, promenade, on foot, à pied",
    "bike, bicycle, cycling, cycle, vélo, cyclisme, VTT",
    "castle, château, manor, manoir",
    "market, marché",
    "church, église, chapel, chapelle",
    "museum, musée",
    "cheese, fromage, fromagerie, maroilles",
    "beer, brewery, bière, brasserie",
    "bakery, baker, bread, boulangerie",
    "forest, woods, forêt, bois",
    "lake, pond, étang, lac",
    "farm, ferme, farmhouse",
    "abbey, abbaye",
    "ramparts, walls, fortifications, remparts",
    "canal, waterway",
    "honey, miel, miellerie",
    "butcher, boucherie",
    "bookshop, bookstore, librairie",
    "cottage, gîte",
    "pottery, poterie",
    "florist, fleuriste",
    "pharmacy, chemist, pharmacie",
]


def load(loader):
    """Called by ``manage.py load_demo`` after the other apps' content; safe to run again."""
    load_synonyms(loader)
    home = getattr(loader, "home", None)
    if home is None:
        return
    created = 0
    for wording, label in PROMOTIONS:
        page = home.get_children().type(apps.get_model(label)).live().first()
        if page is None:
            continue
        query = Query.get(wording)
        created += SearchPromotion.objects.get_or_create(query=query, page=page, defaults={"sort_order": 0})[1]
    loader.say(f"Promoted search results: {len(PROMOTIONS)} wordings ({created} added)")


def load_synonyms(loader):
    existing = set(SynonymGroup.objects.values_list("words", flat=True))
    added = [SynonymGroup(words=words) for words in SYNONYMS if words not in existing]
    SynonymGroup.objects.bulk_create(added)
    if added:
        forget()
    loader.say(f"Search synonyms: {len(SYNONYMS)} groups ({len(added)} added)")
