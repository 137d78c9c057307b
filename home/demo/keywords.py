"""The demo's keywords: every tag the demo pages use, named in English from data/keywords.json
and translated through wagtail-localize like an editor would."""

import json
from pathlib import Path

from taggit.models import Tag

from home.models import Keyword

from .translation import publish_translation

ENGLISH = json.loads((Path(__file__).parent / "data" / "keywords.json").read_text(encoding="utf-8"))


def load_keywords(loader):
    """Give every tag its French keyword and, when the demo is bilingual, its English one."""
    translated = missing = 0
    for tag in Tag.objects.order_by("name"):
        keyword = Keyword.for_tag(tag)
        english = ENGLISH.get(tag.name)
        if english is None:
            missing += 1
            continue
        _, published = publish_translation(keyword, loader.english, Keyword(tag=tag, name=english))
        translated += published
    loader.say(
        f"Keywords: {Tag.objects.count()} in French, {translated} translations published, {missing} left in French"
    )
