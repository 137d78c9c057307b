from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def setup_moderation_after_migrate(sender, **kwargs):
    """A fresh install (and every `migrate`) gets the moderation groups and workflow."""
    from .contributions.moderation import setup_moderation

    setup_moderation()


class EventsConfig(AppConfig):
    """The agenda: events, their occurrences, iCal/RSS feeds and contributions."""

    name = "events"
    verbose_name = _("Agenda")

    def ready(self):
        from . import signals  # noqa: F401
        from .contributions import notifications
        from .feeds import signals as feed_signals

        feed_signals.connect()
        from .contributions.permissions import limit_admin_page_lists

        limit_admin_page_lists()

        notifications.queue_wagtail_notifications()

        post_migrate.connect(setup_moderation_after_migrate, sender=self, dispatch_uid="events-moderation")
