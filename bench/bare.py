"""A bare Django view, measured in every run as the yardstick of the other cases: the same
middleware, no template, no query. ``python -m bench`` serves it with ``ROOT_URLCONF`` set to
this module (the ``bare`` case), so the project's URLs are left alone."""

from django.http import HttpResponse
from django.urls import path


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bare/", bare)]
