from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TourismConfig(AppConfig):
    """Places to discover, trails and the map."""

    name = "tourism"
    verbose_name = _("Tourism and heritage")

    def ready(self):
        # "Open now" rows rebuilt on publish (home/directory/open_now.py).
        from .models import PlacePage
        from .open_now import HOURS

        HOURS.connect(PlacePage)
