"""Names of the strategy's translatable snippets in the visitor's language."""

from wagtail.models import Locale


def localized_names(objects, model):
    """Names of translatable snippets (themes, funding) in the active language, in one query.
    Pages keep pointing at the French rows; their translations share the translation key."""
    keys = {obj.translation_key for obj in objects}
    if not keys:
        return {}
    rows = model.objects.filter(translation_key__in=keys, locale=Locale.get_active())
    names = {row.translation_key: row.name for row in rows}
    return {obj.pk: names.get(obj.translation_key, obj.name) for obj in objects}
