"""The "Discover" section: its index (map and list) and the places to visit."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language_info, gettext_noop
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.api_fields import TagNamesField, TranslatedNamesField
from home.blocks import RICH_TEXT_FEATURES, BodyStreamBlock, CaptionedImageBlock
from home.directory.location import LocationMixin
from home.directory.opening_hours import OpeningHoursMixin, opening_hours_blocks
from home.directory.opens_next import opening_status
from home.directory.pages import MapWithListMixin
from home.images import MainImageMixin
from home.models import BasePage
from home.taxonomy import TaxonomyPanel, source_language_only

from .featured import FeaturedMixin
from .kinds import PlaceKind


class PlaceIndexPage(MapWithListMixin, BasePage):
    """ "Découvrir / Discover": every place and trail of the territory as a filterable list,
    with a map of the same results beside it. Places and trails are its child pages."""

    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("introduction")]
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["tourism.PlacePage", "tourism.TrailPage"]
    max_count_per_parent = 1
    # MapWithListMixin: the HTML ids of the list and the map, the GeoJSON file, the map's title.
    results_name = "places"
    map_title = gettext_noop("Map of the places")

    class Meta:
        verbose_name = _("places index")
        verbose_name_plural = _("places indexes")

    def get_context(self, request, *args, **kwargs):
        from tourism.queries import listing

        context = super().get_context(request, *args, **kwargs)
        context.update(listing(self, request))
        return context

    def feature_collection(self, request):
        from tourism.queries import places_geojson

        return places_geojson(self, request)


class PlacePageTag(TaggedItemBase):
    content_object = ParentalKey("tourism.PlacePage", on_delete=models.CASCADE, related_name="tagged_items")


class PriceBlock(blocks.StructBlock):
    """One price: who it is for and how much (leave the amount empty for "free")."""

    label = blocks.CharBlock(label=_("For"), max_length=80, help_text=_("For example: Adults, Under 18."))
    amount = blocks.DecimalBlock(label=_("Price (€)"), required=False, min_value=0, decimal_places=2)
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=120)

    class Meta:
        icon = "tag"
        label = _("Price")


languages_validator = RegexValidator(
    r"^[a-z]{2}(, ?[a-z]{2})*$", _("Two-letter language codes separated by commas, for example: fr, en, nl.")
)


class PlacePage(LocationMixin, OpeningHoursMixin, FeaturedMixin, MainImageMixin, BasePage):
    """A place to visit or to use: a monument, museum, natural site, tiers-lieu, public
    service… with where it is, when it is open, what it costs, how accessible it is and how to
    reach its team. It appears in the Discover list and on its map when it has coordinates."""

    kind = models.ForeignKey(
        "tourism.PlaceKind",
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=source_language_only,
    )
    introduction = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences: shown at the top of the page and in the list.")
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    gallery = StreamField([("image", CaptionedImageBlock())], verbose_name=_("gallery"), blank=True)
    services = StreamField(
        [("service", blocks.CharBlock(label=_("Service"), max_length=120))],
        verbose_name=_("services"),
        blank=True,
        help_text=_("What visitors can do or get here: digital training, remote-work desks…"),
    )
    opening_hours = StreamField(opening_hours_blocks(), verbose_name=_("opening hours"), blank=True)
    opening_hours_note = models.CharField(
        _("note on the opening hours"), max_length=200, blank=True, help_text=_("For example: On booking only.")
    )
    prices = StreamField([("price", PriceBlock())], verbose_name=_("prices"), blank=True)
    free_entry = models.BooleanField(_("free entry"), default=False)
    # The four families of the Tourisme & Handicap label.
    access_mobility = models.BooleanField(_("accessible to wheelchair users"), default=False)
    access_hearing = models.BooleanField(_("suited to deaf and hard-of-hearing visitors"), default=False)
    access_sight = models.BooleanField(_("suited to blind and partially sighted visitors"), default=False)
    access_mental = models.BooleanField(_("suited to visitors with learning disabilities"), default=False)
    tourisme_handicap = models.BooleanField(_("Tourisme & Handicap label"), default=False)
    accessibility_note = models.TextField(_("accessibility notes"), blank=True)
    acceslibre_url = models.URLField(_("acceslibre record"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    booking_url = models.URLField(_("booking link"), blank=True)
    languages_spoken = models.CharField(
        _("languages spoken"),
        max_length=60,
        blank=True,
        validators=[languages_validator],
        help_text=_("Two-letter codes separated by commas, for example: fr, en, nl."),
    )
    datatourisme_uri = models.URLField(_("DATAtourisme identifier (URI)"), blank=True)
    siret = models.CharField(
        _("SIRET"), max_length=14, blank=True, validators=[RegexValidator(r"^\d{14}$", _("Fourteen digits."))]
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True, help_text=_("Where the facts come from."))
    tags = ClusterTaggableManager(through=PlacePageTag, verbose_name=_("tags"), blank=True)

    translatable_fields = (
        BasePage.translatable_fields
        + MainImageMixin.image_translatable_fields
        + [
            SynchronizedField("featured", overridable=False),
            TranslatableField("introduction"),
            TranslatableField("body"),
            TranslatableField("gallery"),
            TranslatableField("services"),
            TranslatableField("opening_hours"),
            TranslatableField("opening_hours_note"),
            TranslatableField("prices"),
            TranslatableField("accessibility_note"),
            TranslatableField("street_address"),
            SynchronizedField("kind"),
            SynchronizedField("commune"),
            SynchronizedField("latitude", overridable=False),
            SynchronizedField("longitude", overridable=False),
            SynchronizedField("free_entry", overridable=False),
            SynchronizedField("access_mobility", overridable=False),
            SynchronizedField("access_hearing", overridable=False),
            SynchronizedField("access_sight", overridable=False),
            SynchronizedField("access_mental", overridable=False),
            SynchronizedField("tourisme_handicap", overridable=False),
            SynchronizedField("acceslibre_url"),
            SynchronizedField("phone"),
            SynchronizedField("email"),
            SynchronizedField("website"),
            SynchronizedField("booking_url"),
            SynchronizedField("languages_spoken"),
            SynchronizedField("datatourisme_uri", overridable=False),
            SynchronizedField("siret", overridable=False),
            SynchronizedField("source_url"),
            SynchronizedField("tagged_items"),
        ]
    )

    content_panels = BasePage.content_panels + [
        TaxonomyPanel("kind"),
        FieldPanel("introduction"),
        *MainImageMixin.image_panels,
        FieldPanel("body"),
        FieldPanel("gallery"),
        FieldPanel("services"),
        FieldPanel("tags"),
    ]
    practical_panels = [
        *LocationMixin.location_panels,
        *OpeningHoursMixin.opening_hours_panels,
        MultiFieldPanel([FieldPanel("free_entry"), FieldPanel("prices")], heading=_("Prices")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldRowPanel([FieldPanel("website"), FieldPanel("booking_url")]),
                FieldPanel("languages_spoken"),
            ],
            heading=_("Contact"),
        ),
    ]
    accessibility_panels = [
        FieldPanel("access_mobility"),
        FieldPanel("access_hearing"),
        FieldPanel("access_sight"),
        FieldPanel("access_mental"),
        FieldPanel("tourisme_handicap"),
        FieldPanel("accessibility_note"),
        FieldPanel("acceslibre_url"),
    ]
    identifiers_panels = [FieldPanel("datatourisme_uri"), FieldPanel("siret"), FieldPanel("source_url")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(practical_panels, heading=_("Practical information")),
            ObjectList(accessibility_panels, heading=_("Accessibility")),
            ObjectList(identifiers_panels, heading=_("Identifiers")),
            ObjectList(BasePage.promote_panels + FeaturedMixin.featured_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        # "museum" finds the museums on /en/, "musée" on /fr/: the kind in the page's language.
        index.RelatedFields("kind", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("commune"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("kind", serializer=TranslatedNamesField(PlaceKind)),
        APIField("introduction"),
        *LocationMixin.location_api_fields,
        *OpeningHoursMixin.opening_hours_api_fields,
        APIField("free_entry"),
        APIField("access_mobility"),
        APIField("access_hearing"),
        APIField("access_sight"),
        APIField("access_mental"),
        APIField("tourisme_handicap"),
        APIField("accessibility_note"),
        APIField("acceslibre_url"),
        APIField("phone"),
        APIField("email"),
        APIField("website"),
        APIField("booking_url"),
        APIField("languages_spoken"),
        APIField("siret"),
        APIField("datatourisme_uri"),
        APIField("tags", serializer=TagNamesField()),
        APIField("body"),
    ]
    api_select_related = ["commune", "kind"]
    api_prefetch_related = ["tags"]

    parent_page_types = ["tourism.PlaceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")

    ACCESS_FIELDS = ("access_mobility", "access_hearing", "access_sight", "access_mental")

    @property
    def card_summary(self):
        return self.listing_summary or self.introduction or self.search_description

    @property
    def access_labels(self):
        return [self._meta.get_field(name).verbose_name for name in self.ACCESS_FIELDS if getattr(self, name)]

    @property
    def languages(self):
        """Names of the languages spoken, each in its own language (with its code for lang=)."""
        codes = [code.strip() for code in self.languages_spoken.split(",") if code.strip()]
        result = []
        for code in codes:
            try:
                result.append({"code": code, "name": get_language_info(code)["name_local"]})
            except KeyError:
                result.append({"code": code, "name": code})
        return result

    def get_context(self, request, *args, **kwargs):
        from tourism.queries import kind_name, places_near, trails_near
        from tourism.schema import place_json_ld

        context = super().get_context(request, *args, **kwargs)
        hours = self.hours
        context.update(
            {
                "hours": hours.table() if hours else None,
                "open_now": hours.is_open(),
                "opening": opening_status(hours),
                "kind_name": kind_name(self.kind),
                "nearby": places_near(self),
                "trails": trails_near(self),
                "json_ld": place_json_ld(self, request, hours),
                # Other apps add sections (the agenda: upcoming events at this place).
                "sections": [
                    section
                    for section in (hook(self, request) for hook in hooks.get_hooks("hub_place_sections"))
                    if section
                ],
            }
        )
        return context
