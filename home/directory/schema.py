"""schema.org pieces shared by the JSON-LD of places, trails and merchants.

Each page type builds its own object (``tourism/schema.py``, ``commerce/schema.py``) from model
data in the page's language; the template prints it with ``{% json_ld %}``
(``structured_data_tags``), which escapes it for a ``<script>`` element.
"""

from home.images import share_image_url


def postal_address(street, commune):
    """A ``PostalAddress`` in France, with the commune's postcode and name when known."""
    address = {"@type": "PostalAddress", "addressCountry": "FR"}
    if street:
        address["streetAddress"] = street
    if commune is not None:
        address["postalCode"] = commune.postcode
        address["addressLocality"] = commune.name
    return address


def geo_coordinates(latitude, longitude):
    return {"@type": "GeoCoordinates", "latitude": float(latitude), "longitude": float(longitude)}


def image_url(image, request):
    """The address of an image's shared rendition (home/images.py): absolute, on the request's
    host, when there is a request."""
    return share_image_url(image, request)
