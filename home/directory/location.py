"""Where a place is: address, commune and WGS84 coordinates, validated (DESIGN.md, "Location").

Abstract models: ``LocationMixin`` for places (tourism) and merchants (commerce), its
``CoordinatesMixin`` part for events, which keep their own address text and commune.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField

from home.api_fields import CommuneField, CoordinateField
from home.models.snippets import latitude_validators, longitude_validators

# Metropolitan France and Corsica, with a margin: a point outside is almost always a typing
# mistake (latitude and longitude swapped, a sign lost).
FRANCE_BOUNDS = {"south": Decimal("41.2"), "north": Decimal("51.2"), "west": Decimal("-5.3"), "east": Decimal("9.7")}


def check_coordinates(latitude, longitude, bounds=FRANCE_BOUNDS):
    """Errors (field name → message) for a pair of coordinates; empty when both are valid or
    both are missing."""
    if latitude is None and longitude is None:
        return {}
    if latitude is None or longitude is None:
        missing = "latitude" if latitude is None else "longitude"
        return {missing: _("Give both the latitude and the longitude, or neither.")}
    if not (bounds["south"] <= latitude <= bounds["north"] and bounds["west"] <= longitude <= bounds["east"]):
        return {
            "latitude": _(
                "This point is outside France. Check the latitude (about 50.2 here) and the longitude "
                "(about 3.7): they may be swapped."
            )
        }
    return {}


class AddressMixin(models.Model):
    """A street address and its commune: what a schema.org ``PostalAddress`` is made of."""

    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    commune = models.ForeignKey(
        "home.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class CoordinatesMixin(models.Model):
    """Latitude and longitude in decimal degrees (WGS84). Without them a page stays in lists and
    is left off maps: a point is never guessed."""

    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=latitude_validators
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=longitude_validators
    )

    # The read-only API (home/api.py): coordinates as numbers.
    coordinates_api_fields = [
        APIField("latitude", serializer=CoordinateField()),
        APIField("longitude", serializer=CoordinateField()),
    ]

    class Meta:
        abstract = True

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


class LocationMixin(AddressMixin, CoordinatesMixin):
    """Address, commune and coordinates, checked together: both coordinates or neither, and the
    point inside France."""

    location_panels = [
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("commune"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
            help_text=_("Coordinates in decimal degrees (WGS84), as OpenStreetMap gives them. Leave empty if unknown."),
        )
    ]

    # The read-only API (home/api.py): the commune as its INSEE code and name, coordinates as numbers.
    location_api_fields = [
        APIField("street_address"),
        APIField("commune", serializer=CommuneField()),
        *CoordinatesMixin.coordinates_api_fields,
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = check_coordinates(self.latitude, self.longitude)
        if errors:
            raise ValidationError(errors)
