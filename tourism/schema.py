"""schema.org JSON-LD for places and trails, and the GeoJSON of a trail.

Built from model data in the page's language (standards.md §2.5) with the shared pieces of
``home.directory.schema``; the template prints it with ``{% json_ld %}``, which escapes it for a
``<script>`` element.
"""

from home.directory.schema import geo_coordinates, postal_address
from home.images import page_image_url
from home.public_urls import absolute_page_url

DATATOURISME = "https://www.datatourisme.gouv.fr/ontology/core#"
TRAIL_CLASSES = {"walk": "WalkingTour", "cycle": "CyclingTour", "horse": "HorseTour"}


def place_json_ld(place, request, hours=None):
    """A place as its schema.org type (from its kind), with address, coordinates, opening hours,
    contact, accessibility features and its DATAtourisme class."""
    url = absolute_page_url(place, request)
    data = {
        "@context": "https://schema.org",
        "@type": place.kind.schema_type,
        "@id": f"{url}#place",
        "additionalType": place.kind.datatourisme_uri,
        "name": place.title,
        "url": url,
        "inLanguage": place.locale.language_code,
        "address": postal_address(place.street_address, place.commune),
    }
    if place.introduction:
        data["description"] = place.introduction
    if place.has_coordinates:
        data["geo"] = geo_coordinates(place.latitude, place.longitude)
    hours = hours if hours is not None else place.hours
    if hours:
        data["openingHoursSpecification"] = hours.schema_org()
    if place.free_entry:
        data["isAccessibleForFree"] = True
    for key, value in (("telephone", place.phone), ("email", place.email)):
        if value:
            data[key] = value
    same_as = [value for value in (place.datatourisme_uri, place.website, place.acceslibre_url) if value]
    if same_as:
        data["sameAs"] = same_as
    features = [str(label) for label in place.access_labels]
    if features:
        data["amenityFeature"] = [
            {"@type": "LocationFeatureSpecification", "name": name, "value": True} for name in features
        ]
    image = page_image_url(place, request)
    if image:
        data["image"] = image
    tags = [tag.name for tag in place.tags.all()]
    if tags:
        data["keywords"] = ", ".join(sorted(tags))
    return data


def trail_json_ld(trail, request):
    """A trail as a schema.org TouristTrip (its DATAtourisme Tour class as additionalType), with
    its starting place, its line as a GeoShape and the GPX file."""
    url = absolute_page_url(trail, request)
    data = {
        "@context": "https://schema.org",
        "@type": "TouristTrip",
        "@id": f"{url}#trail",
        "additionalType": DATATOURISME + TRAIL_CLASSES[trail.activity],
        "name": trail.title,
        "url": url,
        "inLanguage": trail.locale.language_code,
    }
    if trail.introduction:
        data["description"] = trail.introduction
    image = page_image_url(trail, request)
    if image:
        data["image"] = image
    if trail.line:
        start = trail.start_point
        data["itinerary"] = {
            "@type": "Place",
            "name": trail.start_description or trail.title,
            "address": postal_address("", trail.start_commune),
            "geo": geo_coordinates(start[1], start[0]),
        }
        line = " ".join(f"{lat} {lon}" for lon, lat in trail.line["coordinates"])
        data["subjectOf"] = {"@type": "Place", "geo": {"@type": "GeoShape", "line": line}}
    if trail.gpx_file:
        data["encoding"] = {
            "@type": "MediaObject",
            "encodingFormat": "application/gpx+xml",
            "contentUrl": f"{url}gpx/",
        }
    return data


def trail_geojson(trail, request):
    """The trail's line and its start, as a FeatureCollection for the map."""
    features = []
    if trail.line:
        features.append(
            {"type": "Feature", "geometry": trail.line, "properties": {"name": trail.title, "role": "line"}}
        )
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": trail.start_point},
                "properties": {"name": trail.start_description or trail.title, "role": "start"},
            }
        )
    return {"type": "FeatureCollection", "features": features}
