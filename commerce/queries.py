"""Finding merchants: the filters of the directory (list and GeoJSON alike), a merchant's page
context and the merchants of a commune.

Every function runs a fixed number of queries, whatever the number of merchants: names of
categories and labels in the visitor's language come in one query each
(``home.localized_names``), and "open now" is decided by the database
(``commerce.open_now``).
"""

import datetime as dt
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from home import page_cache
from home.chrome import active_locale
from home.directory.geojson import feature_collection, off_the_map, on_the_map
from home.directory.opens_next import opening_status
from home.directory.pages import listing_context
from home.keywords import named_tags
from home.listing_filters import read_choices, read_open_and_words
from home.local_time import PARIS
from home.localized_names import localized_names
from home.models import Commune

from .models import MerchantCategory, MerchantLabel, MerchantPage, MerchantPageTag
from .open_now import open_now_q

PER_PAGE = 20
SELECT_FILTERS = ("category", "commune", "product", "label")
SERVICE_OPTIONS = [
    ("click_and_collect", _("Click and collect")),
    ("delivery", _("Delivery")),
    ("farm_drive", _("Farm drive")),
    ("farm_sales", _("On-farm sales")),
    ("at_markets", _("At the markets")),
    ("step_free_access", _("Step-free access")),
    ("card_payment", _("Card payment")),
]
SERVICES = dict(SERVICE_OPTIONS)
COMMUNE_SECTION_LIMIT = 30
CHOICES_KEY = "hub:merchants:choices:{index}:{locale}:{generation}"
CHOICES_TIMEOUT = 60 * 60


def live_merchants(index):
    return MerchantPage.objects.live().child_of(index)


def category_names(categories, locale=None):
    """Names of categories in ``locale`` (the active language by default), in one query."""
    return localized_names(categories, MerchantCategory, locale)


def label_names(labels, locale=None):
    """Names of labels in ``locale`` (the active language by default), in one query."""
    return localized_names(labels, MerchantLabel, locale)


def filter_choices(index, locale=None):
    """The options the form offers: only categories, communes, products and labels that some
    merchant of the directory uses. ``category_names`` maps the id of every category in use to
    its name in ``locale`` (the active one by default).

    Reading them takes six queries, as many as the list itself, and they change only when
    something public does: they are kept in the cache under the page cache's generation, which
    every publish, unpublish, move or deletion of a page and every save of a category, label,
    commune or tag bumps (``home.page_cache_signals``)."""
    locale = locale or Locale.get_active()
    key = CHOICES_KEY.format(index=index.pk, locale=locale.pk, generation=page_cache.generation())
    choices = cache.get(key)
    if choices is None:
        choices = _read_choices(index, locale)
        cache.set(key, choices, CHOICES_TIMEOUT)
    # The services' labels are lazy translations: added after the cache, in the active language.
    return {**choices, "service": list(SERVICE_OPTIONS)}


def _read_choices(index, locale):
    merchants = live_merchants(index)
    categories = list(MerchantCategory.objects.filter(pk__in=merchants.values("category_id")))
    names = category_names(categories, locale)
    labels = list(MerchantLabel.objects.filter(pk__in=merchants.values("labels")))
    labels_text = label_names(labels, locale)
    communes = Commune.objects.filter(pk__in=merchants.values("commune_id")).order_by("name")
    products = (
        MerchantPageTag.objects.filter(content_object__in=merchants)
        .values_list("tag_id", "tag__slug", "tag__name")
        .distinct()
    )
    return {
        "category": sorted(((item.slug, str(names[item.pk])) for item in categories), key=lambda item: item[1].lower()),
        "commune": [(commune.slug, commune.name) for commune in communes],
        "product": [(tag.slug, str(tag.name)) for tag in named_tags(products, locale)],
        "label": sorted(((item.slug, str(labels_text[item.pk])) for item in labels), key=lambda item: item[1].lower()),
        "category_names": {pk: str(name) for pk, name in names.items()},
    }


def read_filters(request, choices):
    """The filters of the GET form that name something that exists; anything else is ignored.
    Services are a list (every ticked service is required)."""
    values = read_choices(request, choices, SELECT_FILTERS)
    services = [value for value in request.GET.getlist("service") if value in SERVICES]
    if services:
        values["service"] = sorted(set(services), key=list(SERVICES).index)
    return read_open_and_words(request, values)


def filter_merchants(index, filters, now=None):
    """The live merchants of ``index`` matching ``filters``, ordered by name."""
    merchants = live_merchants(index)
    if "category" in filters:
        merchants = merchants.filter(category__slug=filters["category"])
    if "commune" in filters:
        merchants = merchants.filter(commune__slug=filters["commune"])
    if "product" in filters:
        merchants = merchants.filter(
            Exists(MerchantPageTag.objects.filter(content_object_id=OuterRef("pk"), tag__slug=filters["product"]))
        )
    if "label" in filters:
        merchants = merchants.filter(
            Exists(
                MerchantPage.labels.through.objects.filter(
                    merchantpage_id=OuterRef("pk"), merchantlabel__slug=filters["label"]
                )
            )
        )
    for service in filters.get("service", []):
        merchants = merchants.filter(**{service: True})
    if "q" in filters:
        text = filters["q"]
        tagged = MerchantPageTag.objects.filter(content_object_id=OuterRef("pk"), tag__name__icontains=text)
        merchants = merchants.filter(
            Q(title__icontains=text)
            | Q(introduction__icontains=text)
            | Q(commune__name__icontains=text)
            | Q(Exists(tagged))
        )
    if "open" in filters:
        merchants = merchants.filter(open_now_q(now))
    return merchants.order_by("title", "pk")


def filter_form(choices, filters):
    labels = {
        "category": _("Category"),
        "commune": _("Commune"),
        "product": _("Product or speciality"),
        "label": _("Label"),
    }
    return {
        "selects": [
            {"name": name, "label": labels[name], "options": choices[name], "selected": filters.get(name, "")}
            for name in SELECT_FILTERS
            if choices[name]
        ],
        "services": [
            {"value": value, "label": label, "checked": value in filters.get("service", [])}
            for value, label in choices["service"]
        ],
    }


def _query(filters):
    return urlencode(filters, doseq=True)


def listing(index, request, now=None):
    """Everything the directory shows: the form, the count, one page of merchants (each with
    its category's name and whether it is open now) and the GeoJSON address of the map."""
    choices = filter_choices(index, active_locale(request))
    filters = read_filters(request, choices)
    now = now or dt.datetime.now(tz=PARIS)
    merchants = filter_merchants(index, filters, now).select_related("commune", "category")
    if "open" in filters:
        page_obj, rows, off_map = _open_now_page(merchants, request.GET.get("page"))
    else:
        page_obj = Paginator(merchants, PER_PAGE).get_page(request.GET.get("page"))
        rows = list(page_obj.object_list)
        off_map = list(off_the_map(merchants))
    names = choices["category_names"]
    for row in rows:
        row.category_label = names.get(row.category_id, "")
        row.open_now = row.hours.is_open(now)
        row.opening = opening_status(row.hours, now)
    return listing_context(filters, filter_form(choices, filters), page_obj, rows, _query(filters), off_map)


def _open_now_page(merchants, number):
    """The page, its rows and the merchants off the map, "open now" asked of the database once.

    "Open now" is two subqueries over the hours rows, the costliest part of the directory's
    queries; the count, the page and the merchants without coordinates each repeated it (three
    quarters of the SQL time of ``?open=1``, EXPLAIN ANALYZE on PostgreSQL). The ids of the
    matching merchants, in order, with whether they have coordinates, are read in one query;
    the count is their number, and the page's rows and those off the map are read by id."""
    found = list(merchants.values_list("pk", "latitude", "longitude"))
    page_obj = Paginator([pk for pk, _lat, _lon in found], PER_PAGE).get_page(number)
    ordered = MerchantPage.objects.order_by("title", "pk")
    rows = list(ordered.filter(pk__in=page_obj.object_list).select_related("commune", "category"))
    off_ids = [pk for pk, latitude, longitude in found if latitude is None or longitude is None]
    off_map = list(off_the_map(ordered.filter(pk__in=off_ids))) if off_ids else []
    return page_obj, rows, off_map


def merchants_geojson(index, request, now=None):
    """The merchants of the list that have coordinates, as a GeoJSON FeatureCollection
    (RFC 7946: [longitude, latitude]). Merchants without coordinates are in the list only."""
    choices = filter_choices(index, active_locale(request))
    filters = read_filters(request, choices)
    merchants = on_the_map(filter_merchants(index, filters, now), "category_id")
    names = choices["category_names"]
    return feature_collection(merchants, request, lambda merchant: names[merchant.category_id])


SOCIAL_NETWORKS = {
    "facebook.com": "Facebook",
    "instagram.com": "Instagram",
    "linkedin.com": "LinkedIn",
    "youtube.com": "YouTube",
    "tiktok.com": "TikTok",
    "x.com": "X",
    "twitter.com": "X",
    "mastodon.social": "Mastodon",
    "pinterest.com": "Pinterest",
}


def social_name(url):
    """A readable name for a social link (the network's name, else the host)."""
    host = url.split("://", 1)[-1].split("/", 1)[0].lower().removeprefix("www.")
    for domain, name in SOCIAL_NETWORKS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host


def merchant_context(page, request, now=None):
    """What a merchant's page shows besides its fields."""
    from .schema import merchant_json_ld

    now = now or dt.datetime.now(tz=PARIS)
    hours = page.hours
    locale = active_locale(request)
    labels = list(page.labels.all())
    labels_text = label_names(labels, locale)
    tags = named_tags(page.tags.all(), locale)
    return {
        "hours": hours.table(now.date()) if hours else None,
        "open_now": hours.is_open(now),
        "opening": opening_status(hours, now),
        "category_name": category_names([page.category], locale)[page.category_id],
        "tags": tags,
        "labels": [{"name": labels_text[label.pk], "url": label.url} for label in labels],
        "social_links": [{"url": block.value, "name": social_name(block.value)} for block in page.social_links],
        "markets": [
            {
                "place": block.value["place"],
                "days": [WEEKDAYS[int(day)] for day in sorted(block.value["days"], key=int)],
                "note": block.value["note"],
            }
            for block in page.markets
        ],
        "directory": page.get_parent(),
        "json_ld": merchant_json_ld(page, request, hours, labels_text.values(), tags),
    }


def merchants_in_commune(commune, locale):
    """The live merchants of a commune in one language (a Locale or a language code), by name,
    each with its category's name in that language."""
    if isinstance(locale, str):
        locale = Locale.objects.get(language_code=locale)
    merchants = list(
        MerchantPage.objects.live()
        .filter(commune=commune, locale=locale)
        .select_related("category")
        .order_by("title")[: COMMUNE_SECTION_LIMIT + 1]
    )
    names = category_names({merchant.category for merchant in merchants})
    for merchant in merchants:
        merchant.category_label = names.get(merchant.category_id, "")
    return merchants
