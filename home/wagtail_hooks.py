from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import chrome
from home.models import Commune, FundingSource, Organisation, Theme


class CommuneViewSet(SnippetViewSet):
    model = Commune
    icon = "site"
    menu_label = _("Communes")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "insee_code", "postcode", "population", "site"]
    list_filter = ["site"]
    search_fields = ["name", "insee_code", "postcode"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "kind", "commune", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Strategy themes")
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class FundingSourceViewSet(SnippetViewSet):
    model = FundingSource
    icon = "pick"
    menu_label = _("Funding sources")
    add_to_admin_menu = True
    menu_order = 330
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


register_snippet(CommuneViewSet)
register_snippet(OrganisationViewSet)
register_snippet(ThemeViewSet)
register_snippet(FundingSourceViewSet)


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, serve_args, serve_kwargs):
    """A page reached under another language's prefix (a territory published only in French,
    visited at /en/) is sent to its own address rather than shown as if it were translated."""
    if chrome.locale_of(page, request).language_code != translation.get_language():
        return redirect(page.get_url(request))
    return None


@hooks.register("register_open_data_dataset")
def actions_dataset():
    from home.strategy.open_data import dataset

    return dataset()


@hooks.register("register_open_data_dataset")
def budget_dataset():
    from home.strategy.open_data import budget_dataset

    return budget_dataset()


@hooks.register("register_open_data_dataset")
def communes_dataset():
    from home.opendata.communes import dataset

    return dataset()
