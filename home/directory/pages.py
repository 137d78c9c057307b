"""The index page of a directory: its results as a list with a map of the same results beside
it (``templates/components/map_with_list_page.html``), and as GeoJSON for that map."""

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from .geojson import geojson_response


class MapWithListMixin(RoutablePageMixin):
    """For an index page (places, merchants) whose context gives ``results``, one page of the
    filtered list. The page type names its results and its map, and builds its GeoJSON."""

    results_name = ""  # "places": the GeoJSON file's name and the HTML ids of the list and the map
    map_title = ""  # marked with gettext_noop, translated by the template

    def feature_collection(self, request):
        """The results of the list's filters (``request.GET``) that have coordinates, as a
        FeatureCollection (``home.directory.geojson``)."""
        raise NotImplementedError

    # Wagtail page addresses cannot contain a dot: this is …/geojson/.
    @path("geojson/", name="geojson")
    def geojson(self, request):
        response = geojson_response(self.feature_collection(request))
        response["Content-Disposition"] = f'inline; filename="{self.results_name}.geojson"'
        # Open data: any site may draw these points on its own map.
        response["Access-Control-Allow-Origin"] = "*"
        return response


def listing_context(filters, filter_form, page_obj, rows, query, off_map=()):
    """The template context of one page of a directory's filtered list: ``rows`` are the page's
    results, ``query`` the filters as a query string, kept by the pagination links and the map's
    GeoJSON address, ``off_map`` the results (all pages) that have no coordinates."""
    return {
        "filters": filters,
        # A filter with several values (the merchants' services) counts each of them.
        "active_filters": sum(len(value) if isinstance(value, list) else 1 for value in filters.values()),
        "off_map": off_map,
        "filter_form": filter_form,
        "page_obj": page_obj,
        "results": rows,
        "query_prefix": f"{query}&" if query else "",
        "geojson_query": f"?{query}" if query else "",
    }
