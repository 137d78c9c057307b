"""Rebuild occurrences when an event is published, unpublished or moved (deletion cascades)."""

from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import EventPage
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
