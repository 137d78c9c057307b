"""The points of a directory as GeoJSON (RFC 7946: [longitude, latitude], WGS84), for its map.

Pages without coordinates are in the list beside the map and listed under it
(``off_the_map``), never in its GeoJSON.
"""

import json

from django.db import models
from django.http import HttpResponse

# What a marker shows (name, address of the page, commune), and nothing more is read.
MARKER_FIELDS = (
    "id",
    "title",
    "listing_title",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "latitude",
    "longitude",
    "commune__name",
)


def on_the_map(pages, *fields):
    """The pages of ``pages`` (a queryset of a ``LocationMixin`` page type) that have coordinates,
    reading only the fields of a marker and ``fields``."""
    return (
        pages.filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("commune")
        .only(*MARKER_FIELDS, *fields)
    )


def off_the_map(pages):
    """The pages of ``pages`` without coordinates, reading what a link to them needs: a
    directory lists them under its map, so that none silently vanishes from it."""
    return (
        pages.filter(models.Q(latitude__isnull=True) | models.Q(longitude__isnull=True))
        .select_related(None)
        .select_related("commune")
        .only(*MARKER_FIELDS)
    )


def feature_collection(pages, request, kind):
    """A FeatureCollection of one point per page, with its name, address, commune and
    ``kind(page)``: the name of its kind of place or category in the active language."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": page.pk,
                "geometry": {"type": "Point", "coordinates": [float(page.longitude), float(page.latitude)]},
                "properties": {
                    "name": page.card_title,
                    "url": page.get_url(request),
                    "kind": kind(page),
                    "commune": page.commune.name if page.commune else "",
                },
            }
            for page in pages
        ],
    }


def geojson_response(data):
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/geo+json")
