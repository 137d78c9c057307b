from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import chrome
from home.models import ActionLineage, Commune, FundingSource, Keyword, Organisation, StrategyPage, Theme


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


class ActionLineageViewSet(SnippetViewSet):
    """How the actions of a later plan carry on those of an earlier one (home/strategy/tracker.py)."""

    model = ActionLineage
    icon = "resubmit"
    menu_label = _("Lineage between plans")
    add_to_admin_menu = True
    menu_order = 335
    list_display = ["__str__", "later", "earlier"]
    list_filter = ["kind"]

    def get_queryset(self, request):
        return ActionLineage.objects.select_related("earlier", "later")


register_snippet(CommuneViewSet)
register_snippet(OrganisationViewSet)
register_snippet(ThemeViewSet)
register_snippet(FundingSourceViewSet)
register_snippet(KeywordViewSet)
register_snippet(ActionLineageViewSet)


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
    from home.translation_review import TranslationReviewMenuItem

    return TranslationReviewMenuItem(
        _("Translations to review"),
        reverse("translations_to_review"),
        name="translations-to-review",
        icon_name="globe",
        order=1200,
    )


@hooks.register("register_admin_urls")
def strategy_status_change_urls():
    from django.urls import path

    from home.strategy.tracker_admin import StatusChangeView
    from home.strategy.tracker_csv_views import TrackerImportView, tracker_csv

    return [
        path("strategy/actions/<int:page_id>/status/", StatusChangeView.as_view(), name="strategy_status_change"),
        path("strategy/documents/<int:page_id>/tracker/", TrackerImportView.as_view(), name="strategy_tracker_import"),
        path("strategy/documents/<int:page_id>/tracker.csv", tracker_csv, name="strategy_tracker_csv"),
    ]


@hooks.register("register_page_header_buttons")
def strategy_tracker_button(page, user, view_name, next_url=None):
    from wagtail.admin.widgets import PageListingButton

    if page.specific_class is StrategyPage and page.permissions_for_user(user).can_edit():
        yield PageListingButton(
            _("Tracker (CSV)"), reverse("strategy_tracker_import", args=[page.pk]), icon_name="table", priority=80
        )


@hooks.register("hub_home_sections")
def home_progress(home, request):
    from home.strategy.progress import recent_progress

    return recent_progress(home, request)
