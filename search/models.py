"""What visitors search for, counted so editors can see popular searches and searches that
find nothing (and fix them with promoted results or better content)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.search.utils import normalise_query_string

from .synonyms import split_words


class SearchTerm(models.Model):
    """One search wording in one language, with how often it was searched and how often it
    found nothing. Only the words are kept: nothing about who searched."""

    query_string = models.CharField(_("search terms"), max_length=255)
    language = models.CharField(_("language"), max_length=8)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_result_searches = models.PositiveIntegerField(_("searches without results"), default=0)
    last_results = models.PositiveIntegerField(_("results last time"), default=0)
    first_searched_at = models.DateTimeField(_("first searched"), default=timezone.now)
    last_searched_at = models.DateTimeField(_("last searched"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [models.UniqueConstraint(fields=["query_string", "language"], name="unique_search_term")]

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, words, language, results):
        """Count one search of `words` that found `results` pages."""
        query_string = normalise_query_string(words)
        if not query_string:
            return
        now = timezone.now()
        changes = {
            "searches": F("searches") + 1,
            "zero_result_searches": F("zero_result_searches") + (0 if results else 1),
            "last_results": results,
            "last_searched_at": now,
        }
        rows = cls.objects.filter(query_string=query_string, language=language)
        if rows.update(**changes):
            return
        try:
            with transaction.atomic():
                cls.objects.create(
                    query_string=query_string,
                    language=language,
                    searches=1,
                    zero_result_searches=0 if results else 1,
                    last_results=results,
                    first_searched_at=now,
                    last_searched_at=now,
                )
        except IntegrityError:
            # Another request created it in the meantime.
            rows.update(**changes)


class SynonymGroup(models.Model):
    """Words that mean the same to a visitor, in French and English: searching for one of
    them finds pages with any of them ("hiking, walk, randonnée, sentier"). One line of the
    table per meaning."""

    words = models.TextField(
        _("words"),
        help_text=_(
            "Words or short phrases that mean the same, in French and in English, separated by commas: "
            "for example “castle, château, manor”. Case and accents make no difference."
        ),
    )

    class Meta:
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")
        ordering = ["words"]

    def __str__(self):
        return self.words

    def clean(self):
        entries = split_words(self.words)
        if len(entries) < 2:
            raise ValidationError({"words": _("Give at least two words that mean the same, separated by commas.")})
        self.words = ", ".join(entries)
