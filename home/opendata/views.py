"""Downloads of the open datasets, outside the language prefix, never redirected (L10N-01):

    /open-data/<dataset>.csv|json|geojson?lang=fr|en&<filters>

and the further shapes a dataset offers (``Dataset.extra_formats``: the events' OpenAgenda-style
JSON and schema.org JSON-LD listing).

Read-only GETs without cookie or CSRF (SEC-07); errors are short plain-text answers with their
real status (400 for a filter naming nothing, 404 for an unknown dataset or format). Every
answer names its licence (a ``Link: rel="license"`` header, and inside JSON and GeoJSON) and
its last update (``Last-Modified``, never earlier than the last change, and an ``ETag``; see
``changes``), with conditional GETs answered 304.
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.common import no_append_slash
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from home.local_time import PARIS

from . import changes
from .datasets import InvalidFilter, Scope, get_dataset, to_csv, to_geojson, to_json
from .licence import LICENCE_URL

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8; header=present",
    "json": "application/json",
    "geojson": "application/geo+json",
}
LANGUAGES = [code for code, _name in settings.LANGUAGES]
MAX_AGE = 600


def text_response(status, message):
    response = HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


def today_start():
    return dt.datetime.combine(timezone.now().astimezone(PARIS).date(), dt.time(0), tzinfo=PARIS)


# Exempt from CSRF: nothing is written, so any other method answers 405 rather than 403.
@csrf_exempt
@no_append_slash
@require_safe
def download(request, slug, fmt):
    dataset = get_dataset(slug)
    if dataset is None or fmt not in dataset.formats:
        return text_response(404, _("Not found."))
    language = request.GET.get("lang") or settings.LANGUAGE_CODE
    if language not in LANGUAGES:
        return text_response(400, _("lang: choose one of %(languages)s.") % {"languages": ", ".join(LANGUAGES)})
    with translation.override(language):
        scope = Scope.for_request(request, language)
        try:
            queryset = dataset.queryset(scope, dataset.read_filters(scope, request.GET))
        except InvalidFilter as error:
            return text_response(400, str(error))
        updated = dataset.last_update(queryset)
        # Never earlier than the last change of any dataset: the newest remaining row is not
        # enough once a newer one has been removed (see home.opendata.changes).
        changed = max(filter(None, (updated, changes.changed_at())))
        if dataset.follows_time:
            changed = max(changed, today_start())
        # Whole seconds: Last-Modified has a one-second resolution.
        last_modified = int(changed.timestamp())
        etag = validator(request, dataset)
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return with_headers(not_modified, last_modified, etag)
        rows = dataset.rows(scope, list(queryset))
        extra = dataset.extra_format(fmt)
        if extra is not None:
            body = extra.write(dataset, scope, rows, updated)
        elif fmt == "csv":
            body = to_csv(dataset, rows)
        elif fmt == "json":
            body = to_json(dataset, scope, rows, updated)
        else:
            body = to_geojson(dataset, scope, rows, updated)
    response = HttpResponse(body, content_type=extra.content_type if extra else CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'inline; filename="{slug}-{language}.{fmt}"'
    return with_headers(response, last_modified, etag)


def validator(request, dataset):
    """The ETag: the datasets' version (it changes with every change, even within a second),
    the address as asked (host, scheme, path, parameters in any order) and, for datasets that
    follow time, the day."""
    parts = [
        changes.version(),
        request.scheme,
        request.get_host(),
        request.path,
        sorted(request.GET.lists()),
        today_start().date() if dataset.follows_time else "",
    ]
    return quote_etag(hashlib.sha256(repr(parts).encode()).hexdigest()[:32])


def with_headers(response, last_modified, etag):
    response["ETag"] = etag
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


@no_append_slash
def not_found(request, *args, **kwargs):
    return text_response(404, _("Not found."))


urlpatterns = [
    path("<slug:slug>.<str:fmt>", download, name="open_data_download"),
    re_path(r"", not_found),
]
