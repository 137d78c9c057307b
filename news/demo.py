"""Demo news of the Pays de Mormal, in French and English (``demo_data/``): a handful of
items that say they are demo content (roadworks, the France Services bus, a call for projects,
workshops), dated relative to today so the demo never goes stale."""

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify

from home.demo.streams import block_id
from home.demo.translation import publish_translation
from home.models import Commune

from .models import NewsIndexPage, NewsPage

DATA = Path(__file__).resolve().parent / "demo_data" / "news-pays-de-mormal.json"


def load(loader):
    """Called by ``manage.py load_demo`` with the DemoLoader, after the home app's content."""
    if getattr(loader, "home", None) is None:
        return
    data = json.loads(DATA.read_text(encoding="utf-8"))
    translated = loader.home.get_translation_or_none(loader.english) is not None
    index = loader.load_index_page(NewsIndexPage, data["index"], translated)
    communes = {commune.insee_code: commune for commune in Commune.objects.filter(site=loader.site)}
    today = timezone.localdate()
    changed = sum(load_item(loader, index, item, communes, today, translated) for item in data["items"])
    loader.say(f"News: {len(data['items'])} in French and English ({changed} changed)")


def load_item(loader, index, item, communes, today, translated):
    slug = item["key"]
    page = NewsPage.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = NewsPage(title=item["title"]["fr"], slug=slug, locale=loader.french)
        index.add_child(instance=page)
    commune = communes.get(item["commune"])
    common = {
        "date": today - dt.timedelta(days=item["days_ago"]),
        "commune_id": commune.pk if commune else None,
    }

    def values(language):
        return {
            "title": item["title"][language],
            "slug": slug if language == "fr" else slugify(item["title"]["en"])[:80],
            "introduction": item["introduction"][language],
            "body": [{"type": "paragraph", "value": item["body"][language], "id": block_id("news", slug, "body")}],
        }

    tags_changed = sorted(tag.name for tag in page.tags.all()) != sorted(item["tags"])
    if tags_changed:
        page.tags.set(item["tags"])
    changed = loader.publish(page, {**values("fr"), **common}, force=tags_changed)
    published = False
    if translated:
        _, published = publish_translation(page, loader.english, NewsPage(**values("en"), **common), force=changed)
    return changed or published
