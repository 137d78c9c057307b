"""What the "Open data" page shows: every registered dataset with its size, last update and
download links, and examples of the API (two queries per dataset, whatever its size)."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from .datasets import Scope, datasets
from .licence import LICENCE, LICENCE_ID, LICENCE_URL

FORMAT_NAMES = {"csv": "CSV", "json": "JSON", "geojson": "GeoJSON"}
FORMAT_TYPES = {"csv": "text/csv", "json": "application/json", "geojson": "application/geo+json"}


def format_name(dataset, fmt):
    extra = dataset.extra_format(fmt)
    return str(extra.label) if extra else FORMAT_NAMES[fmt]


def format_type(dataset, fmt):
    extra = dataset.extra_format(fmt)
    return extra.content_type if extra else FORMAT_TYPES[fmt]


def published_languages(request):
    """(code, name) of the languages the site's home page is live in, French first."""
    site = Site.find_for_request(request)
    live = set()
    if site is not None:
        live = set(
            site.root_page.get_translations(inclusive=True).live().values_list("locale__language_code", flat=True)
        )
    return [(code, name) for code, name in settings.LANGUAGES if code in live]


def download_url(dataset, fmt, language, **params):
    query = urlencode({"lang": language, **params})
    return f"{reverse('open_data_download', args=[dataset.slug, fmt])}?{query}"


def filter_example(dataset, item, scope, language):
    """A filter's name, help and an example address using it (None when the site has nothing
    to filter on)."""
    value = item.example_value(scope)
    example = download_url(dataset, "csv", language, **{item.name: value}) if value else None
    return {"name": item.name, "help": item.help, "example": example}


def open_data_context(page, request):
    language = page.locale.language_code
    scope = Scope.for_request(request, language)
    languages = published_languages(request)
    items = []
    for dataset in datasets():
        count, updated = dataset.summary(scope)
        items.append(
            {
                "dataset": dataset,
                "count": count,
                "updated": updated,
                "formats": [format_name(dataset, fmt) for fmt in dataset.formats],
                "downloads": [
                    {
                        "url": download_url(dataset, fmt, code),
                        "format": format_name(dataset, fmt),
                        "type": format_type(dataset, fmt),
                        "language": code,
                        # In the reader's language ("French" on an English page), not the
                        # language's own name, which would be French text on an English page.
                        "language_name": get_language_info(code)["name_translated"],
                    }
                    for fmt in dataset.formats
                    for code, _name in languages
                ],
                "extra_formats": [
                    {
                        "label": extra.label,
                        "description": extra.description,
                        "url": download_url(dataset, extra.name, language),
                    }
                    for extra in dataset.extra_formats
                ],
                "filters": [filter_example(dataset, item, scope, language) for item in dataset.filters],
            }
        )
    api = request.build_absolute_uri("/api/v2/")
    return {
        "datasets": items,
        "licence_id": LICENCE_ID,
        "licence_name": LICENCE,
        "licence_url": LICENCE_URL,
        "api_examples": [
            (_("Events with their dates, status, commune and venue"), f"{api}pages/?{_events_query(language)}"),
            (
                _("Places in English"),
                f"{api}pages/?type=tourism.PlacePage&locale=en&fields=kind,commune,latitude,longitude",
            ),
            (_("Search every page"), f"{api}pages/?search=maroilles&locale={language}"),
            (_("The communes of the territory"), f"{api}communes/"),
        ],
    }


def _events_query(language):
    return urlencode(
        {"type": "events.EventPage", "locale": language, "fields": "start,end,status,commune,venue"}, safe=","
    )
