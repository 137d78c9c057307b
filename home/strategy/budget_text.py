"""Which free-text budget lines of an action can become structured budget lines.

An action's budget was first transcribed as text ("210 000 € HT répartis sur 3 ans") with a
parsed amount and unit. Only a sum that reads one way becomes a figure: an amount of money in
euros (not full-time equivalents, days or a yearly or daily rate, whose total depends on a
duration the text does not give), and only when it is the action's single such sum (several
sums may be a total and its breakdown, and adding them up would count money twice). Anything
else stays as the editor's text. Used by the migration of existing actions and the demo loader.
"""

import re
from decimal import Decimal, InvalidOperation

# Units of a one-off sum of money; per-year amounts, staff and days are not sums.
MONEY_UNITS = {"eur_ht": Decimal(1), "eur_ttc": Decimal(1), "keur_ht": Decimal(1000)}
RATE = re.compile(r"\b(par|per)\b|/\s*(an|jour|mois)\b", re.IGNORECASE)
NATURES = {"investissement": "investment", "investment": "investment", "fonctionnement": "operation"}


def structured_lines(blocks):
    """Structured lines (dicts of BudgetLine fields) from the raw stream data of an action's
    free-text budget, or [] when it does not read one way."""
    candidates = [value for value in (block.get("value") or {} for block in blocks) if _is_sum(value)]
    if len(candidates) != 1:
        return []
    value = candidates[0]
    return [
        {
            "amount": _decimal(value["amount"]) * MONEY_UNITS[value["unit"]],
            "currency": "EUR",
            "tax": _tax(value.get("raw", "")),
            "nature": _nature(value.get("label", "")),
            "stage": "planned",
        }
    ]


def _is_sum(value):
    if value.get("unit") not in MONEY_UNITS or _decimal(value.get("amount")) is None:
        return False
    return not RATE.search(f"{value.get('raw', '')} {value.get('period', '')}")


def _tax(raw):
    if re.search(r"\bHT\b", raw):
        return "excl"
    if re.search(r"\bTTC\b", raw):
        return "incl"
    return ""


def _nature(label):
    words = re.findall(r"\w+", label.lower())
    natures = {NATURES[word] for word in words if word in NATURES}
    return natures.pop() if len(natures) == 1 else ""


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
