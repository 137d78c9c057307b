"""Names of translatable snippets (categories, kinds, themes, funding sources…) in a language.

Pages point at the source-language (French) rows of these snippets; their translations share
the row's ``translation_key``. So the name in the visitor's language is one query per model
(``WHERE translation_key IN (…) AND locale = …``), never one per object: listings, feeds, the
API and the strategy pages all ask it this way.
"""

from wagtail.models import Locale


def names_in_locale(model, locale, keys=None):
    """``translation_key`` → ``name`` of the rows of ``model`` in ``locale`` (a Locale or its id),
    in one query; only the rows of ``keys`` when given."""
    rows = model.objects.filter(locale=locale)
    if keys is not None:
        rows = rows.filter(translation_key__in=keys)
    return dict(rows.values_list("translation_key", "name"))


def localized_names(objects, model, locale=None):
    """``pk`` → name in ``locale`` (the active language by default) of each of ``objects`` (rows
    of ``model``), in one query; an object without a translation keeps its own name."""
    objects = list(objects)
    keys = {obj.translation_key for obj in objects}
    if not keys:
        return {}
    locale = Locale.get_active() if locale is None else locale
    if all(obj.locale_id == getattr(locale, "pk", locale) for obj in objects):
        return {obj.pk: obj.name for obj in objects}  # already in that language: no query
    names = names_in_locale(model, locale, keys)
    return {obj.pk: names.get(obj.translation_key, obj.name) for obj in objects}
