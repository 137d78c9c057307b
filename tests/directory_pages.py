"""What a directory (places or merchants) lists, read the way a visitor and a map read it."""

import json
import re


def list_titles(client, url):
    """The titles of the list alternative of the map."""
    html = client.get(url).content.decode()
    return set(re.findall(r'<h3 class="place-item__title"><a href="[^"]+">([^<]+)</a>', html))


def geojson_titles(client, url):
    """The names of the GeoJSON features the map draws."""
    response = client.get(url)
    assert response["Content-Type"] == "application/geo+json"
    return {feature["properties"]["name"] for feature in json.loads(response.content)["features"]}
