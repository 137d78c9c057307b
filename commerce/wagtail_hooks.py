from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import MerchantCategory, MerchantLabel


class MerchantCategoryViewSet(SnippetViewSet):
    model = MerchantCategory
    icon = "tag"
    menu_label = _("Merchant categories")
    list_display = ["name", "slug", "schema_type", "locale"]
    list_filter = ["locale"]


class MerchantLabelViewSet(SnippetViewSet):
    model = MerchantLabel
    icon = "success"
    menu_label = _("Merchant labels")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class CommerceViewSetGroup(SnippetViewSetGroup):
    items = (MerchantCategoryViewSet, MerchantLabelViewSet)
    menu_icon = "site"
    menu_label = _("Merchants directory")
    menu_order = 350


register_snippet(CommerceViewSetGroup)


@hooks.register("hub_commune_sections")
def commune_merchants(commune, request, locale):
    """A commune page's shops and producers, with a link to the directory filtered on it."""
    from .queries import COMMUNE_SECTION_LIMIT, merchants_in_commune

    merchants = merchants_in_commune(commune, locale)
    if not merchants:
        return None
    directory = merchants[0].get_parent()
    return {
        "template": "commerce/commune_section.html",
        "merchants": merchants[:COMMUNE_SECTION_LIMIT],
        "more": len(merchants) > COMMUNE_SECTION_LIMIT,
        "directory_url": f"{directory.get_url(request)}?commune={commune.slug}",
    }


# -- CSV import of merchants (commerce/admin_views.py) -------------------------------------------


@hooks.register("register_admin_urls")
def merchant_import_urls():
    from django.urls import path

    from .admin_views import MerchantImportView, import_template

    return [
        path("commerce/import/", MerchantImportView.as_view(), name="commerce_import"),
        path("commerce/import/template.csv", import_template, name="commerce_import_template"),
    ]


class MerchantImportMenuItem(MenuItem):
    """Shown only to editors who may add and publish merchants in a territory's directory."""

    def is_shown(self, request):
        from .admin_views import import_targets

        # The menu is built on every admin page: look the permissions up once per request.
        if not hasattr(request, "_commerce_import_sites"):
            request._commerce_import_sites = import_targets(request.user)
        return bool(request._commerce_import_sites)


@hooks.register("register_admin_menu_item")
def merchant_import_menu_item():
    return MerchantImportMenuItem(
        _("Import merchants"), reverse("commerce_import"), icon_name="upload", order=355, name="commerce-import"
    )


@hooks.register("register_log_actions")
def merchant_import_log_actions(actions):
    actions.register_action("commerce.import", _("Import from CSV"), _("Updated by a merchants CSV import"))


@hooks.register("register_open_data_dataset")
def merchants_dataset():
    from .open_data import dataset

    return dataset()
