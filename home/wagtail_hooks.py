from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import chrome
from home.models import Commune, FundingSource, Keyword, Organisation, Theme


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


class KeywordViewSet(SnippetViewSet):
    model = Keyword
    icon = "tag"
    menu_label = _("Keywords")
    add_to_admin_menu = True
    menu_order = 325
    list_display = ["name", "tag", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


register_snippet(CommuneViewSet)
register_snippet(OrganisationViewSet)
register_snippet(ThemeViewSet)
register_snippet(FundingSourceViewSet)
register_snippet(KeywordViewSet)


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
def communes_dataset():
    from home.opendata.communes import dataset

    return dataset()


@hooks.register("register_admin_urls")
def register_translation_review_report():
    from django.urls import path

    from home.translation_review import TranslationReviewReport

    return [
        path("reports/translations/", TranslationReviewReport.as_view(), name="translations_to_review"),
        path(
            "reports/translations/results/",
            TranslationReviewReport.as_view(results_only=True),
            name="translations_to_review_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_review_menu_item():
    from django.urls import reverse

    from home.translation_review import TranslationReviewMenuItem

    return TranslationReviewMenuItem(
        _("Translations to review"),
        reverse("translations_to_review"),
        name="translations-to-review",
        icon_name="globe",
        order=1200,
    )
