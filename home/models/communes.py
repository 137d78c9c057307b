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
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from .pages import SingleSectionPage
from .snippets import Commune

SECTIONS_HOOK = "hub_commune_sections"


class CommuneIndexPage(RoutablePageMixin, SingleSectionPage):
    """The communes of the territory, each with its own page at …/communes/<slug>/."""

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
