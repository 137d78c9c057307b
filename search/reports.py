"""The admin report of what visitors search for: the most frequent searches, and those that
find nothing (candidates for a promoted result or for new content)."""

import django_filters

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import SearchTerm


class SearchTermFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)
    zero_results = django_filters.BooleanFilter(
        label=_("Searches without results"),
        method="filter_zero_results",
        widget=django_filters.widgets.BooleanWidget(),
    )
    last_searched_at = django_filters.DateFromToRangeFilter(label=_("Last searched"), widget=DateRangePickerWidget)

    class Meta:
        model = SearchTerm
        fields = ["language"]

    def filter_zero_results(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(zero_result_searches__gt=0) if value else queryset.filter(zero_result_searches=0)


class SearchTermsReport(ReportView):
    page_title = _("Searches on the site")
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    filterset_class = SearchTermFilterSet
    default_ordering = "-searches"
    index_url_name = "site_search_terms"
    index_results_url_name = "site_search_terms_results"
    permission_policy = ModelPermissionPolicy(SearchTerm)
    permission_required = "view"
    columns = [
        Column("query_string", label=_("Search terms"), sort_key="query_string"),
        Column("language", label=_("Language"), sort_key="language"),
        NumberColumn("searches", label=_("Searches"), sort_key="searches"),
        NumberColumn("zero_result_searches", label=_("Without results"), sort_key="zero_result_searches"),
        NumberColumn("last_results", label=_("Results last time"), sort_key="last_results"),
        DateColumn("last_searched_at", label=_("Last searched"), sort_key="last_searched_at"),
    ]
    list_export = ["query_string", "language", "searches", "zero_result_searches", "last_results", "last_searched_at"]
    export_headings = {
        "query_string": _("Search terms"),
        "language": _("Language"),
        "searches": _("Searches"),
        "zero_result_searches": _("Without results"),
        "last_results": _("Results last time"),
        "last_searched_at": _("Last searched"),
    }

    def get_base_queryset(self):
        return SearchTerm.objects.all()

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs
