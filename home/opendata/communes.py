"""The open dataset of the territory's communes (registered in ``home/wagtail_hooks.py``)."""

from django.utils.translation import gettext_lazy as _

from home.models import CommuneIndexPage
from home.public_urls import absolute_page_url

from .datasets import Dataset

COMMUNE_COLUMNS = (
    "id",
    "name",
    "slug",
    "postcode",
    "population",
    "population_year",
    "area_km2",
    "latitude",
    "longitude",
    "website",
    "url",
    "last_update",
)


def communes_queryset(scope, filters):
    return scope.communes().order_by("name", "insee_code")


def communes_rows(scope, communes):
    index = None
    if scope.home is not None:
        index = CommuneIndexPage.objects.live().filter(path__startswith=scope.home.path).first()
    base = absolute_page_url(index, scope.request) if index else ""
    return [
        {
            "id": commune.insee_code,
            "name": commune.name,
            "slug": commune.slug,
            "postcode": commune.postcode,
            "population": commune.population,
            "population_year": commune.population_year,
            "area_km2": commune.area_km2,
            "latitude": commune.latitude,
            "longitude": commune.longitude,
            "website": commune.website,
            "url": f"{base}{commune.slug}/" if base else "",
            "last_update": commune.updated_at,
        }
        for commune in communes
    ]


def dataset():
    return Dataset(
        slug="communes",
        title=_("Communes of the territory"),
        description=_(
            "The member communes: INSEE code (the identifier), name, postcode, population, area, "
            "coordinates of the town centre and website."
        ),
        columns=COMMUNE_COLUMNS,
        queryset=communes_queryset,
        rows=communes_rows,
        updated="updated_at",
        order=50,
    )
