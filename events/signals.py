"""Rebuild occurrences when an event is published, unpublished or moved (deletion cascades);
put every new agenda under moderation."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import EventIndexPage, EventPage
from .occurrences import rebuild


@receiver(page_published)
@receiver(page_unpublished)
def event_changed(sender, instance, **kwargs):
    if isinstance(instance, EventPage):
        rebuild(instance)


@receiver(post_page_move)
def event_moved(sender, instance, **kwargs):
    specific = instance.specific_deferred if hasattr(instance, "specific_deferred") else instance.specific
    if isinstance(specific, EventPage):
        rebuild(specific)


@receiver(post_save, sender=EventIndexPage)
def agenda_created(sender, instance, created, raw=False, **kwargs):
    """A new agenda (a new territory, or its English version) is moderated like the others."""
    if created and not raw:
        from .contributions.moderation import setup_moderation

        setup_moderation()
