"""Realistic page bodies for the synthetic tree: a few blocks, in French or English.

Each page gets a heading, a paragraph with an internal link (to its parent) and a quote, and now
and then key figures, an accordion or a call to action (to the home page), chosen by its number
so that the tree is the same from one run to the next.
"""

TEXTS = {
    "fr": {
        "heading": "Ce qu'il faut savoir",
        "paragraph": (
            "<p>Le territoire accompagne les habitants, les associations et les entreprises. "
            'Retrouvez les démarches, les horaires et les contacts dans <a linktype="page" id="{parent}">'
            "la rubrique</a>, et <b>les dates à retenir</b> ci-dessous.</p>"
        ),
        "quote": ("Un territoire rural qui se donne les moyens de son avenir.", "Le président"),
        "figures": ("En chiffres", [("52", "communes"), ("48 048", "habitants"), ("1 200", "entreprises")]),
        "accordion": ("Questions fréquentes", "À qui s'adresser ?", "<p>Au guichet unique de la mairie.</p>"),
        "call_to_action": "Retour à l'accueil",
        "introduction": "{title} : présentation et démarches.",
    },
    "en": {
        "heading": "What you need to know",
        "paragraph": (
            "<p>The territory supports residents, associations and businesses. "
            'Procedures, opening hours and contacts are in <a linktype="page" id="{parent}">'
            "the section</a>, and <b>the key dates</b> below.</p>"
        ),
        "quote": ("A rural territory that gives itself the means of its future.", "The president"),
        "figures": ("In figures", [("52", "municipalities"), ("48,048", "inhabitants"), ("1,200", "businesses")]),
        "accordion": ("Frequently asked questions", "Who should I ask?", "<p>The one-stop desk at the town hall.</p>"),
        "call_to_action": "Back to the home page",
        "introduction": "{title}: overview and procedures.",
    },
}


def introduction(title, language):
    return TEXTS[language]["introduction"].format(title=title)


def key_figures(language):
    """The value of a key figures block (also used on the home pages)."""
    title, figures = TEXTS[language]["figures"]
    figures = [{"value": value, "label": label, "source": "INSEE"} for value, label in figures]
    return {"title": title, "figures": figures}


def body(number, language, parent_id, home_id):
    """Raw StreamField data for page ``number``: three to six blocks."""
    text = TEXTS[language]
    blocks = [
        ("heading", {"text": text["heading"], "level": "h2"}),
        ("paragraph", text["paragraph"].format(parent=parent_id)),
        ("quote", {"quote": text["quote"][0], "attribution": text["quote"][1]}),
    ]
    if number % 3 == 0:
        blocks.append(("key_figures", key_figures(language)))
    if number % 4 == 1:
        title, question, answer = text["accordion"]
        blocks.append(("accordion", {"title": title, "items": [{"question": question, "answer": answer}]}))
    if number % 5 == 0:
        blocks.append(("call_to_action", {"text": text["call_to_action"], "page": home_id, "external_url": ""}))
    return [{"type": kind, "value": value} for kind, value in blocks]
