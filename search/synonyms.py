"""Bilingual synonyms: a visitor's words widened to the words editors said mean the same, so
"hiking" also finds "randonnée" and "sentier", and "castle" finds "château".

The groups are read once and kept in the cache until an editor changes one
(``search/signals.py``). Words are compared folded (lower case, no accents) and without a
plural ``s`` or ``x``, so "Châteaux", "chateau" and "château" are the same entry.
"""

import re

from django.core.cache import cache

from .highlight import fold

CACHE_KEY = "search:synonyms"


def normal(word):
    """The form under which a word is looked up: folded, without a plural ending."""
    word = fold(word)[0].strip()
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    return word


def split_words(text):
    """The entries of a group as typed by an editor: separated by commas or new lines."""
    return [" ".join(entry.split()) for entry in re.split(r"[,;\n]", text) if entry.strip()]


def table():
    """{normal form of a word: (the other words of its groups, as written)}."""
    found = cache.get(CACHE_KEY)
    if found is None:
        from .models import SynonymGroup

        found = {}
        for words in SynonymGroup.objects.values_list("words", flat=True):
            entries = split_words(words)
            for entry in entries:
                others = found.setdefault(normal(entry), [])
                others += [other for other in entries if normal(other) != normal(entry) and other not in others]
        found = {key: tuple(value) for key, value in found.items()}
        cache.set(CACHE_KEY, found, None)
    return found


def forget(**kwargs):
    cache.delete(CACHE_KEY)


def synonyms_of(word, known=None):
    """The other words meaning the same as `word` (empty when it is in no group)."""
    return (known if known is not None else table()).get(normal(word), ())
