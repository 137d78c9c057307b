"""Demo promoted results: what the communication officer would set up on day one, so common
searches lead straight to the right section (and the "frequent searches" list has content)."""

from django.apps import apps

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

PROMOTIONS = [
    ("marché", "commerce.MerchantIndexPage"),
    ("producteur", "commerce.MerchantIndexPage"),
    ("agenda", "events.EventIndexPage"),
    ("randonnée", "tourism.PlaceIndexPage"),
    ("feuille de route", "home.StrategyIndexPage"),
]


def load(loader):
    """Called by ``manage.py load_demo`` after the other apps' content; safe to run again."""
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
