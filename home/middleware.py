"""Django's LocaleMiddleware, minus one redirect.

Django answers a 404 outside ``i18n_patterns`` with a redirect to the same path under the
language prefix whenever some prefixed route could match it, and Wagtail's catch-all page route
matches almost any path ending in a slash: ``/api/v2/pages/999/`` would become a 302 to
``/fr/api/v2/pages/999/`` and an HTML page. Machine-read addresses must answer their own 404
and never redirect (L10N-01).
"""

from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers

UNPREFIXED = ("/api/", "/open-data/")


class LocaleMiddleware(locale.LocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
