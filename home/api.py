"""The read-only JSON API, version 2, mounted at /api/v2/ outside the language prefix.

- ``pages``: Wagtail's pages endpoint (live, public pages of the request's site in every
  language; ``?type=events.EventPage``, ``?locale=en``, ``?fields=``, ``?search=``), each page
  type exposing its ``api_fields``;
- ``communes``: the communes of the request's site.

Anonymous and read-only: no authentication (so no session, no CSRF), JSON only (DRF's
browsable HTML would set a CSRF cookie), every other method than GET/HEAD/OPTIONS is 405.
"""

import re

from rest_framework.renderers import JSONRenderer

from django.utils.translation import gettext as _

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Site

from home.api_fields import CoordinateField
from home.models import Commune

# Larger offsets or ids than a database integer holds fail in the query, not as a 400.
MAX_INTEGER = 2**31 - 1


class PublicAPIMixin:
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []

    def initial(self, request, *args, **kwargs):
        """Refuse with a 400 the parameters Wagtail would pass on unchecked to a query (a
        non-numeric ``id`` in ``find/``, an unknown ``site``, a huge ``offset``), and keep only
        the words of ``search``: quotes and operators would reach SQLite's FTS5 query syntax,
        where a lone ``"`` is an error (search.query.Search.text does the same)."""
        super().initial(request, *args, **kwargs)
        params = request._request.GET
        for name in ("id", "offset"):
            value = params.get(name)
            if value is not None and not (value.isascii() and value.isdigit() and int(value) <= MAX_INTEGER):
                raise BadRequestError(_("%(parameter)s must be a positive whole number.") % {"parameter": name})
        if "site" in params:
            hostname, colon, port = params["site"].partition(":")
            query = {"hostname": hostname}
            if colon:
                if not (port.isascii() and port.isdigit() and int(port) < 65536):
                    raise BadRequestError(_("site: no site has this address."))
                query["port"] = int(port)
            if not Site.objects.filter(**query).exists():
                raise BadRequestError(_("site: no site has this address."))
        if "search" in params:
            params = params.copy()
            params["search"] = " ".join(re.findall(r"\w+", params["search"]))
            request._request.GET = params


class PagesAPI(PublicAPIMixin, PagesAPIViewSet):
    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")
        # Each page type names the relations its api_fields read, so a listing makes the same
        # number of queries for 5 pages as for 50.
        model = queryset.model
        if getattr(model, "api_select_related", None):
            queryset = queryset.select_related(*model.api_select_related)
        if getattr(model, "api_prefetch_related", None):
            queryset = queryset.prefetch_related(*model.api_prefetch_related)
        return queryset


class CommunesAPI(PublicAPIMixin, BaseAPIViewSet):
    """The communes of the territory the request is for."""

    model = Commune
    name = "communes"
    filter_backends = [FieldsFilter, OrderingFilter]
    body_fields = BaseAPIViewSet.body_fields + [
        "insee_code",
        "name",
        "slug",
        "postcode",
        "population",
        "population_year",
        APIField("latitude", serializer=CoordinateField()),
        APIField("longitude", serializer=CoordinateField()),
        "website",
    ]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["insee_code", "name", "postcode"]

    def get_queryset(self):
        return Commune.objects.filter(site=Site.find_for_request(self.request)).order_by("name", "pk")


api_router = WagtailAPIRouter("api")
api_router.register_endpoint("pages", PagesAPI)
api_router.register_endpoint("communes", CommunesAPI)
