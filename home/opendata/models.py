"""The "Open data" page: what the territory publishes for reuse and how to get it."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail_localize.fields import TranslatableField

from home.blocks import RICH_TEXT_FEATURES
from home.models.pages import BasePage


class OpenDataPage(BasePage):
    """Lists every open dataset of the territory (actions, events, places, merchants,
    communes…) with its size, last update, licence and download links in each format and
    language, and explains the read-only API. One per language tree, below the home page; the
    footer links to it."""

    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("introduction")]
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("open data page")
        verbose_name_plural = _("open data pages")

    def get_context(self, request, *args, **kwargs):
        from .page import open_data_context

        context = super().get_context(request, *args, **kwargs)
        context.update(open_data_context(self, request))
        return context
