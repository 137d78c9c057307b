from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search across every kind of content, in the visitor's language."""

    name = "search"
    verbose_name = _("Search")
