from django.http import HttpResponseServerError
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
    # No hreflang alternates: an address that does not exist has no other-language version.
    return render(request, "404.html", {"alternates_for_view": False}, status=404)


def server_error(request):
    # No context processors here: whatever broke the page must not break the error page.
    return HttpResponseServerError(loader.get_template("500.html").render())
