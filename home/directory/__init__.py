"""The directory kit: what places (``tourism``), merchants (``commerce``) and events share.

- ``location``: address, commune and coordinates, validated (abstract models);
- ``opening_hours``: weekly hours, seasons and exceptions, "open now" in Paris time;
- ``geojson``: the points of a list as a GeoJSON FeatureCollection, and its response;
- ``pages``: the index page whose results are a list with a map beside it, and its GeoJSON route;
- ``schema``: schema.org pieces of a place's JSON-LD (postal address, coordinates, image).

It builds on the page core of ``home`` (pages, snippets, API fields), which never imports it.
Templates: ``components/map_with_list_page.html``, ``map_with_list_item.html``, ``map.html``,
``map_assets.html`` and ``opening_hours.html``.
"""
