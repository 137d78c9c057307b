"""News (actualités): roadworks, opening hours that change, calls for projects… Each item is a
page under the territory's news index; the latest appear on the home page and on the page of
their commune, and in the RSS and Atom feeds (news/feeds.py)."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.api_fields import TagNamesField
from home.blocks import BodyStreamBlock
from home.images import MainImageMixin
from home.models import BasePage
from home.models.pages import SingleSectionPage

NEWS_PER_PAGE = 12


def today():
    return timezone.localdate()


class NewsIndexPage(SingleSectionPage):
    """The territory's news, newest first, with its RSS and Atom feeds. One per home page."""

    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def news(self):
        return (
            NewsPage.objects.live()
            .public()
            .child_of(self)
            .select_related("commune", "listing_image")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from news.feeds import feed_urls

        context = super().get_context(request, *args, **kwargs)
        # get_page() answers an impossible page number with the last page rather than an error.
        context["page_obj"] = Paginator(self.news(), NEWS_PER_PAGE).get_page(request.GET.get("page"))
        context["feeds"] = feed_urls(self.locale.language_code, request)
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(MainImageMixin, BasePage):
    """One news item: its date, a summary, the text, an image, the commune it concerns (none
    when it concerns the whole territory) and tags."""

    date = models.DateField(_("date"), default=today, help_text=_("The date shown and used to order the news."))
    introduction = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences: shown at the top of the page and in lists.")
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    commune = models.ForeignKey(
        "home.Commune",
        verbose_name=_("commune"),
        help_text=_("Leave empty when the news concerns the whole territory."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, verbose_name=_("tags"), blank=True)

    translatable_fields = (
        BasePage.translatable_fields
        + MainImageMixin.image_translatable_fields
        + [
            TranslatableField("introduction"),
            TranslatableField("body"),
            SynchronizedField("date"),
            SynchronizedField("commune"),
            SynchronizedField("tagged_items"),
        ]
    )
    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("introduction"),
        *MainImageMixin.image_panels,
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("commune"), FieldPanel("tags")], heading=_("Classification")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("commune"),
        index.FilterField("date"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("date"),
        APIField("introduction"),
        APIField("body"),
        APIField("tags", serializer=TagNamesField()),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    @property
    def card_summary(self):
        return self.listing_summary or self.introduction or self.search_description

    def get_context(self, request, *args, **kwargs):
        from news.schema import news_article

        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = news_article(self, request)
        return context
