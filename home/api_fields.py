"""Serializer fields for the read-only API (``home/api.py``) that page types use in their
``api_fields``: related objects are given as small public summaries (a commune as its INSEE
code and name, a category as its slug and its name in the page's language), never as raw ids
or whole rows, and without a query per item in a listing."""

from rest_framework import serializers

from wagtail.rich_text import expand_db_html

from home.localized_names import names_in_locale


class CommuneField(serializers.Field):
    """A commune as ``{"insee_code", "name"}`` (``select_related`` it in listings)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, commune):
        return {"insee_code": commune.insee_code, "name": commune.name}


class CommunesField(serializers.Field):
    """Several communes (a many-to-many relation, prefetched in listings)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        return [{"insee_code": commune.insee_code, "name": commune.name} for commune in manager.all()]


class CoordinateField(serializers.FloatField):
    """Latitude or longitude as a JSON number (decimals are strings in DRF by default)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)


class RichTextHTMLField(serializers.Field):
    """Rich text as front-end HTML (internal links resolved), not the database format."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return expand_db_html(value)


class TranslatedNamesField(serializers.Field):
    """Translatable snippets (categories, kinds, themes) as ``{"slug", "name"}``, the name in
    the page's language.

    Pages may point at the French rows of a snippet whose English row shares their translation
    key: the names of the page's language are read once per response (these reference tables
    are small), whatever the number of pages listed. ``many`` for a many-to-many relation.
    """

    def __init__(self, model, many=False, relation=None, **kwargs):
        self.model = model
        self.many = many
        self.relation = relation
        super().__init__(read_only=True, source="*", **kwargs)

    def bind(self, field_name, parent):
        self.relation = self.relation or field_name
        super().bind(field_name, parent)

    def names(self, locale_id):
        cache = self.context.setdefault("_translated_names", {})
        key = (self.model._meta.label, locale_id)
        if key not in cache:
            cache[key] = names_in_locale(self.model, locale_id)
        return cache[key]

    def to_representation(self, page):
        names = self.names(page.locale_id)
        value = getattr(page, self.relation)
        items = list(value.all()) if self.many else ([value] if value is not None else [])
        summaries = [{"slug": item.slug, "name": names.get(item.translation_key, item.name)} for item in items]
        return summaries if self.many else (summaries[0] if summaries else None)


class TagNamesField(serializers.Field):
    """Tag names, sorted (Wagtail's own tags field makes a query per page; this one reads the
    prefetched tags)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        return sorted(tag.name for tag in manager.all())
