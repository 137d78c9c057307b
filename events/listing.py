"""The agenda page: upcoming occurrences by day, filters, pagination and subscription links; and
the events' category names in one language, as the agenda's feeds and open data show them."""

import datetime as dt
from itertools import groupby
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from home.models import Commune
from home.public_urls import absolute_page_url
from home.text import plain_text

from .filters import AgendaFilters
from .models import EventCategory, EventPage
from .recurrence import PARIS


def agenda_context(index, request):
    filters = AgendaFilters(request.GET, index.locale, root=index)
    past = request.GET.get("past") == "1"
    paginator = Paginator(filters.occurrences(past=past), index.PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        page_obj = paginator.page(1)
    days = [
        (day, list(items))
        for day, items in groupby(page_obj.object_list, key=lambda item: item.start.astimezone(PARIS).date())
    ]
    query = filters.query_string()
    feed_path = f"/feeds/{index.locale.language_code}/events.ics" + (f"?{query}" if query else "")
    feed_url = request.build_absolute_uri(feed_path)
    # Addresses from the request, not the Site record: an embed copied from an https page must
    # load over https, and an iframe's links open on the host the visitor used.
    embed_url = absolute_page_url(index, request) + index.reverse_subpage("embed") + (f"?{query}" if query else "")
    commune_slug = filters.values.get("commune")
    return {
        "filters": filters,
        "filter_values": filters.values,
        # Filters in use ("from" and a mistyped "from_raw" are one).
        "active_filters": len({name.removesuffix("_raw") for name in filters.values}),
        # Every value chosen in the filters that take several (the feed builder's boxes).
        "selected": filters.selected,
        "filter_errors": filters.errors,
        "choices": filters.choices(),
        "past": past,
        "days": days,
        "page_obj": page_obj,
        "paginator": paginator,
        "query_prefix": filters.query_string(past="1" if past else None) + "&",
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        "rss_url": request.build_absolute_uri(feed_path.replace(".ics", ".rss", 1)),
        "embed_url": embed_url,
        # The one commune the agenda is filtered on, named in the embed's heading and title.
        "commune": Commune.objects.filter(slug=commune_slug).first() if commune_slug else None,
    }


def google_calendar_url(event, upcoming):
    """An "add to Google Calendar" link for ``upcoming``, the event's next occurrence (Google has
    no iCal import link); None without one."""
    if upcoming is None:
        return None
    if upcoming.all_day:
        dates = f"{upcoming.start.astimezone(PARIS):%Y%m%d}/{upcoming.end.astimezone(PARIS):%Y%m%d}"
    else:
        fmt = "%Y%m%dT%H%M%SZ"
        dates = f"{upcoming.start.astimezone(dt.UTC):{fmt}}/{upcoming.end.astimezone(dt.UTC):{fmt}}"
    where = ", ".join(part for part in (event.venue_name, event.address, getattr(event.commune, "name", "")) if part)
    params = {"action": "TEMPLATE", "text": event.title, "dates": dates, "details": plain_text(event.summary)}
    if where:
        params["location"] = where
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


def category_names(events, locale):
    """A function giving each event's category names in ``locale``'s language, for the feeds and
    the open data (one query for all the events): a category not yet pointing to its translation
    is shown translated when it exists."""
    categories = {category for event in events for category in event.categories.all()}
    foreign = {category.translation_key for category in categories if category.locale_id != locale.pk}
    translated = dict(
        EventCategory.objects.filter(translation_key__in=foreign, locale=locale).values_list("translation_key", "name")
    )

    def names(event):
        return sorted({translated.get(category.translation_key, category.name) for category in event.categories.all()})

    return names


def category_names_by_event(events, locale):
    """``category_names`` for the events of a queryset, without loading them: a dict of each
    event's id to its sorted category names in ``locale``'s language (two queries)."""
    rows = EventPage.categories.through.objects.filter(eventpage_id__in=events.values("pk")).values_list(
        "eventpage_id", "eventcategory__translation_key", "eventcategory__locale_id", "eventcategory__name"
    )
    rows = list(rows)
    foreign = {key for _event, key, locale_id, _name in rows if locale_id != locale.pk}
    translated = dict(
        EventCategory.objects.filter(translation_key__in=foreign, locale=locale).values_list("translation_key", "name")
    )
    found = {}
    for event_id, key, _locale_id, name in rows:
        found.setdefault(event_id, set()).add(translated.get(key, name))
    return {event_id: sorted(names) for event_id, names in found.items()}
