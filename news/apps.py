from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """News (actualités): what the communauté de communes announces, with its feeds."""

    name = "news"
    verbose_name = _("News")
