"""The agenda's RSS 2.0 feeds, built with Django's feedgenerator: one item per upcoming
occurrence (at most ``RSS_ITEMS``), its date in the title, in the feed's language."""

import datetime as dt

from django.utils import formats, translation
from django.utils.translation import gettext as _

from events.filters import AgendaFilters
from events.listing import category_names
from events.models import Occurrence
from events.recurrence import PARIS
from home.public_urls import absolute_page_url
from home.rss import SelfLinkedRss

from . import content
from .context import DATE_FILTERS, REFRESH, bounds, feed_filters, single_event, subject_labels, subscription_params

RSS_ITEMS = 100


class StableRss(SelfLinkedRss):
    """RSS 2.0 whose lastBuildDate does not change when nothing did (the default is "now"
    for a feed without items)."""

    def __init__(self, *args, fallback_date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fallback_date = fallback_date

    def latest_post_date(self):
        dates = [item["pubdate"] for item in self.items if item.get("pubdate")]
        return max(dates, default=self.fallback_date)


def self_url(request):
    """The feed's own address, from the request (scheme and host as the client used them), its
    filters in the agenda's order, as the cache keys them."""
    url = request.build_absolute_uri(request.path)
    query = AgendaFilters(request.GET, locale=None).query_string()
    return f"{url}?{query}" if query else url


def occurrence_label(item):
    start = item.start.astimezone(PARIS)
    day = formats.date_format(start, "DATE_FORMAT")
    if item.all_day:
        last = (item.end.astimezone(PARIS) - dt.timedelta(days=1)).date()
        if last > start.date():
            return f"{day} – {formats.date_format(last, 'DATE_FORMAT')}"
        return day
    return f"{day}, {formats.time_format(start, 'TIME_FORMAT')}"


def rss_item(feed, ctx, item, names):
    event = item.event
    url = absolute_page_url(event, ctx.request)
    cancelled = item.cancelled or event.is_cancelled
    when = occurrence_label(item)
    lines = [
        when,
        content.location(event),
        content.description(event, None, cancelled_date=item.cancelled and not event.is_cancelled),
    ]
    stamp = item.start.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    feed.add_item(
        title=f"{when} – {content.titled(event, cancelled)}",
        link=url,
        description="\n".join(line for line in lines if line),
        unique_id=f"{content.event_uid(event, ctx)}/{stamp}",
        unique_id_is_permalink=False,
        pubdate=content.revision_time(event),
        categories=names(event),
    )


def render_rss(ctx, occurrence_list, title_suffix):
    with translation.override(ctx.lang):
        territory = content.territory_name(ctx)
        feed = StableRss(
            title=content.feed_title(territory, title_suffix),
            link=content.agenda_url(ctx),
            description=_("Upcoming events of %(territory)s.") % {"territory": territory},
            language=ctx.lang,
            feed_url=self_url(ctx.request),
            ttl=str(int(REFRESH.total_seconds() // 60)),
            fallback_date=ctx.now.astimezone(dt.UTC),
        )
        names = category_names([item.event for item in occurrence_list], ctx.locale)
        for item in occurrence_list:
            rss_item(feed, ctx, item, names)
        return feed.writeString("utf-8").encode("utf-8")


def rss_occurrences(queryset):
    # Mirrors with_relations for the occurrences' events: constant query count.
    return list(
        queryset.select_related("event", "event__commune", "event__organiser", "event__venue").prefetch_related(
            "event__categories"
        )[:RSS_ITEMS]
    )


def subscription_rss(ctx, params, scope, slug=None):
    filters = feed_filters(ctx, subscription_params(ctx, params, scope, slug))
    lower, upper = bounds(ctx, filters)
    upcoming = (
        filters.occurrences()
        # Private events are already left out by the agenda's filters.
        .filter(event__path__startswith=ctx.home.path, end__gt=max(lower, ctx.now), start__lt=upper)
    )
    labels = subject_labels(ctx, filters)
    if DATE_FILTERS & set(filters.values):
        with translation.override(ctx.lang):
            labels.append(content.period_label(lower, upper))
    return render_rss(ctx, rss_occurrences(upcoming), ", ".join(labels))


def event_rss(ctx, page_id):
    event = single_event(ctx, page_id)
    upcoming = Occurrence.objects.filter(event=event, end__gt=ctx.now).order_by("start")
    return render_rss(ctx, rss_occurrences(upcoming), content.event_title(event))
