"""One page per commune of the territory, built from the Commune snippets.

Other apps add their section (events, places, merchants) with the `hub_commune_sections`
hook: a function taking (commune, request, locale) and returning None or a dict with a
"template" and its context. `home` needs to know nothing about them.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail_localize.fields import TranslatableField

from home.blocks import RICH_TEXT_FEATURES

from .pages import BasePage
from .snippets import Commune

SECTIONS_HOOK = "hub_commune_sections"


class CommuneIndexPage(RoutablePageMixin, BasePage):
    """The communes of the territory, each with its own page at …/communes/<slug>/."""

    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("introduction")]
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("commune index")
        verbose_name_plural = _("commune indexes")

    def communes(self, request):
        from wagtail.models import Site

        site = Site.find_for_request(request)
        return Commune.objects.filter(site=site).order_by("name")

    @path("")
    def index_route(self, request):
        return self.render(request, context_overrides={"communes": self.communes(request)})

    @path("<slug:slug>/")
    def commune_route(self, request, slug):
        commune = get_object_or_404(self.communes(request), slug=slug)
        if commune is None:
            raise Http404
        sections = []
        for section in hooks.get_hooks(SECTIONS_HOOK):
            result = section(commune, request, self.locale)
            if result:
                sections.append(result)
        context = self.get_context(request)
        context.update({"commune": commune, "sections": sections})
        return TemplateResponse(request, "home/commune_page.html", context)
