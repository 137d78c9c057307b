"""The admin speaks the editor's language, and a page's taxonomy fields offer each category
once, named in the page's language (home/taxonomy.py)."""

import html
import re
from pathlib import Path

import polib
import pytest

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.functional import Promise

from wagtail.admin.panels import get_edit_handler
from wagtail.models import Locale, Page
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation

from home.models import ActionPage, FundingSource, Theme
from tests.builders import publish, sign_in_editor, translate
from tests.event_builders import add_event, agenda, category, paris
from tourism.models import PlaceIndexPage, PlaceKind, PlacePage

PROJECT_APPS = ["home", "events", "tourism", "commerce", "search"]
ROOT = Path(__file__).resolve().parent.parent
FRENCH_CATALOGUE = {
    entry.msgid for entry in polib.pofile(str(ROOT / "locale/fr/LC_MESSAGES/django.po")).translated_entries()
}


def translated_row(model, locale, name, **values):
    french = model.objects.create(name=name[0], locale=Locale.objects.get(language_code="fr"), **values)
    english = french.copy_for_translation(locale)
    english.name = name[1]
    english.save()
    return french


def option_labels(page, name):
    """The labels of the choices of the form field ``name`` (checkboxes or a drop-down list)."""
    boxes = re.findall(rf'<input type="checkbox" name="{name}" value="\d+"[^>]*>\s*([^<]+?)\s*</label>', page)
    if boxes:
        return {html.unescape(box) for box in boxes}
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return {
        html.unescape(label.strip()) for label in re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select)
    }


@pytest.mark.django_db
@pytest.mark.parametrize("editor_language", ["fr", "en"])
def test_taxonomy_fields_offer_each_category_once_in_the_pages_language(client, site, editor_language):
    english = Locale.objects.get(language_code="en")
    market = translated_row(type(category("x", "x", site.home.locale)), english, ("Marché", "Market"), slug="market")
    translated_row(type(market), english, ("Atelier", "Workshop"), slug="workshop")
    event = add_event(agenda(site), "Marché de Noël", paris(2030, 12, 12, 10), categories=[market])
    event_en = translate(event, english, title="Christmas market", slug="christmas-market")

    index = PlaceIndexPage(title="Découvrir", slug="decouvrir", locale=site.home.locale)
    site.home.add_child(instance=index)
    publish(index)
    translate(index, english, title="Discover", slug="discover")
    museum = translated_row(PlaceKind, english, ("Musée", "Museum"), slug="museum")
    place = PlacePage(title="Musée du marbre", slug="marbre", locale=site.home.locale, kind=museum)
    index.add_child(instance=place)
    place_en = translate(publish(place), english, title="Marble museum", slug="marble")

    sign_in_editor(client, editor_language)
    french_event = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    english_event = client.get(f"/admin/pages/{event_en.pk}/edit/").content.decode()
    assert option_labels(french_event, "categories") == {"Marché", "Atelier", "x"}
    assert option_labels(english_event, "categories") == {"Market", "Workshop", "x"}
    assert option_labels(client.get(f"/admin/pages/{place_en.pk}/edit/").content.decode(), "kind") == {"Museum"}
    assert option_labels(client.get(f"/admin/pages/{place.pk}/edit/").content.decode(), "kind") == {"Musée"}


@pytest.mark.django_db
def test_an_english_page_cannot_be_given_an_english_row(site):
    """The value stays the source-language row every translation shares (localized_names)."""
    english = Locale.objects.get(language_code="en")
    kind = translated_row(PlaceKind, english, ("Musée", "Museum"), slug="museum")
    field = get_edit_handler(PlacePage).get_form_class().base_fields["kind"]
    assert list(field.queryset.complex_filter(field.get_limit_choices_to())) == [kind]


@pytest.mark.django_db
def test_strategy_themes_and_funders_in_the_pages_language(client, site):
    from tests import strategy_data
    from tests.test_strategy import strategy_loader

    strategy_loader(site).load_document(strategy_data.document(bilingual=True))
    english = Locale.objects.get(language_code="en")
    translated_row(FundingSource, english, ("Région Hauts-de-France", "Hauts-de-France region"), slug="region")
    action = ActionPage.objects.get(code="1.1", locale=site.home.locale)
    action_en = action.get_translation(english)
    french_themes = set(Theme.objects.filter(locale=site.home.locale).values_list("name", flat=True))
    english_themes = set(Theme.objects.filter(locale=english).values_list("name", flat=True))
    assert french_themes != english_themes

    sign_in_editor(client, "en")
    # The translator stopped the synced translation: the English page has its own form.
    Translation.objects.filter(source__object_id=action.translation_key).update(enabled=False)
    english_html = client.get(f"/admin/pages/{action_en.pk}/edit/").content.decode()
    french_html = client.get(f"/admin/pages/{action.pk}/edit/").content.decode()
    assert option_labels(english_html, "themes") == english_themes
    assert option_labels(french_html, "themes") == french_themes
    assert option_labels(english_html, "funding_sources") == {"Hauts-de-France region"}
    assert option_labels(french_html, "funding_sources") == {"Région Hauts-de-France"}


# -- every admin string of the project in both languages ----------------------------------------


def project_models():
    for label in PROJECT_APPS:
        yield from apps.get_app_config(label).get_models()


def edited_models():
    """Page types and snippets: what editors see in the admin."""
    snippets = set(get_snippet_models())
    return [model for model in project_models() if issubclass(model, Page) or model in snippets]


def panel_texts(panel):
    for text in (panel.heading, panel.help_text):
        if text:
            yield text
    for child in getattr(panel, "children", []):
        yield from panel_texts(child)


def admin_texts(model):
    """The verbose names, help texts, choices and panel headings editors read for ``model``."""
    yield f"{model.__name__} verbose_name", model._meta.original_attrs.get("verbose_name", "")
    handler = get_edit_handler(model)
    form_class = handler.get_form_class()
    for name in form_class.base_fields:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field (the event's weekdays)
            continue
        if field.model._meta.app_label not in PROJECT_APPS or name in {"locale", "tags"}:
            continue
        yield f"{model.__name__}.{name}", field.verbose_name
        if field.help_text:
            yield f"{model.__name__}.{name} help", field.help_text
        for value, label in getattr(field, "choices", None) or []:
            if label != value:
                yield f"{model.__name__}.{name}={value}", label
    for text in panel_texts(handler):
        yield f"{model.__name__} panel", text


@pytest.mark.parametrize("model", edited_models(), ids=lambda model: model.__name__)
def test_every_admin_string_is_translated_into_french(model):
    untranslated = []
    for where, text in admin_texts(model):
        if not text:
            continue
        if not isinstance(text, Promise):
            untranslated.append(f"{where}: {text!r} is not marked for translation")
            continue
        with translation.override("en"):
            english = str(text)
        with translation.override("fr"):
            french = str(text)
        # A word spelt the same in both languages is in the catalogue with itself as French.
        if english == french and text._args[-1] not in FRENCH_CATALOGUE:
            untranslated.append(f"{where}: {english!r} has no French translation")
    assert untranslated == []


@pytest.mark.django_db
def test_add_views_speak_the_editors_language(client, site):
    sign_in_editor(client, "fr")
    french = client.get(f"/admin/pages/add/events/eventindexpage/{site.home.pk}/").content.decode()
    assert "Introduction" in french or "introduction" in french
    assert "In lists and cards" not in french and "Promote" not in french
