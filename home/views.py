from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe


@require_safe
def root_redirect(request):
    """Send "/" to the visitor's language, French when the browser asks for neither."""
    language = translation.get_language_from_request(request)
    response = redirect(f"/{language}/")
    patch_vary_headers(response, ["Accept-Language"])
    return response


def page_not_found(request, exception=None):
    # No hreflang alternates: an address that does not exist has no other-language version (and
    # the language switcher leads to the other language's home page, `not_found`).
    return render(request, "404.html", {"alternates_for_view": False, "not_found": True}, status=404)


def server_error(request):
    # No context processors here: whatever broke the page must not break the error page.
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_safe
def robots_txt(request):
    """Crawlers may read everything public, the feeds included; not the admin, nor the search
    results (endless combinations of words)."""
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Allow: /feeds/",
        "Disallow: /admin/",
        "Disallow: /fr/search/",
        "Disallow: /en/search/",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
