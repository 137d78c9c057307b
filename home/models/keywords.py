"""Keywords: the tags of places, events, merchants' products and strategy actions, named in
each language."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Keyword(TranslatableMixin, models.Model):
    """The name of a tag in one language. Editors type tags in French on the pages (products and
    specialities of a merchant, keywords of a place, an event or an action); each tag gets a
    French keyword of the same name, which translators translate like any other snippet
    (wagtail-localize). English pages show the English name, or the French one marked as French
    until it is translated."""

    tag = models.ForeignKey("taggit.Tag", on_delete=models.CASCADE, related_name="keywords", verbose_name=_("tag"))
    name = models.CharField(_("name"), max_length=100)

    override_translatable_fields = [SynchronizedField("tag"), TranslatableField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")
        constraints = [models.UniqueConstraint(fields=["tag", "locale"], name="one_keyword_per_tag_and_locale")]
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def for_tag(cls, tag):
        """The tag's keyword in the default (French) language, created with the tag's name."""
        keyword, _created = cls.objects.get_or_create(tag=tag, locale=Locale.get_default(), defaults={"name": tag.name})
        return keyword
