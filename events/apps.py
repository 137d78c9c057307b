from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The agenda: events, their occurrences, iCal/RSS feeds and contributions."""

    name = "events"
    verbose_name = _("Agenda")

    def ready(self):
        from . import feed_signals, signals  # noqa: F401
