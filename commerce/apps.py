from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommerceConfig(AppConfig):
    """The directory of local merchants and producers."""

    name = "commerce"
    verbose_name = _("Local merchants and producers")

    def ready(self):
        # "Open now" rows rebuilt on publish (home/directory/open_now.py).
        from .models import MerchantPage
        from .open_now import HOURS

        HOURS.connect(MerchantPage)
