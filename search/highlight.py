"""Result snippets: the passage of a page where the searched words appear, with the words
marked, found the way the search finds them (ignoring case and accents)."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from wagtail.search import index

SNIPPET_LENGTH = 220
LEAD = 70  # characters kept before the first match, for context


def fold(text):
    """The text lower-cased without accents, and for each folded character the position of
    the character it came from."""
    folded, origin = [], []
    for position, character in enumerate(text):
        decomposed = unicodedata.normalize("NFD", character)
        for part in decomposed.lower():
            if not unicodedata.combining(part):
                folded.append(part)
                origin.append(position)
    return "".join(folded), origin


def terms(words):
    folded, _ = fold(words)
    return [term for term in re.findall(r"\w+", folded) if len(term) > 1]


def page_text(page):
    """The page's searchable text other than its title, as the search index sees it."""
    texts = []
    names = {field.name for field in page._meta.fields}
    for search_field in page.get_search_fields():
        # Fields of the page only: a method (a category's or activity's name) would read the
        # database for each result, and names are no passage to quote.
        if isinstance(search_field, index.SearchField) and search_field.field_name in names - {"title"}:
            value = search_field.get_value(page)
            if isinstance(value, list | tuple):
                value = " ".join(str(item) for item in value)
            if value:
                texts.append(str(value))
    return re.sub(r"\s+", " ", " ".join(texts)).strip()


def matches(text, words):
    """[(start, end)] of the words of `text` that begin with one of the searched words."""
    wanted = terms(words)
    if not wanted:
        return []
    folded, origin = fold(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(term) for term in wanted) + r")\w*")
    return [(origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer(folded)]


def mark(text, words):
    """The text escaped, with the words found wrapped in <mark>."""
    pieces, last = [], 0
    for start, end in matches(text, words):
        pieces += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece of text is escaped above)


def snippet(text, words, length=SNIPPET_LENGTH):
    """About `length` characters of `text` around the first searched word, marked."""
    found = matches(text, words)
    start = 0
    if found and found[0][0] > LEAD:
        start = text.rfind(" ", 0, found[0][0] - LEAD) + 1
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    passage = text[start:end]
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + mark(passage, words) + suffix)  # noqa: S308 (mark() escapes)
