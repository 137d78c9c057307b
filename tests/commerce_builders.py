"""Merchant directories, categories, labels and merchants for tests."""

from django.utils.text import slugify

from wagtail.models import Locale

from commerce.models import MerchantCategory, MerchantIndexPage, MerchantLabel, MerchantPage
from commerce.open_now import rebuild_hours
from home.models import Commune
from tests.builders import publish, translate
from tests.hours_builders import period

ALWAYS = [period((range(7), "00:00", "23:59"))]


def category(slug, name, name_en=None, schema_type="Store"):
    french, english = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="en")
    item = MerchantCategory.objects.create(name=name, slug=slug, schema_type=schema_type, locale=french)
    if name_en:
        copy = item.copy_for_translation(english)
        copy.name = name_en
        copy.save()
    return item


def label(slug, name, name_en=None):
    french, english = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="en")
    item = MerchantLabel.objects.create(name=name, slug=slug, locale=french)
    if name_en:
        copy = item.copy_for_translation(english)
        copy.name = name_en
        copy.save()
    return item


def directory(tree, english=True):
    """A directory in French (and English), two categories, two labels, two communes."""
    index = MerchantIndexPage(title="Commerces et producteurs", slug="commerces", locale=tree.home.locale)
    tree.home.add_child(instance=index)
    publish(index)
    tree.index = index
    tree.index_en = (
        translate(index, tree.home_en.locale, title="Shops and producers", slug="shops") if english else None
    )
    tree.food = category("alimentation", "Commerces alimentaires", "Food shops", "GroceryStore")
    tree.farm = category("producteurs", "Producteurs", "Producers", "LocalBusiness")
    tree.organic = label("ab", "Agriculture biologique (AB)", "Organic farming (AB)")
    tree.aop = label("aop-maroilles", "AOP Maroilles", "Maroilles PDO")
    tree.bavay = Commune.objects.get_or_create(
        insee_code="59053", defaults={"name": "Bavay", "slug": "bavay", "postcode": "59570", "site": tree.site}
    )[0]
    tree.quesnoy = Commune.objects.get_or_create(
        insee_code="59481",
        defaults={"name": "Le Quesnoy", "slug": "le-quesnoy", "postcode": "59530", "site": tree.site},
    )[0]
    return tree


def add_merchant(index, title, category, commune=None, tags=(), labels=(), revision=True, **values):
    """A live merchant under ``index``. With ``revision=False`` it is saved live without a
    revision (as the bench builds its tree) and its hours rows are rebuilt directly."""
    merchant = MerchantPage(
        title=title,
        slug=values.pop("slug", None) or slugify(title),
        locale=index.locale,
        category=category,
        commune=commune,
        **values,
    )
    index.add_child(instance=merchant)
    if tags:
        merchant.tags.set(list(tags))
    if labels:
        merchant.labels.set(list(labels))
    if tags or labels:
        merchant.save()
    if revision:
        return publish(merchant)
    rebuild_hours(merchant)
    return merchant
