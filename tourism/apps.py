from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TourismConfig(AppConfig):
    """Places to discover, trails and the map."""

    name = "tourism"
    verbose_name = _("Tourism and heritage")
