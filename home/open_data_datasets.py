"""The open datasets of ``home``: the actions of the territory's strategy documents and its
communes (registered in ``home/wagtail_hooks.py``)."""

from django.utils.translation import gettext_lazy as _

from home.models import ActionPage, CommuneIndexPage, Status
from home.open_data import Dataset, Filter, commune_filter, read_slug
from home.public_urls import absolute_page_url
from home.strategy.exports import EXPORT_FIELDS, action_records

# The columns of a document's own export (home/strategy/exports.py), with the document named on each row
# and the date of the last update.
ACTION_COLUMNS = ("id", "code", "title", "document", "document_id", *EXPORT_FIELDS[3:], "last_update")


def actions_queryset(scope, filters):
    actions = scope.pages(ActionPage)
    if "commune" in filters:
        concerned = ActionPage.communes.through.objects.filter(commune=filters["commune"])
        actions = actions.filter(pk__in=concerned.values("actionpage_id"))
    if "status" in filters:
        actions = actions.filter(status=filters["status"])
    return actions.order_by("path")


def actions_rows(scope, actions):
    if scope.home is None:
        return []
    queryset = ActionPage.objects.filter(pk__in=[action.pk for action in actions])
    return action_records(scope.home, queryset, scope.request)


def actions():
    return Dataset(
        slug="actions",
        title=_("Actions of the digital strategy"),
        description=_(
            "Every action of the territory's strategy documents: status, schedule, lead, partners, "
            "budget, funding, themes and communes concerned (INSEE codes)."
        ),
        columns=ACTION_COLUMNS,
        queryset=actions_queryset,
        rows=actions_rows,
        filters=(
            commune_filter(),
            Filter(
                "status",
                _("status of the action"),
                Status.IN_PROGRESS.value,
                read_slug("status", lambda scope: Status.values),
            ),
        ),
        located=False,
        order=10,
    )


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


def communes():
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
