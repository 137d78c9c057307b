"""Reports › Translations to review: translated pages whose source text changed.

When a French page is published its facts reach its translations on their own
(``translation_sync``), but a French text that changed needs a translator. This report lists,
for the communication officer, each translated page with text not yet translated: the page,
the language, and which fields, with a link to the translation editor. A page leaves the list
once its translation is complete again. Only pages with a translation are concerned (the
territories published in French only never appear).
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy
from wagtail_localize.models import StringSegment, StringTranslation, Translation

EDIT_PERMISSIONS = ["change", "publish"]


def translations_to_review(user=None):
    """The enabled page translations with at least one source text not translated, newest
    source change first; only those whose translated page ``user`` may edit, when given."""
    untranslated = StringSegment.objects.filter(source_id=OuterRef("source_id")).exclude(
        Exists(
            StringTranslation.objects.filter(
                translation_of_id=OuterRef("string_id"),
                context_id=OuterRef("context_id"),
                locale_id=OuterRef(OuterRef("target_locale_id")),
                has_error=False,
            )
        )
    )
    targets = Page.objects.filter(translation_key=OuterRef("source__object_id"), locale_id=OuterRef("target_locale_id"))
    if user is not None:
        editable = page_permission_policy.instances_user_has_any_permission_for(user, EDIT_PERMISSIONS)
        targets = targets.filter(pk__in=editable.values("pk"))
    return (
        Translation.objects.filter(enabled=True, source__object__content_type=ContentType.objects.get_for_model(Page))
        .filter(Exists(untranslated), Exists(targets))
        .select_related("source", "target_locale")
        .order_by("-source__last_updated_at", "pk")
    )


class TranslationToReview:
    """One row: a translated page and the fields whose source text changed."""

    def __init__(self, translation, page, source_page, paths):
        self.translation = translation
        self.page = page
        self.source_page = source_page
        self.title = page.get_admin_display_title()
        # In the editor's language (the site's LANGUAGES names each language in itself).
        self.language = capfirst(get_language_info(translation.target_locale.language_code)["name_translated"])
        self.changed_at = translation.source.last_updated_at
        model = page.specific_class or Page
        self.fields = ", ".join(sorted({_field_label(model, path.split(".")[0]) for path in paths}))
        # wagtail-localize opens its translation editor from the page's edit view.
        self.edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])


def _field_label(model, name):
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except (FieldDoesNotExist, AttributeError):
        return name


def review_rows(translations):
    """The report's rows for ``translations``: one query per language for the fields, one for
    the pages."""
    by_locale = defaultdict(list)
    for translation in translations:
        by_locale[translation.target_locale_id].append(translation)
    paths = defaultdict(set)
    for locale_id, items in by_locale.items():
        missing = (
            StringSegment.objects.filter(source_id__in=[item.source_id for item in items])
            .annotate_translation(locale_id)
            .filter(translation__isnull=True)
            .values_list("source_id", "context__path")
        )
        for source_id, path in missing:
            paths[(source_id, locale_id)].add(path)
    keys = {translation.source.object_id for translation in translations}
    pages = {(page.translation_key, page.locale_id): page for page in Page.objects.filter(translation_key__in=keys)}
    rows = []
    for translation in translations:
        key = translation.source.object_id
        page = pages.get((key, translation.target_locale_id))
        if page is None:
            continue
        source_page = pages.get((key, translation.source.locale_id))
        rows.append(
            TranslationToReview(
                translation, page, source_page, paths[(translation.source_id, translation.target_locale_id)]
            )
        )
    return rows


class TranslationReviewReport(ReportView):
    page_title = _("Translations to review")
    header_icon = "globe"
    index_url_name = "translations_to_review"
    index_results_url_name = "translations_to_review_results"
    permission_policy = page_permission_policy
    any_permission_required = EDIT_PERMISSIONS
    columns = [
        TitleColumn("title", label=_("Page"), get_url=lambda row: row.edit_url),
        Column("language", label=_("Language")),
        Column("fields", label=_("Text changed in")),
        DateColumn("changed_at", label=_("Source updated")),
    ]
    list_export = ["title", "language", "fields", "changed_at"]
    export_headings = {
        "title": _("Page"),
        "language": _("Language"),
        "fields": _("Text changed in"),
        "changed_at": _("Source updated"),
    }

    def get_queryset(self):
        return translations_to_review(self.request.user)

    def get_table(self, object_list):
        return super().get_table(review_rows(object_list))

    def decorate_paginated_queryset(self, object_list):
        # What the spreadsheet export reads (the table has its rows already).
        return review_rows(object_list)


class TranslationReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(request.user, EDIT_PERMISSIONS)
