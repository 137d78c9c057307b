"""``{% json_ld data %}``: a page type's schema.org JSON-LD (places, trails, merchants) in its page;
``{% web_page_json_ld %}`` for pages without a more precise type; ``{% open_graph_image %}``,
the image social networks show when the page is shared."""

from django import template
from django.utils.html import format_html_join

from home.images import share_alt_text, share_image, share_rendition
from home.structured_data import json_ld_script, web_page

register = template.Library()


@register.simple_tag
def json_ld(data):
    """A ``<script type="application/ld+json">`` element (see home.structured_data)."""
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def web_page_json_ld(context):
    """The page as a schema.org WebPage (home.structured_data.web_page)."""
    page = context.get("page")
    if page is None:
        return ""
    return json_ld_script(web_page(page, context.get("request")))


@register.simple_tag(takes_context=True)
def open_graph_image(context):
    """``og:image`` meta tags for the page's main (or listing) image: an absolute address on the
    request's host, its size and its text alternative."""
    page = context.get("page")
    request = context.get("request")
    image = share_image(page) if page is not None else None
    rendition = share_rendition(image) if image is not None else None
    if rendition is None or request is None:
        return ""
    properties = [
        ("og:image", request.build_absolute_uri(rendition.url)),
        ("og:image:width", rendition.width),
        ("og:image:height", rendition.height),
    ]
    alt = share_alt_text(page)
    if alt:
        properties.append(("og:image:alt", alt))
    return format_html_join("\n        ", '<meta property="{}" content="{}">', properties)
