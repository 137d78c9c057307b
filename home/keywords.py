"""Tags shown in the visitor's language: every tag gets a French keyword when it is created
(``connect()``), and pages, filters and feeds ask for the names in one query per list."""

from dataclasses import dataclass

from django.db.models.signals import post_save

from taggit.models import Tag
from wagtail.models import Locale

from home.models import Keyword


@dataclass(frozen=True)
class NamedTag:
    """A tag as a page shows it: ``lang`` is set when the name is not in the page's language
    (a keyword nobody has translated yet), for the ``lang`` attribute of its element."""

    pk: int
    slug: str
    name: str
    lang: str | None = None


def connect():
    post_save.connect(name_new_tag, sender=Tag, dispatch_uid="home.keywords.name_new_tag")


def name_new_tag(sender, instance, created, raw=False, **kwargs):
    if created and not raw and Locale.objects.exists():
        Keyword.for_tag(instance)


def keyword_names(tag_ids, locale=None):
    """``tag id`` → name in ``locale`` (the active language by default), in one query; tags
    without a keyword in that language are left out."""
    locale = Locale.get_active() if locale is None else locale
    return dict(Keyword.objects.filter(locale=locale, tag_id__in=set(tag_ids)).values_list("tag_id", "name"))


def named_tags(tags, locale=None):
    """``tags`` (Tag objects, or (id, slug, name) rows) named in ``locale``, sorted by name;
    no query when the language is the default one, in which tags are typed."""
    rows = [(tag.pk, tag.slug, tag.name) if isinstance(tag, Tag) else tuple(tag) for tag in tags]
    locale = Locale.get_active() if locale is None else locale
    default = Locale.get_default()
    if not rows or locale.pk == default.pk:
        names, source = {}, None
    else:
        names, source = keyword_names([row[0] for row in rows], locale), default.language_code
    named = {
        NamedTag(pk, slug, names[pk]) if pk in names else NamedTag(pk, slug, name, source) for pk, slug, name in rows
    }
    # Ties on the lowered name ("E-inclusion", "e-inclusion") by name then slug: ``named`` is a set,
    # whose order changes from one process to the next.
    return sorted(named, key=lambda tag: (tag.name.lower(), tag.name, tag.slug))
