"""Finds French left on an English page: French words, French number formats and the French
space before a colon, outside the elements marked ``lang="fr"`` (where French is honest).

A small detector, not a language identifier: it flags a text run holding a French function
word or a French accented word, once known proper names (communes, people, businesses) are
taken out. Used by the English crawl of the demo (tests/test_english_pages.py).
"""

import re
from pathlib import Path

from bs4 import BeautifulSoup

# Function words that do not occur in English prose ("de", "la" and "le" are left to the
# accented-word and phrase checks, they sit in too many names: "Pays de Mormal", "Le Quesnoy").
STOP_WORDS = {
    "les", "des", "du", "une", "et", "est", "pour", "avec", "sur", "dans", "aux", "au",
    "sont", "nous", "vous", "qui", "ou", "pas", "ne", "ces", "cette", "leur", "leurs", "mais",
    "aussi", "entre", "chez", "sans", "tous", "toutes", "selon", "avant", "après", "jusqu",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier",
    "février", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre", "ouvert", "fermé", "horaires", "voir", "lire", "commune", "communes",
}  # fmt: skip
# Words English has borrowed with their accents.
LOANWORDS = {
    "café",
    "cafés",
    "château",
    "châteaux",
    "crêpe",
    "crêpes",
    "rosé",
    "entrée",
    "déjà",
    "pâté",
    "naïve",
    "façade",
}
GLOSSARY = Path(__file__).resolve().parent.parent / "docs" / "glossary.md"
URL = re.compile(r"\S*(?:://|/|=)\S*")
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+(?:['’][A-Za-zÀ-ÖØ-öø-ÿ]+)?")
ACCENTED = re.compile(r"[àâçéèêëîïôûùüÿœæÀÂÇÉÈÊËÎÏÔÛÙÜŸŒÆ]")
ELISION = re.compile(r"\b(?:[dlnjs]|qu)['’][aeiouhéèêàâîôûy]", re.IGNORECASE)
FRENCH_NUMBERS = [
    ("thousands with a space", re.compile(r"\b\d{1,3}(?:[\u00a0\u202f ]\d{3})+\b(?![\d/:-])")),
    ("decimal comma", re.compile(r"\b\d+,(?!\d{3}\b)\d+\b")),
    ("K€ or M€", re.compile(r"\d\s*[KkM]\s?€")),
    ("amount followed by €", re.compile(r"\d[\u00a0\u202f ]?€")),
    ("duration in h", re.compile(r"\b\d{1,2}\s?h\s?\d{2}\b|\b\d{1,2}\s?h\b(?![a-z])")),
    ("ETP", re.compile(r"\bETP\b")),
]
SPACE_BEFORE_COLON = re.compile(r"\w[\u00a0\u202f ]+[:;!?](?!\S)")
# Code samples (parameter names, URLs) are not prose.
SKIPPED = ("script", "style", "template", "noscript", "svg", "code", "kbd", "samp")
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


def english_runs(html):
    """The text runs of a page that claim to be English: text nodes and readable attributes,
    outside any element in another language."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(SKIPPED):
        tag.decompose()
    for tag in soup.find_all(lang=True):
        if tag.name != "html" and not tag["lang"].startswith("en"):
            tag.decompose()
    body = soup.body or soup
    for text in body.find_all(string=True):
        if text.strip():
            yield " ".join(text.split())
    for tag in body.find_all(True):
        for attribute in ATTRIBUTES:
            if tag.get(attribute):
                yield " ".join(str(tag[attribute]).split())


def findings(html, names=()):
    """What is French in the English part of a page: (kind, text) pairs. ``names`` are proper
    names that stay as they are in English (communes, businesses, people)."""
    found = []
    for run in english_runs(html):
        # A name stands for a word (so "Bavay:" stays "X:"); addresses of the web are not words.
        text = run
        for name in sorted(names, key=len, reverse=True):
            if name in text:
                text = text.replace(name, "X")
        text = URL.sub("X", text)
        found.extend((kind, run) for kind in problems(text))
    return found


def problems(text):
    words = WORD.findall(text)
    lowered = [word.lower() for word in words]
    if any(word in STOP_WORDS for word in lowered) or ELISION.search(text):
        yield "French words"
    elif any(ACCENTED.search(word) and word.lower() not in LOANWORDS for word in words):
        yield "French accented word"
    for kind, pattern in FRENCH_NUMBERS:
        if pattern.search(text):
            yield f"French number format ({kind})"
    if SPACE_BEFORE_COLON.search(text):
        yield "space before punctuation"


def glossary_names():
    """The proper names that stay French on English pages, listed in docs/glossary.md."""
    section = GLOSSARY.read_text(encoding="utf-8").split("## Names kept in French", 1)[1]
    return {line[2:].strip() for line in section.splitlines() if line.startswith("- ")}
