"""Typography and language marks that differ between French and English pages.

French puts a (non-breaking) space before a colon and a percent sign, English does not; a
French name or text shown on an English page is marked ``lang="fr"`` so that screen readers
pronounce it in French and readers know it is not a translation left out.
"""

from django import template
from django.template.defaultfilters import floatformat
from django.utils import translation
from django.utils.html import format_html

from home.keywords import named_tags

register = template.Library()


def _french():
    return (translation.get_language() or "fr").startswith("fr")


@register.simple_tag
def colon():
    """``Phone: …`` in English, ``Téléphone : …`` in French."""
    return "\u00a0:" if _french() else ":"


@register.filter
def percent(value):
    """A whole percentage: ``42 %`` in French, ``42%`` in English."""
    number = floatformat(value, 0)
    return f"{number}\u00a0%" if _french() else f"{number}%"


@register.filter
def french_text(value, language="fr"):
    """A text that exists only in French (``language`` is the language it is written in),
    marked as such on a page in another language; unchanged on a French page."""
    if not value or (translation.get_language() or "fr").split("-")[0] == language:
        return value
    return format_html('<span lang="{}">{}</span>', language, value)


@register.filter
def in_language(tags):
    """Tags named in the page's language (``home.keywords``), in one query."""
    return named_tags(tags)
