"""Choosing a category, kind, theme or funder in the admin, in the page's own language.

Pages point at the source-language (French) rows of these translated snippets, so that a fact
is one value in every language (see ``localized_names``). The admin therefore offers those rows
only, one per category, never the French and English rows side by side, and names each in the
language of the page being edited: "Market" on an English page, "Marché" on its French source.
"""

from django import forms
from django.conf import settings
from django.db.models import Q

from wagtail.admin.panels import FieldPanel

from home.localized_names import names_in_locale


def source_language_only():
    """``limit_choices_to`` of a page's link to a translated snippet: the source-language rows."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class TaxonomyPanel(FieldPanel):
    """A choice among the rows of a translated snippet (a drop-down list for one, checkboxes for
    several), each named in the language of the page being edited."""

    def on_model_bound(self):
        super().on_model_bound()
        if self.widget is None:
            field = self.model._meta.get_field(self.field_name)
            self.widget = forms.CheckboxSelectMultiple if field.many_to_many else forms.Select

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            locale_id = getattr(self.instance, "locale_id", None)
            if self.bound_field is None or locale_id is None:
                return
            field = self.bound_field.field
            names = names_in_locale(field.queryset.model, locale_id)
            field.label_from_instance = lambda row: names.get(row.translation_key, row.name)
