"""Rebuild a merchant's "open now" rows when it is published, drop them when it is unpublished
(deletion cascades). Moving a page changes nothing in its hours."""

from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from .models import HoursPeriod, MerchantPage
from .open_now import rebuild_hours


@receiver(page_published)
def merchant_published(sender, instance, **kwargs):
    if isinstance(instance, MerchantPage):
        rebuild_hours(instance)


@receiver(page_unpublished)
def merchant_unpublished(sender, instance, **kwargs):
    # Only delete: when a live page is deleted, Wagtail sends this with a copy that still says
    # "live", and rows written back now would point at a page about to disappear.
    if isinstance(instance, MerchantPage):
        HoursPeriod.objects.filter(page_id=instance.pk).delete()
