from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import Commune, Organisation


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


register_snippet(CommuneViewSet)
register_snippet(OrganisationViewSet)
