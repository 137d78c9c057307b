"""The "Open data" page: what the territory publishes for reuse and how to get it."""

from django.utils.translation import gettext_lazy as _

from home.models.pages import SingleSectionPage


class OpenDataPage(SingleSectionPage):
    """Lists every open dataset of the territory (actions, events, places, merchants,
    communes…) with its size, last update, licence and download links in each format and
    language, and explains the read-only API. One per language tree, below the home page; the
    footer links to it."""

    class Meta:
        verbose_name = _("open data page")
        verbose_name_plural = _("open data pages")

    def get_context(self, request, *args, **kwargs):
        from .page import open_data_context

        context = super().get_context(request, *args, **kwargs)
        context.update(open_data_context(self, request))
        return context
