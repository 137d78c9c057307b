"""The places open dataset: the published places to visit of the territory (POIs), with their
kind, address, commune (INSEE code), coordinates, opening hours in OpenStreetMap syntax,
accessibility and identifiers (OD-04)."""

from django.utils.translation import gettext_lazy as _

from home.opendata.columns import DIRECTORY_COLUMNS, directory_columns, page_columns
from home.opendata.datasets import Dataset, commune_filter, slug_filter

from .models import PlaceKind, PlacePage
from .queries import kind_names

COLUMNS = (
    "id",
    "name",
    "kind",
    "kind_slug",
    "summary",
    *DIRECTORY_COLUMNS,
    "free_entry",
    "accessibility",
    "tourisme_handicap",
    "phone",
    "email",
    "website",
    "booking_url",
    "languages_spoken",
    "siret",
    "datatourisme_uri",
    "tags",
    "url",
    "last_update",
)
ACCESS = ("mobility", "hearing", "sight", "mental")


def places(scope, filters):
    queryset = scope.pages(PlacePage)
    if "commune" in filters:
        queryset = queryset.filter(commune=filters["commune"])
    if "kind" in filters:
        queryset = queryset.filter(kind__slug=filters["kind"])
    return queryset.select_related("commune", "kind").prefetch_related("tags").order_by("title", "pk")


def rows(scope, items):
    names = kind_names({place.kind for place in items})
    result = []
    for place in items:
        result.append(
            {
                "id": str(place.translation_key),
                "name": place.title,
                "kind": names.get(place.kind_id, ""),
                "kind_slug": place.kind.slug,
                "summary": place.introduction,
                **directory_columns(place),
                "free_entry": place.free_entry,
                "accessibility": [name for name in ACCESS if getattr(place, f"access_{name}")],
                "tourisme_handicap": place.tourisme_handicap,
                "phone": place.phone,
                "email": place.email,
                "website": place.website,
                "booking_url": place.booking_url,
                "languages_spoken": [code.strip() for code in place.languages_spoken.split(",") if code.strip()],
                "siret": place.siret,
                "datatourisme_uri": place.datatourisme_uri,
                "tags": sorted(tag.name for tag in place.tags.all()),
                **page_columns(scope, place),
            }
        )
    return result


def dataset():
    return Dataset(
        slug="places",
        title=_("Places to discover"),
        description=_(
            "Heritage, museums, natural sites, tiers-lieux and public services: kind, address, "
            "commune (INSEE code), coordinates, opening hours (OpenStreetMap syntax), prices, "
            "accessibility and identifiers (SIRET, DATAtourisme)."
        ),
        columns=COLUMNS,
        queryset=places,
        rows=rows,
        filters=(
            commune_filter(),
            slug_filter("kind", _("slug of a kind of place"), "patrimoine", PlaceKind),
        ),
        order=30,
    )
