"""Translatable reference data of the directory: categories of merchants and quality labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class SchemaType(models.TextChoices):
    """schema.org subtypes of LocalBusiness that fit the businesses of a rural territory."""

    LOCAL_BUSINESS = "LocalBusiness", "LocalBusiness"
    STORE = "Store", "Store"
    GROCERY_STORE = "GroceryStore", "GroceryStore"
    BAKERY = "Bakery", "Bakery"
    FOOD_ESTABLISHMENT = "FoodEstablishment", "FoodEstablishment"
    RESTAURANT = "Restaurant", "Restaurant"
    CAFE = "CafeOrCoffeeShop", "CafeOrCoffeeShop"
    BAR = "BarOrPub", "BarOrPub"
    BREWERY = "Brewery", "Brewery"
    LODGING = "LodgingBusiness", "LodgingBusiness"
    BED_AND_BREAKFAST = "BedAndBreakfast", "BedAndBreakfast"
    HEALTH_AND_BEAUTY = "HealthAndBeautyBusiness", "HealthAndBeautyBusiness"
    HAIR_SALON = "HairSalon", "HairSalon"
    PHARMACY = "Pharmacy", "Pharmacy"
    ENTERTAINMENT = "EntertainmentBusiness", "EntertainmentBusiness"
    SPORTS = "SportsActivityLocation", "SportsActivityLocation"
    HOME_AND_CONSTRUCTION = "HomeAndConstructionBusiness", "HomeAndConstructionBusiness"
    HOME_GOODS = "HomeGoodsStore", "HomeGoodsStore"
    CLOTHING = "ClothingStore", "ClothingStore"
    FLORIST = "Florist", "Florist"
    BOOK_STORE = "BookStore", "BookStore"
    PROFESSIONAL_SERVICE = "ProfessionalService", "ProfessionalService"
    AUTOMOTIVE = "AutomotiveBusiness", "AutomotiveBusiness"


class MerchantCategory(TranslatableMixin, models.Model):
    """A category of the directory (food shops, producers, craftspeople, restaurants…): the
    main filter of the directory and the category shown on each merchant. Its schema.org type
    tells search engines what kind of business its merchants are (a merchant may refine it)."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=60)
    schema_type = models.CharField(
        _("schema.org type"),
        max_length=40,
        choices=SchemaType.choices,
        default=SchemaType.LOCAL_BUSINESS,
        help_text=_("The type search engines read in the structured data of the merchant pages."),
    )

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("schema_type", overridable=False),
    ]
    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]), FieldPanel("schema_type")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("merchant category")
        verbose_name_plural = _("merchant categories")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_merchant_category_slug")]

    def __str__(self):
        return self.name


class MerchantLabel(TranslatableMixin, models.Model):
    """A quality label or certification a merchant holds (organic farming AB, AOP Maroilles,
    Bienvenue à la ferme, Artisan…): shown on the merchant's page and offered as a filter."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60)
    url = models.URLField(_("about this label"), blank=True, help_text=_("The official page of the label."))

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("url"),
    ]
    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]), FieldPanel("url")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = pgettext_lazy("quality label", "label")
        verbose_name_plural = _("labels")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_merchant_label_slug")]

    def __str__(self):
        return self.name
