"""Typography and language marks that differ between French and English pages.

French puts a (non-breaking) space before a colon and a percent sign, English does not; a
French name or text shown on an English page is marked ``lang="fr"`` so that screen readers
pronounce it in French and readers know it is not a translation left out.
"""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.keywords import named_tags
from home.localized_names import localized_names

register = template.Library()


def _french():
    return (translation.get_language() or "fr").startswith("fr")


@register.simple_tag
def colon():
    """``Phone: …`` in English, ``Téléphone : …`` in French."""
    # The entity, as the templates wrote it before: French pages keep their bytes.
    return mark_safe("&nbsp;:") if _french() else ":"


@register.filter
def percent(value):
    """A whole percentage: ``42 %`` in French, ``42%`` in English."""
    number = floatformat(value, 0)
    return format_html("{}&nbsp;%", number) if _french() else f"{number}%"


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


def _number(value):
    """A number in the page's language: 145,000 or 0.5 in English, 145 000 or 0,5 in French."""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else None
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def budget_amount(line):
    """A budget line's parsed amount with its unit, written the page's language's way:
    ``€145,000 excl. VAT`` and ``0.5 FTE`` in English, ``145 000 € HT`` and ``0,5 ETP`` in French."""
    amount = line.get("amount")
    if amount is None:
        return ""
    unit = line.get("unit")
    if unit == "keur_ht":
        amount, unit = Decimal(amount) * 1000, "eur_ht"
    number = _number(amount)
    if unit == "eur_ht":
        return _("€%(amount)s excl. VAT") % {"amount": number}
    if unit == "eur_ht_year":
        return _("€%(amount)s excl. VAT per year") % {"amount": number}
    if unit == "eur_ttc":
        return _("€%(amount)s incl. VAT") % {"amount": number}
    if unit == "etp":
        return _("%(amount)s FTE") % {"amount": number}
    if unit == "days":
        return ngettext("%(amount)s day", "%(amount)s days", int(Decimal(amount))) % {"amount": number}
    return number


@register.filter
def localized_name(snippet):
    """The name of a translatable snippet (an organisation…) in the page's language."""
    return localized_names([snippet], type(snippet))[snippet.pk]
