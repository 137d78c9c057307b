"""Addresses of pages as visitors reach them, never as a Site record spells them.

A Wagtail ``Site`` says which hostname serves which page tree. Its port and scheme say nothing
reliable about how visitors arrive: a proxy terminates HTTPS in front of the application, and
``make run`` serves on port 8000 while the demo Site says 80. Wagtail's ``page.url``,
``page.full_url`` and ``page.get_full_url(request)`` build addresses from the Site record, so the
site never uses them for what it shows or sends:

- **links inside the site** are paths (``{% pageurl %}``, ``page_url(page, request)``), so they
  work on whatever host and port the visitor asked for;
- **absolute addresses** (embed code, feeds offered for subscription, JSON-LD, sitemaps, open
  data) take the scheme, host and port of the request;
- **outside a request** (e-mails sent by a background worker), and for a page of another site
  (another territory), they come from one setting, ``WAGTAILADMIN_BASE_URL``: the public address
  of the default site. Another site keeps its own hostname with that setting's scheme and port.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Site


def public_origin(site=None):
    """``scheme://host[:port]`` of a site as visitors reach it, from ``WAGTAILADMIN_BASE_URL``."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if site is None or site.is_default_site:
        return f"{base.scheme}://{base.netloc}"
    port = f":{base.port}" if base.port else ""
    return f"{base.scheme}://{site.hostname}{port}"


def absolute_url(path, request=None, site=None):
    """An absolute address for a path of ``site`` (the request's own site when there is one)."""
    if request is not None and (site is None or _is_current_site(site, request)):
        return request.build_absolute_uri(path)
    return public_origin(site) + path


def page_url(page, request=None):
    """The address to link to ``page`` from a page served for ``request``: its path on the
    current site, an absolute address on another site. ``None`` when the page is not routable."""
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return None
    site_id, _root, path = parts
    current = Site.find_for_request(request) if request is not None else None
    if current is not None and current.pk == site_id:
        return path
    return public_origin(_site(site_id, request)) + path


def absolute_page_url(page, request=None):
    """The absolute address of ``page``: from the request for a page of the current site, from
    ``WAGTAILADMIN_BASE_URL`` otherwise."""
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return None
    site_id, _root, path = parts
    site = _site(site_id, request)
    return absolute_url(path, request=request, site=site)


def _is_current_site(site, request):
    current = Site.find_for_request(request)
    return current is not None and current.pk == site.pk


def _site(site_id, request=None):
    # Site.get_site_root_paths() is cached; look the Site up among the request's cached ones first.
    current = Site.find_for_request(request) if request is not None else None
    if current is not None and current.pk == site_id:
        return current
    return Site.objects.filter(pk=site_id).first()
