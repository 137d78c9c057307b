"""Indicators of an action measured over time: a baseline, a target and dated measured values,
drawn as a small chart (an SVG made on the server, no JavaScript) with a table of the same
figures beside it.

Editors enter them in the action's "Indicators" blocks; the figures and dates are the same in
every language, the indicator's name and unit are translated.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import blocks

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 12, 12


class MeasurementBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=gettext_lazy("Date"))
    value = blocks.DecimalBlock(label=gettext_lazy("Value"), max_digits=14, decimal_places=2)

    class Meta:
        icon = "date"
        label = gettext_lazy("Measurement")


class IndicatorValue(blocks.StructValue):
    def measurements(self):
        """The measured values, oldest first."""
        return sorted(self.get("measurements") or [], key=lambda item: item["date"])

    def chart(self):
        return chart(self)


@dataclass
class Point:
    x: float
    y: float
    date: object
    value: Decimal

    @property
    def figure(self):
        return figure(self.value)


def figure(value):
    """A measured figure in the active language: 1 234 or 1,234, decimals only when needed."""
    decimals = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def chart(indicator):
    """What the template needs to draw the indicator: the points of its measured values, the
    baseline and target lines, and a sentence saying what the picture shows. None without at
    least one measurement."""
    measurements = indicator.measurements()
    if not measurements:
        return None
    baseline, target = indicator.get("baseline"), indicator.get("target_value")
    dates = [item["date"] for item in measurements]
    dates += [day for day in (indicator.get("baseline_date"), indicator.get("target_date")) if day]
    values = [item["value"] for item in measurements] + [v for v in (baseline, target) if v is not None]
    first, last = min(dates), max(dates)
    low, high = min(Decimal(0), *values), max(values)
    span_days = (last - first).days or 1
    span_values = (high - low) or 1

    def x(day):
        return round(LEFT + (WIDTH - LEFT - RIGHT) * ((day - first).days / span_days), 1)

    def y(amount):
        return round(TOP + (HEIGHT - TOP - BOTTOM) * float((high - amount) / span_values), 1)

    points = [Point(x(item["date"]), y(item["value"]), item["date"], item["value"]) for item in measurements]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "points": points,
        "polyline": " ".join(f"{point.x},{point.y}" for point in points),
        "baseline_y": y(baseline) if baseline is not None else None,
        "target_y": y(target) if target is not None else None,
        "description": describe(indicator, measurements),
    }


def describe(indicator, measurements):
    """The chart in words, for those who do not see it."""
    unit = indicator.get("unit") or ""

    def quantity(value):
        return f"{figure(value)} {unit}".strip()

    first, last = measurements[0], measurements[-1]

    def at(item):
        return _("%(quantity)s on %(date)s") % {
            "quantity": quantity(item["value"]),
            "date": date_format(item["date"], "DATE_FORMAT"),
        }

    if len(measurements) == 1:
        parts = [_("Measured: %(at)s.") % {"at": at(last)}]
    else:
        parts = [_("From %(first)s to %(last)s.") % {"first": at(first), "last": at(last)}]
    if indicator.get("baseline") is not None:
        parts.append(_("Baseline: %(quantity)s.") % {"quantity": quantity(indicator["baseline"])})
    if indicator.get("target_value") is not None:
        target = {"quantity": quantity(indicator["target_value"])}
        if indicator.get("target_date"):
            target["date"] = date_format(indicator["target_date"], "DATE_FORMAT")
            parts.append(_("Target: %(quantity)s by %(date)s.") % target)
        else:
            parts.append(_("Target: %(quantity)s.") % target)
    return " ".join(parts)
