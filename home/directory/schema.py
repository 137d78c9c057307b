"""schema.org pieces shared by the JSON-LD of places, trails and merchants.

Each page type builds its own object (``tourism/schema.py``, ``commerce/schema.py``) from model
data in the page's language; the template prints it with ``{% json_ld %}``
(``structured_data_tags``), which escapes it for a ``<script>`` element.
"""


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
