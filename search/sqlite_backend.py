"""On SQLite, the nearest the FTS5 index allows to stemming (see search/backend.py): each
searched word without its plural or "-ing" ending, matched as a prefix."""

from wagtail.search.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from wagtail.search.backends.database.sqlite.sqlite import SQLiteSearchBackend, SQLiteSearchQueryCompiler
from wagtail.search.query import PlainText

from .highlight import fold

# Endings dropped from a searched word before it is matched as a prefix.
ENDINGS = (("ies", "y"), ("ings", ""), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("x", ""))
SHORTEST_STEM = 3


def light_stem(word):
    """The searched word folded and without a plural or "-ing" ending (SQLite only)."""
    word = fold(word)[0]
    for ending, replacement in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_STEM:
            return word[: -len(ending)] + replacement
    return word


class PrefixQueryCompiler(SQLiteSearchQueryCompiler):
    """Matches each word of a plain-text search by its light stem, as a prefix."""

    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        lexemes = None
        for term in query.query_string.split():
            stem = light_stem(term)
            lexeme = Lexeme(stem, prefix=len(term) > SHORTEST_STEM)
            if lexemes is None:
                lexemes = lexeme
            elif query.operator.lower() == "and":
                lexemes &= lexeme
            else:
                lexemes |= lexeme
        return None if lexemes is None else SearchQueryExpression(lexemes, config=config)


class PrefixSQLiteBackend(SQLiteSearchBackend):
    query_compiler_class = PrefixQueryCompiler
