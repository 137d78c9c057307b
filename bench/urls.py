"""The project's routes and one bare view, the floor the cases are reported against."""

from django.http import HttpResponse
from django.urls import path

from hub.urls import handler404, handler500  # noqa: F401
from hub.urls import urlpatterns as project_urlpatterns


def bare(request):
    """No database, no template, no language: what any request costs through the middleware."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
