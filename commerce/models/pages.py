"""The directory of local merchants and producers: its index (filters, map and list) and one
page per business."""

from rest_framework import serializers

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.api_fields import (
    RichTextHTMLField,
    TagNamesField,
    TranslatedNamesField,
)
from home.blocks import RICH_TEXT_FEATURES, CaptionedImageBlock
from home.directory.location import LocationMixin
from home.directory.opening_hours import DAY_CHOICES, OpeningHoursMixin, opening_hours_blocks
from home.directory.pages import MapWithListMixin
from home.images import MainImageMixin
from home.models import BasePage
from home.taxonomy import TaxonomyPanel, source_language_only

from ..validators import validate_siret
from .categories import MerchantCategory, MerchantLabel, SchemaType


class MerchantIndexPage(MapWithListMixin, BasePage):
    """ "Commerces et producteurs / Shops and producers": every merchant of the territory as a
    filterable list (commune, category, product, service, label, open now, words) with a map of
    the same results. Merchants are its child pages."""

    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("introduction")]
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["commerce.MerchantPage"]
    max_count_per_parent = 1
    # MapWithListMixin: the HTML ids of the list and the map, the GeoJSON file, the map's title.
    results_name = "merchants"
    map_title = gettext_noop("Map of the businesses")

    class Meta:
        verbose_name = _("merchants directory")
        verbose_name_plural = _("merchants directories")

    def get_context(self, request, *args, **kwargs):
        from commerce.queries import listing

        context = super().get_context(request, *args, **kwargs)
        context.update(listing(self, request))
        return context

    def feature_collection(self, request):
        from commerce.queries import merchants_geojson

        return merchants_geojson(self, request)


class MerchantPageTag(TaggedItemBase):
    """Products and specialities of a merchant (maroilles, apple juice, bread, repairs…)."""

    content_object = ParentalKey("commerce.MerchantPage", on_delete=models.CASCADE, related_name="tagged_items")


class MarketBlock(blocks.StructBlock):
    """A market where the merchant has a stall: where and on which days."""

    place = blocks.CharBlock(
        label=_("Market"), max_length=120, help_text=_("For example: Le Quesnoy, Place du Général Leclerc.")
    )
    days = blocks.MultipleChoiceBlock(label=_("Days"), choices=DAY_CHOICES)
    note = blocks.CharBlock(
        label=_("Note"), required=False, max_length=120, help_text=_("For example: mornings, April to October.")
    )

    class Meta:
        icon = "site"
        label = _("Market")


def default_locale_only():
    """Labels offered to editors: the source-language rows (translations share their key)."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class MerchantPage(LocationMixin, OpeningHoursMixin, MainImageMixin, BasePage):
    """A shop, producer, craftsperson, restaurant, accommodation or service of the territory:
    what it sells, where, when it is open, how to reach it and what it offers (click and
    collect, delivery, farm sales, markets…). Its title is the trade name. It appears in the
    directory, on its map when it has coordinates, and on its commune's page."""

    category = models.ForeignKey(
        "commerce.MerchantCategory",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=source_language_only,
    )
    schema_type = models.CharField(
        _("schema.org type"),
        max_length=40,
        blank=True,
        choices=SchemaType.choices,
        help_text=_("Leave empty to use the category's type; for example Bakery for a bakery among food shops."),
    )
    introduction = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences: shown at the top of the page and in the list.")
    )
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    gallery = StreamField([("image", CaptionedImageBlock())], verbose_name=_("photos"), blank=True)
    tags = ClusterTaggableManager(
        through=MerchantPageTag,
        verbose_name=_("products and specialities"),
        blank=True,
        help_text=_("What the business is known for: maroilles, cider, bread, bicycle repairs…"),
    )
    opening_hours = StreamField(opening_hours_blocks(), verbose_name=_("opening hours"), blank=True)
    opening_hours_note = models.CharField(
        _("note on the opening hours"), max_length=200, blank=True, help_text=_("For example: By appointment only.")
    )
    # Contact
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    social_links = StreamField(
        [("link", blocks.URLBlock(label=_("Link")))],
        verbose_name=_("social networks"),
        blank=True,
        help_text=_("Addresses of the business's pages on Facebook, Instagram…"),
    )
    marketplace_url = models.URLField(
        _("Comptoir de Mormal listing"),
        blank=True,
        help_text=_("The business's page on the territory's online marketplace, if it sells there."),
    )
    # Services
    click_and_collect = models.BooleanField(_("click and collect"), default=False)
    delivery = models.BooleanField(_("delivery"), default=False)
    farm_drive = models.BooleanField(_("farm drive (drive fermier)"), default=False)
    farm_sales = models.BooleanField(_("on-farm sales"), default=False)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    card_payment = models.BooleanField(_("card payment"), default=False)
    markets = StreamField([("market", MarketBlock())], verbose_name=_("market days and places"), blank=True)
    # Set from ``markets`` on save, so "sells at markets" is a plain filter.
    at_markets = models.BooleanField(_("at markets"), default=False, editable=False)
    labels = ParentalManyToManyField(
        "commerce.MerchantLabel",
        verbose_name=_("labels"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_only,
    )
    # Identifiers
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_("Fourteen digits, from the business's Kbis or annuaire-entreprises.data.gouv.fr."),
    )
    external_id = models.CharField(
        _("identifier in the source file"),
        max_length=64,
        blank=True,
        help_text=_("Set by imports to find this page again; prefix it with the source, e.g. comptoir:123."),
    )
    confirmed_on = models.DateField(
        _("listing last confirmed on"),
        null=True,
        blank=True,
        help_text=_("When the business last confirmed these details."),
    )

    SERVICE_FIELDS = (
        "click_and_collect",
        "delivery",
        "farm_drive",
        "farm_sales",
        "at_markets",
        "step_free_access",
        "card_payment",
    )

    translatable_fields = (
        BasePage.translatable_fields
        + MainImageMixin.image_translatable_fields
        + [
            TranslatableField("introduction"),
            TranslatableField("description"),
            TranslatableField("gallery"),
            TranslatableField("opening_hours"),
            TranslatableField("opening_hours_note"),
            TranslatableField("markets"),
            TranslatableField("street_address"),
            SynchronizedField("category"),
            SynchronizedField("schema_type", overridable=False),
            SynchronizedField("tagged_items"),
            SynchronizedField("commune"),
            SynchronizedField("latitude", overridable=False),
            SynchronizedField("longitude", overridable=False),
            SynchronizedField("phone"),
            SynchronizedField("email"),
            SynchronizedField("website"),
            SynchronizedField("social_links"),
            SynchronizedField("marketplace_url"),
            SynchronizedField("click_and_collect", overridable=False),
            SynchronizedField("delivery", overridable=False),
            SynchronizedField("farm_drive", overridable=False),
            SynchronizedField("farm_sales", overridable=False),
            SynchronizedField("step_free_access", overridable=False),
            SynchronizedField("card_payment", overridable=False),
            SynchronizedField("labels"),
            SynchronizedField("siret", overridable=False),
            SynchronizedField("external_id", overridable=False),
            SynchronizedField("confirmed_on", overridable=False),
        ]
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([TaxonomyPanel("category"), FieldPanel("schema_type")]),
        FieldPanel("introduction"),
        *MainImageMixin.image_panels,
        FieldPanel("description"),
        FieldPanel("tags"),
        FieldPanel("gallery"),
    ]
    practical_panels = [
        *LocationMixin.location_panels,
        *OpeningHoursMixin.opening_hours_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
                FieldPanel("social_links"),
                FieldPanel("marketplace_url"),
            ],
            heading=_("Contact"),
        ),
    ]
    services_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("click_and_collect"), FieldPanel("delivery")]),
                FieldRowPanel([FieldPanel("farm_drive"), FieldPanel("farm_sales")]),
                FieldRowPanel([FieldPanel("step_free_access"), FieldPanel("card_payment")]),
            ],
            heading=_("Services"),
        ),
        FieldPanel("markets"),
        TaxonomyPanel("labels"),
    ]
    identifiers_panels = [FieldPanel("siret"), FieldPanel("external_id"), FieldPanel("confirmed_on")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(practical_panels, heading=_("Practical information")),
            ObjectList(services_panels, heading=_("Services and labels")),
            ObjectList(identifiers_panels, heading=_("Identifiers")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("description"),
        index.SearchField("category_name"),
        index.FilterField("category"),
        index.FilterField("commune"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("category", serializer=TranslatedNamesField(MerchantCategory)),
        APIField("introduction"),
        APIField("description", serializer=RichTextHTMLField()),
        APIField("tags", serializer=TagNamesField()),
        *LocationMixin.location_api_fields,
        *OpeningHoursMixin.opening_hours_api_fields,
        APIField("phone"),
        APIField("website"),
        APIField("marketplace_url"),
        APIField("services", serializer=serializers.ReadOnlyField(source="service_names")),
        APIField("labels", serializer=TranslatedNamesField(MerchantLabel, many=True)),
        APIField("siret"),
    ]
    api_select_related = ["commune", "category"]
    api_prefetch_related = ["tags", "labels"]

    parent_page_types = ["commerce.MerchantIndexPage"]
    subpage_types = []
    # A copy is another business: it must not take over the source's import identifier.
    exclude_fields_in_copy = ["external_id"]

    class Meta:
        verbose_name = _("merchant")
        verbose_name_plural = _("merchants")
        # ``locale`` is a column of wagtailcore_page, so "unique per language" cannot be a
        # database constraint of this table: ``clean()`` checks it, imports look pages up by it.
        indexes = [models.Index(fields=["external_id"], name="commerce_merchant_external_id")]

    def clean(self):
        super().clean()
        if self.external_id:
            others = MerchantPage.objects.filter(external_id=self.external_id, locale_id=self.locale_id)
            if others.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"external_id": _("Another business of this language already has this identifier.")}
                )

    def save(self, *args, **kwargs):
        self.at_markets = bool(self.markets)
        return super().save(*args, **kwargs)

    @property
    def card_summary(self):
        return self.listing_summary or self.introduction or self.search_description

    def category_name(self):
        """The category's name in the page's language (the page points at the French
        category): "bakery" or "producers" find its merchants on /en/."""
        translated = self.category.get_translation_or_none(self.locale_id)
        return (translated or self.category).name

    @property
    def service_names(self):
        """The services offered, as field names (click_and_collect, delivery…), in a fixed order."""
        return [name for name in self.SERVICE_FIELDS if getattr(self, name)]

    @property
    def services_list(self):
        """Labels of the services the merchant offers, in a fixed order."""
        return [self._meta.get_field(name).verbose_name for name in self.SERVICE_FIELDS if getattr(self, name)]

    def get_context(self, request, *args, **kwargs):
        from commerce.queries import merchant_context

        context = super().get_context(request, *args, **kwargs)
        context.update(merchant_context(self, request))
        return context
