"""Numbers, amounts and punctuation written each language's way (home/templatetags/language_tags.py)."""

from decimal import Decimal

import pytest

from django.template import Context, Template
from django.utils import translation

from home.templatetags.language_tags import budget_amount, colon, percent


@pytest.mark.parametrize(
    ("line", "english", "french"),
    [
        ({"amount": Decimal("145"), "unit": "keur_ht"}, "€145,000 excl. VAT", "145\u00a0000\u00a0€ HT"),
        ({"amount": Decimal("1234.56"), "unit": "eur_ttc"}, "€1,234.56 incl. VAT", "1\u00a0234,56\u00a0€ TTC"),
        ({"amount": Decimal("0.5"), "unit": "etp"}, "0.5 FTE", "0,5\u00a0ETP"),
        ({"amount": Decimal("3"), "unit": "days"}, "3 days", "3 jours"),
        ({"amount": None, "unit": "eur_ht"}, "", ""),
    ],
)
def test_budget_amounts_follow_the_language(line, english, french):
    with translation.override("en"):
        assert budget_amount(line) == english
    with translation.override("fr"):
        assert budget_amount(line) == french


def test_english_has_no_space_before_a_colon_or_a_percent_sign():
    with translation.override("en"):
        assert (colon(), percent(42.4)) == (":", "42%")
    with translation.override("fr"):
        assert (colon(), percent(42.4)) == ("&nbsp;:", "42&nbsp;%")


def test_french_text_is_marked_on_english_pages_only():
    template = Template("{% load language_tags %}{{ name|french_text }}")
    with translation.override("en"):
        assert template.render(Context({"name": "Pays de Mormal"})) == '<span lang="fr">Pays de Mormal</span>'
    with translation.override("fr"):
        assert template.render(Context({"name": "Pays de Mormal"})) == "Pays de Mormal"
