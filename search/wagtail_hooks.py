from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup
from .reports import SearchTermsReport


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    list_display = ["words"]


register_snippet(SynonymGroupViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/site-search-terms/", SearchTermsReport.as_view(), name="site_search_terms"),
        path(
            "reports/site-search-terms/results/",
            SearchTermsReport.as_view(results_only=True),
            name="site_search_terms_results",
        ),
    ]


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchterm")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return SearchTermsMenuItem(
        _("Searches on the site"),
        reverse("site_search_terms"),
        name="site-search-terms",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms(request, menu_items):
    # Wagtail's own "Search terms" report counts the same searches for administrators only;
    # ours adds searches without results and is open to editors.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(content_type__app_label="search", codename="view_searchterm")
