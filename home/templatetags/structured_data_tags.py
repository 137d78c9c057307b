"""``{% json_ld data %}``: a page type's schema.org JSON-LD (places, trails, merchants) in its page."""

from django import template

from home.structured_data import json_ld_script

register = template.Library()


@register.simple_tag
def json_ld(data):
    """A ``<script type="application/ld+json">`` element (see home.structured_data)."""
    return json_ld_script(data)
