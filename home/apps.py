from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The core app: home and standard pages, shared blocks, snippets, settings, navigation."""

    name = "home"
    verbose_name = _("Territory hub")

    def ready(self):
        from home import chrome, keywords, page_cache_signals, translation_sync
        from home.opendata import changes

        chrome.connect()
        page_cache_signals.connect()
        changes.connect()
        keywords.connect()
        translation_sync.connect()
