"""Home and standard pages, and the abstract base every page type of the site inherits."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import RICH_TEXT_FEATURES, BodyStreamBlock, KeyFiguresBlock, QuickLinkBlock
from home.images import MainImageMixin


class BasePage(Page):
    """What every page of the site has: how it looks in listings and in search engines.

    The translatable fields are declared here once; page types add theirs with
    ``BasePage.translatable_fields + [...]``.
    """

    listing_title = models.CharField(
        _("listing title"),
        max_length=120,
        blank=True,
        help_text=_("Shorter title for cards and lists; the page title is used when empty."),
    )
    listing_summary = models.CharField(
        _("listing summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for cards and lists."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on cards and when the page is shared on social networks."),
    )

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("listing_title"),
        TranslatableField("listing_summary"),
        SynchronizedField("listing_image"),
    ]

    listing_panels = [
        MultiFieldPanel(
            [FieldPanel("listing_title"), FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading=_("In lists and cards"),
        )
    ]
    promote_panels = Page.promote_panels + listing_panels
    search_fields = Page.search_fields + [
        index.SearchField("listing_summary"),
    ]
    # The read-only API (home/api.py): the identifier shared by every language version of a
    # page, which open data also uses; page types add their fields.
    api_fields = [APIField("translation_key")]

    class Meta:
        abstract = True

    @property
    def card_title(self):
        return self.listing_title or self.title

    @property
    def card_summary(self):
        return self.listing_summary or self.search_description

    def get_view_restrictions(self):
        """The view restrictions of this page and its ancestors, as Wagtail's, in one query
        instead of two (it reads the ancestors first): asked on every page served. As in
        Wagtail, an alias has no restriction of its own, it has its source page's.

        None at all when routing has seen in the page chrome that no page on the way has a
        restriction or is an alias (``home.routing``): what almost every page served is."""
        if getattr(self, "_hub_unrestricted", False):
            return PageViewRestriction.objects.none()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        sources = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of_id")
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page_id__in=sources)
        )


class SingleSectionPage(BasePage):
    """A page of which each home page has one, with an introduction above what the page lists
    itself (the communes, the open data), and no child pages."""

    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("introduction")]
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True


class HomePage(BasePage):
    """The territory's front page, one per site and language: introduction, quick links, key
    figures, and what is new (upcoming events, news, featured places, the roadmap's progress),
    which the other apps add through the ``hub_home_sections`` hook (home/home_sections.py)."""

    introduction = models.TextField(_("introduction"), blank=True)
    key_figures = StreamField(
        [("key_figures", KeyFiguresBlock())],
        verbose_name=_("key figures"),
        blank=True,
        max_num=1,
    )
    quick_links = StreamField(
        [("quick_link", QuickLinkBlock())],
        verbose_name=_("quick links"),
        blank=True,
        max_num=8,
        help_text=_("Shortcuts residents look for most: France Services, waste collection, the tourist office…"),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("introduction"),
        TranslatableField("key_figures"),
        TranslatableField("quick_links"),
        TranslatableField("body"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("quick_links"),
        FieldPanel("key_figures"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from home.home_sections import home_sections

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_sections(self, request)
        return context


class StandardPage(MainImageMixin, BasePage):
    """A page of text built from the shared blocks: about the territory, legal notice,
    accessibility statement, guides."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    translatable_fields = (
        BasePage.translatable_fields
        + MainImageMixin.image_translatable_fields
        + [TranslatableField("introduction"), TranslatableField("body")]
    )
    content_panels = (
        BasePage.content_panels + [FieldPanel("introduction")] + MainImageMixin.image_panels + [FieldPanel("body")]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    api_fields = BasePage.api_fields + [APIField("introduction"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
