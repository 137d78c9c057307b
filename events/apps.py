"""The events app and its wiring: where the feeds and the contributions are plugged into the
agenda core.

The agenda core (``events/*.py``, ``events/models/``) never imports ``events.feeds`` or
``events.contributions``; they import the core. ``EventsConfig.ready()`` connects them:

- the core's own receivers, which rebuild the occurrences (``events.signals``);
- the feeds: the receivers that invalidate the cached feeds (``events.feeds.signals``); their
  routes are mounted at /feeds/ by hub/urls.py (``events.feeds.urls``);
- the contributions, through the core's registry (``events.extensions.registry``):
    - the agenda page's ``propose`` and ``proposal_sent`` routes are served by
      ``contributions.proposals``;
    - ``EventPage.permissions_for_user`` gives ``contributions.permissions.EventPermissionTester``;
    - every ``EventPageForm`` is narrowed by ``contributions.permissions.limit_organiser_to_association``;
    - the agenda's demo ends with ``contributions.demo.load``;
- the contributions, through signals: the e-mails of decisions (``contributions.notifications``,
  which also queues Wagtail's moderation e-mails), a new agenda put under moderation, and the
  moderation groups and workflow after every ``migrate``; and the admin's page lists narrowed
  for association accounts.

The admin's views, menus, panels and the open-data dataset are registered in
events/wagtail_hooks.py.
"""

from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
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
        from . import signals  # noqa: F401 (its receivers connect on import)
        from .contributions import demo, notifications, permissions, proposals
        from .contributions.moderation import agenda_created
        from .extensions import registry
        from .feeds import signals as feed_signals
        from .models import EventIndexPage

        feed_signals.connect()

        registry.views.update(propose=proposals.propose, proposal_sent=proposals.proposal_sent)
        registry.permission_tester = permissions.EventPermissionTester
        if permissions.limit_organiser_to_association not in registry.form_setups:
            registry.form_setups.append(permissions.limit_organiser_to_association)
        if demo.load not in registry.demo_loaders:
            registry.demo_loaders.append(demo.load)

        post_save.connect(agenda_created, sender=EventIndexPage, dispatch_uid="events.contributions.agenda_created")
        notifications.queue_wagtail_notifications()
        permissions.limit_admin_page_lists()
        post_migrate.connect(setup_moderation_after_migrate, sender=self, dispatch_uid="events-moderation")
