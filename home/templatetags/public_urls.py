"""Template tags for absolute addresses built from the request (see ``home.public_urls``).

Links inside the site use Wagtail's ``{% pageurl page %}`` (a path); these are for what leaves
the page: code to copy, subscription links, structured data.
"""

from django import template

from home import public_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_pageurl(context, page):
    """``{% absolute_pageurl page %}``: the page's address on the host the visitor asked for."""
    return public_urls.absolute_page_url(page, context.get("request")) or ""


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """``{% absolute_url "/feeds/fr/agenda.ics" %}``: a path of this site as an absolute address."""
    return public_urls.absolute_url(path, context.get("request"))
