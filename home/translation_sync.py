"""Facts reach the translations of a page on their own.

A page's facts are the fields its model declares ``SynchronizedField`` (status, dates,
recurrence, coordinates, phone, relations…) and the values between the texts of its
StreamFields (the times of opening hours, the amounts of prices and budgets). When the French
page is published, once the publishing transaction has committed, each of its wagtail-localize
translations takes the new facts and is published again, only when a fact changed.

Prose stays as translated: a text field is never touched, and a StreamField whose French text
changed keeps its English version until the translator has translated the new text (the page is
then listed under Reports › Translations to review, see ``translation_review``).
"""

import json
import logging

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.signals import post_save

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import get_serializable_data_for_fields
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.signals import page_published
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.models import StringSegment, TranslationSource

logger = logging.getLogger(__name__)


def connect():
    page_published.connect(queue_sync, dispatch_uid="home.translation_sync")
    post_save.connect(queue_snippet_sync, dispatch_uid="home.translation_sync.snippets")


def queue_sync(sender, instance, revision=None, **kwargs):
    """On the publication of a page that is the source of translations: sync them after commit
    (never inside the publishing request's transaction)."""
    sources = TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id)
    if not sources.filter(translations__isnull=False).exists():
        return
    page_id, user_id = instance.pk, getattr(revision, "user_id", None)
    transaction.on_commit(lambda: sync_translations(page_id, user_id), robust=True)


def queue_snippet_sync(sender, instance, raw=False, **kwargs):
    """On the save of a translated snippet (an organisation, a category…) in its source
    language: copy its synchronised fields to its translations after commit."""
    if raw or isinstance(instance, Page) or not isinstance(instance, TranslatableMixin):
        return
    if not hasattr(sender, "translatable_fields"):
        return  # not one of the site's translated snippets
    sources = TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id)
    if not sources.filter(translations__isnull=False).exists():
        return
    model, pk = type(instance), instance.pk
    transaction.on_commit(lambda: sync_snippet(model, pk), robust=True)


def sync_snippet(model, pk):
    instance = model.objects.filter(pk=pk).first()
    source = (
        TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id).first()
        if instance is not None
        else None
    )
    if source is None:
        return
    source.update_from_db()
    names = fact_fields(model, instance, stale=set(), streams=False)
    for target in model.objects.filter(translation_key=instance.translation_key).exclude(pk=instance.pk):
        changed = [name for name in names if _value(instance, name) != _value(target, name)]
        if changed:
            _copy(instance, target, changed)
            target.save()


def sync_translations(page_id, user_id=None):
    """Bring the translation source of the live page ``page_id`` up to date (what the
    translation editor offers to translate) and publish the new facts of its translations."""
    page = Page.objects.filter(pk=page_id, live=True).first()
    if page is None:
        return
    source = TranslationSource.objects.filter(object_id=page.translation_key, locale_id=page.locale_id).first()
    if source is None:
        return
    source.update_from_db()
    user = get_user_model().objects.filter(pk=user_id).first() if user_id is not None else None
    for translation in source.translations.select_related("target_locale"):
        with transaction.atomic():
            changed = publish_facts(source, translation.target_locale, streams=translation.enabled, user=user)
        if changed:
            logger.info("Facts of %s synced to %s: %s", page, translation.target_locale, ", ".join(changed))


def stale_fields(source, locale):
    """Names of the fields of ``source`` with text not yet translated into ``locale``."""
    paths = (
        StringSegment.objects.filter(source=source)
        .annotate_translation(locale)
        .filter(translation__isnull=True)
        .values_list("context__path", flat=True)
    )
    return {path.split(".")[0] for path in paths}


def fact_fields(model, original, stale, streams=True):
    """The fields of ``model`` to copy from the source: every synchronised field, and the
    StreamFields and child relations whose text is all translated (their structure and values
    come from the source, their texts from the translation memory)."""
    names = []
    for field in get_translatable_fields(model):
        if not field.is_synchronized(original):
            continue
        if isinstance(field, SynchronizedField) or (streams and field.field_name not in stale):
            names.append(field.field_name)
    return names


def publish_facts(source, locale, streams=True, user=None):
    """Publish the translation of ``source`` into ``locale`` with the source's facts; returns
    the names of the fields that changed (nothing is saved when none did)."""
    try:
        live = source.get_translated_instance(locale)
    except models.ObjectDoesNotExist:
        return []
    if not isinstance(live, Page) or not live.live:
        return []  # a draft-only translation takes the facts when it is first published
    original = source.as_instance()
    names = fact_fields(type(live), original, stale_fields(source, locale) if streams else set(), streams)
    # wagtail-localize's own merge: the source's synchronised fields and structure, the
    # translated texts; it is only read from, field by field.
    merged = source.get_ephemeral_translated_instance(locale, fallback=True)
    live = type(live).objects.get(pk=live.pk)
    changed = [name for name in names if _value(merged, name) != _value(live, name)]
    if not changed:
        return []
    draft = live.get_latest_revision_as_object() if live.has_unpublished_changes else None
    _copy(merged, live, changed)
    # The facts were validated on the source page; the translation's own texts are not
    # checked again here (a translator's draft may be incomplete).
    live.save_revision(user=user, clean=False).publish(user=user, skip_permission_checks=True)
    if draft is not None:
        # The translator's unpublished draft stays the latest revision, with the new facts.
        _copy(merged, draft, changed)
        draft.save_revision(user=user, clean=False)
    return changed


def _field(obj, name):
    return type(obj)._meta.get_field(name)


def _is_child_relation(field):
    return isinstance(field, models.ManyToOneRel) and isinstance(field.remote_field, ParentalKey)


def _value(obj, name):
    """A comparable value of the field ``name`` of ``obj``."""
    field = _field(obj, name)
    if _is_child_relation(field):
        rows = []
        for child in getattr(obj, field.get_accessor_name()).all():
            data = get_serializable_data_for_fields(child)
            for key in ("pk", "id", field.remote_field.attname, field.remote_field.name, "locale", "translation_key"):
                data.pop(key, None)
            rows.append(json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True))
        return sorted(rows)
    if isinstance(field, ParentalManyToManyField):
        return sorted(item.pk for item in getattr(obj, name).all())
    if isinstance(field, StreamField):
        return json.dumps(getattr(obj, name).get_prep_value(), cls=DjangoJSONEncoder, sort_keys=True)
    return field.value_from_object(obj)


def _copy(source, target, names):
    for name in names:
        field = _field(source, name)
        if _is_child_relation(field):
            source.copy_child_relation(field.get_accessor_name(), target)
        elif isinstance(field, ParentalManyToManyField):
            setattr(target, name, list(getattr(source, name).all()))
        else:
            setattr(target, field.attname, getattr(source, field.attname))
