"""Kinds of places, aligned with the DATAtourisme ontology and schema.org."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class PlaceKind(TranslatableMixin, models.Model):
    """A kind of place (heritage, museum, natural site, tiers-lieu…): the first filter of the
    place list and the kind shown on each place. Its DATAtourisme class and schema.org type
    say what the place is to the national tourism database and to search engines."""

    class DatatourismeClass(models.TextChoices):
        CULTURAL_SITE = "CulturalSite", "CulturalSite"
        MUSEUM = "Museum", "Museum"
        NATURAL_HERITAGE = "NaturalHeritage", "NaturalHeritage"
        SPORTS_AND_LEISURE = "SportsAndLeisurePlace", "SportsAndLeisurePlace"
        ACCOMMODATION = "Accommodation", "Accommodation"
        FOOD = "FoodEstablishment", "FoodEstablishment"
        BUSINESS_PLACE = "BusinessPlace", "BusinessPlace"
        SERVICE_PROVIDER = "ServiceProvider", "ServiceProvider"
        TOURIST_INFORMATION = "TouristInformationCenter", "TouristInformationCenter"

    class SchemaType(models.TextChoices):
        LANDMARK = "LandmarksOrHistoricalBuildings", "LandmarksOrHistoricalBuildings"
        MUSEUM = "Museum", "Museum"
        PARK = "Park", "Park"
        ATTRACTION = "TouristAttraction", "TouristAttraction"
        SPORTS = "SportsActivityLocation", "SportsActivityLocation"
        LODGING = "LodgingBusiness", "LodgingBusiness"
        FOOD = "FoodEstablishment", "FoodEstablishment"
        CIVIC = "CivicStructure", "CivicStructure"
        GOVERNMENT = "GovernmentOffice", "GovernmentOffice"
        TOURIST_INFORMATION = "TouristInformationCenter", "TouristInformationCenter"
        PLACE = "Place", "Place"

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=60)
    datatourisme_class = models.CharField(
        _("DATAtourisme class"),
        max_length=40,
        choices=DatatourismeClass.choices,
        help_text=_("The class of the DATAtourisme ontology (PlaceOfInterest) this kind belongs to."),
    )
    schema_type = models.CharField(
        _("schema.org type"),
        max_length=40,
        choices=SchemaType.choices,
        default=SchemaType.ATTRACTION,
        help_text=_("The type search engines read in the structured data of the place pages."),
    )

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("datatourisme_class", overridable=False),
        SynchronizedField("schema_type", overridable=False),
    ]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("datatourisme_class"), FieldPanel("schema_type")]),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("kind of place")
        verbose_name_plural = _("kinds of places")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_place_kind_slug_per_locale")]

    def __str__(self):
        return self.name

    @property
    def datatourisme_uri(self):
        return f"https://www.datatourisme.gouv.fr/ontology/core#{self.datatourisme_class}"
