"""Reading the GPX file of a trail into what the site stores: a simplified line as GeoJSON,
its length, elevation gain, start point and whether it is a loop.

gpxpy does the parsing (tracks, routes, namespaces, GPX 1.0 and 1.1). Anything wrong with the
file raises ``GPXError`` with a message an editor can act on; the admin form shows it and the
page is not saved.
"""

import math

import gpxpy
import gpxpy.gpx

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 5 * 1024 * 1024
MAX_POINTS = 100_000
# Ramer–Douglas–Peucker tolerance: a few metres keeps the shape at street zoom levels while
# dropping most points of a phone recording (one every second).
SIMPLIFY_METRES = 5
LOOP_METRES = 250
DECIMALS = 5  # about one metre


class GPXError(ValidationError):
    """The file cannot be used as a trail; the message says why."""


def parse_gpx(data):
    """Parse GPX bytes; return a dict with ``geometry`` (a GeoJSON LineString), ``length_km``,
    ``elevation_gain_m`` (None without elevations), ``start`` ([lon, lat]) and ``is_loop``."""
    if not data or not data.strip():
        raise GPXError(_("The GPX file is empty."), code="empty")
    if len(data) > MAX_BYTES:
        raise GPXError(
            _("The GPX file is too large (more than %(size)s MB)."), code="too_large", params={"size": MAX_BYTES >> 20}
        )
    try:
        gpx = gpxpy.parse(data.decode("utf-8-sig") if isinstance(data, bytes) else data)
    except (gpxpy.gpx.GPXException, UnicodeDecodeError, ValueError) as error:
        raise GPXError(
            _("This is not a readable GPX file (%(error)s)."), code="malformed", params={"error": str(error)[:200]}
        ) from error
    points = [point for track in gpx.tracks for segment in track.segments for point in segment.points]
    if not points:
        points = [point for route in gpx.routes for point in route.points]
        if points:  # a route (planned trail) rather than a recorded track
            gpx.tracks.append(_track_from(points))
    if len(points) < 2:
        raise GPXError(_("The GPX file holds no track or route with at least two points."), code="no_track")
    if len(points) > MAX_POINTS:
        raise GPXError(
            _("The GPX file has too many points (more than %(count)s)."), code="too_large", params={"count": MAX_POINTS}
        )
    for point in points:
        if not (-90 <= point.latitude <= 90 and -180 <= point.longitude <= 180):
            raise GPXError(_("The GPX file has points outside the range of coordinates."), code="bad_point")
    length_km = round(gpx.length_2d() / 1000, 2)
    uphill, _downhill = gpx.get_uphill_downhill()
    has_elevation = any(point.elevation is not None for point in points)
    gpx.simplify(max_distance=SIMPLIFY_METRES)
    line = [
        [round(point.longitude, DECIMALS), round(point.latitude, DECIMALS)]
        for track in gpx.tracks
        for segment in track.segments
        for point in segment.points
    ]
    return {
        "geometry": {"type": "LineString", "coordinates": line},
        "length_km": length_km,
        "elevation_gain_m": round(uphill) if has_elevation else None,
        "start": line[0],
        "is_loop": distance_m(points[0], points[-1]) <= LOOP_METRES,
    }


def _track_from(points):
    track = gpxpy.gpx.GPXTrack()
    segment = gpxpy.gpx.GPXTrackSegment()
    segment.points = [
        gpxpy.gpx.GPXTrackPoint(point.latitude, point.longitude, elevation=point.elevation) for point in points
    ]
    track.segments.append(segment)
    return track


def distance_m(first, second):
    """Great-circle distance in metres between two objects with latitude and longitude."""
    return haversine_m(first.latitude, first.longitude, second.latitude, second.longitude)


def haversine_m(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = (math.radians(float(value)) for value in (lat1, lon1, lat2, lon2))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def distance_to_line_m(latitude, longitude, coordinates):
    """Shortest distance in metres from a point to a line given as GeoJSON [lon, lat] pairs
    (equirectangular projection around the point: exact enough over a few kilometres)."""
    scale = math.cos(math.radians(float(latitude)))
    px, py = float(longitude) * scale, float(latitude)
    best = math.inf
    for (lon1, lat1), (lon2, lat2) in zip(coordinates, coordinates[1:], strict=False):
        ax, ay, bx, by = lon1 * scale, lat1, lon2 * scale, lat2
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(px - (ax + t * dx), py - (ay + t * dy)))
    return best * 111_320
