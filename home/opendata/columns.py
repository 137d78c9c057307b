"""Columns that several datasets share, with the values of a row for them."""

from home.public_urls import absolute_page_url

# Where a place or a merchant of the directory is and when it opens: the same columns, in this
# order, in both datasets.
DIRECTORY_COLUMNS = (
    "street_address",
    "commune_insee",
    "commune_name",
    "latitude",
    "longitude",
    "opening_hours",
    "opening_hours_note",
)


def directory_columns(item):
    """The values of ``DIRECTORY_COLUMNS`` for a page of the directory kit (home/directory/)."""
    return {
        "street_address": item.street_address,
        **commune_columns(item.commune),
        "latitude": item.latitude,
        "longitude": item.longitude,
        "opening_hours": item.opening_hours_osm,
        "opening_hours_note": item.opening_hours_note,
    }


def commune_columns(commune):
    """The commune columns of a row: its INSEE code and name, empty when the row has none."""
    return {"commune_insee": commune.insee_code if commune else "", "commune_name": commune.name if commune else ""}


def page_columns(scope, page):
    """The last columns of a page's row: its public address (from the request) and last publication."""
    return {"url": absolute_page_url(page, scope.request), "last_update": page.last_published_at}
