"""Publish a wagtail-localize translation from texts written in advance.

The demo content is written in both languages with the same structure. The English values are
put on an unsaved copy of the object; its segments are matched one by one, by position, with
the French source's segments; each English text is stored as a manual translation of the
matching French string, exactly as a translator would in the translation editor. The English
page or snippet is then the translation wagtail-localize knows about: editors can update it,
export it as PO, re-sync it.
"""

from django.db import transaction

from wagtail.models import DraftStateMixin
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

# Texts a page's demo loader does not write: the illustrations' text alternative and credit,
# added after every page by home/demo/images.py. The English ones already stored are kept.
KEPT_TEXTS = ("image_alt", "image_credit")


class TranslationMismatch(Exception):
    """The two languages of a demo text do not have the same structure."""


def _strings(instance):
    return [segment for segment in extract_segments(instance) if isinstance(segment, StringSegmentValue)]


def english_pairs(source, translated):
    """Map (path, French text) to the translated text, segment by segment."""
    source_segments = _strings(source)
    translated_segments = _strings(translated)
    if len(source_segments) != len(translated_segments):
        raise TranslationMismatch(
            f"{source!r}: {len(source_segments)} French texts but {len(translated_segments)} translated ones."
        )
    pairs = {}
    for original, other in zip(source_segments, translated_segments, strict=True):
        if original.path != other.path:
            raise TranslationMismatch(f"{source!r}: {original.path} does not match {other.path}.")
        pairs[(original.path, original.string.data)] = other.string.data
    return pairs


def keep_stored_texts(source, locale, translated):
    """Put on ``translated`` the stored translation's texts its loader left empty (KEPT_TEXTS)."""
    names = [name for name in KEPT_TEXTS if getattr(source, name, "") and not getattr(translated, name, "x")]
    stored = source.get_translation_or_none(locale) if names else None
    for name in names:
        setattr(translated, name, getattr(stored, name, "") if stored is not None else "")


@transaction.atomic
def publish_translation(source, locale, translated, force=False):
    """Create or update the translation of ``source`` into ``locale`` from the texts on the
    unsaved instance ``translated``, and publish it when anything changed (or ``force``, when
    the source's synchronised fields changed). Returns the translated instance and whether it
    was published."""
    keep_stored_texts(source, locale, translated)
    pairs = english_pairs(source, translated)
    translation_source, created = TranslationSource.get_or_create_from_instance(source)
    if not created:
        translation_source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=translation_source, target_locale=locale, defaults={"enabled": True}
    )
    changed = force or created or source.get_translation_or_none(locale) is None
    segments = StringSegment.objects.filter(source=translation_source).select_related("string", "context")
    existing = {
        (item.translation_of_id, item.context_id): item
        for item in StringTranslation.objects.filter(
            locale=locale, translation_of__in=[segment.string for segment in segments]
        )
    }
    for segment in segments:
        key = (segment.context.path, segment.string.data)
        if key not in pairs:
            raise TranslationMismatch(f"{source!r}: no translation for {segment.context.path}.")
        data = pairs[key]
        current = existing.get((segment.string_id, segment.context_id))
        if current is None:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                data=data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
            changed = True
        elif current.data != data:
            current.data = data
            current.save(update_fields=["data"])
            changed = True
    if changed:
        if isinstance(source, DraftStateMixin):
            # wagtail-localize would publish in transaction.on_commit, from a revision that by
            # then may carry a stale tree (a parent's child count reset to zero): save a draft
            # and publish it now instead.
            translation.save_target(publish=False)
            source.get_translation(locale).latest_revision.publish()
        else:
            translation.save_target(publish=True)
    return source.get_translation(locale), changed
