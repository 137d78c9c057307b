from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tourism.models import PlaceKind


class PlaceKindViewSet(SnippetViewSet):
    model = PlaceKind
    icon = "site"
    menu_label = _("Kinds of places")
    add_to_admin_menu = True
    menu_order = 340
    list_display = ["name", "slug", "datatourisme_class", "schema_type", "locale"]
    list_filter = ["locale"]


register_snippet(PlaceKindViewSet)


@hooks.register("hub_commune_sections")
def commune_places(commune, request, locale):
    """A commune page's places to discover."""
    from tourism.queries import places_in_commune

    places = list(places_in_commune(commune, locale))
    return {"template": "tourism/commune_section.html", "places": places} if places else None


@hooks.register("hub_home_sections")
def home_featured(home, request):
    """On the home page, the places and trails the territory features, latest published first."""
    from tourism.queries import featured_pages

    pages = featured_pages(home)
    return {"template": "tourism/home_section.html", "order": 30, "pages": pages} if pages else None


@hooks.register("register_open_data_dataset")
def places_dataset():
    from tourism.open_data import dataset

    return dataset()
