"""Agendas and events for tests."""

import datetime as dt

from events.models import EventCategory, EventIndexPage, EventPage
from events.recurrence import PARIS
from tests.builders import publish, translate


def paris(*args):
    return dt.datetime(*args, tzinfo=PARIS)


def agenda(tree, english=True):
    index = EventIndexPage(title="Agenda", slug="agenda", locale=tree.home.locale)
    tree.home.add_child(instance=index)
    publish(index)
    if english:
        translate(index, tree.home_en.locale, title="What's on", slug="whats-on")
    return index


def add_event(index, title, start, end=None, categories=(), **values):
    event = EventPage(
        title=title,
        slug=values.pop("slug", None) or title.lower().replace(" ", "-"),
        locale=index.locale,
        summary=values.pop("summary", f"{title}, en bref."),
        start=start,
        end=end,
        **values,
    )
    index.add_child(instance=event)
    if categories:
        event.categories = list(categories)
    return publish(event)


def category(name, slug, locale):
    return EventCategory.objects.create(name=name, slug=slug, locale=locale)
