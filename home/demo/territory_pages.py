"""The pages every territory's site owes its visitors (contact, legal notice, accessibility
statement, personal data), written once from a territory's own facts.

The Pays de Mormal has hand-written, bilingual versions in ``data/pages.json``; the French-only
territories get these, in the same format (see ``DemoLoader.publish_standard_pages``). A fact
the demo data does not hold (``null`` in ``data/territories/<slug>.json``) is said to be unknown,
never guessed.
"""

import html


def escape(value):
    """Text for HTML content, apostrophes kept as typed (the pages' rich text stores them so)."""
    return html.escape(value, quote=False)


# What an unknown fact reads as, rather than a made-up one.
UNKNOWN = "ne figure pas dans les documents publiés sur ce site"
DIRECTORY = "https://lannuaire.service-public.fr/"
DEFENSEUR = (
    "<ul><li>en écrivant au Défenseur des droits via le "
    '<a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a> ;</li>'
    "<li>par téléphone au 09 69 39 00 00 ;</li>"
    "<li>en contactant le délégué du Défenseur des droits dans votre région ;</li>"
    "<li>par courrier, gratuitement et sans timbre : Défenseur des droits, Libre réponse 71120, "
    "75342 Paris CEDEX 07.</li></ul>"
)


def _fr(value):
    return {"fr": value}


def _heading(text, level="h2"):
    return {"type": "heading", "level": level, "text": _fr(text)}


def _paragraph(html):
    return {"type": "paragraph", "html": _fr(html)}


def _link(page_key, text):
    return {"type": "call_to_action", "text": _fr(text), "page": page_key}


def _article(name):
    """ "la Communauté de communes…": the name after a preposition or a verb."""
    return f"la {name}" if name.startswith("Communauté") else name


def _siren(value):
    return f"{value[:3]} {value[3:6]} {value[6:]}" if value and len(value) == 9 else value


def _facts(data):
    """The territory's contact details as list items, each unknown one said to be unknown."""
    name = escape(data["name"])
    email = data.get("email")
    website = data.get("website")
    return [
        f"Nom : {name}",
        f"SIREN : {_siren(data['siren'])}" if data.get("siren") else f"SIREN : {UNKNOWN}",
        f"Adresse : {escape(data['address'])}" if data.get("address") else f"Adresse : {UNKNOWN}",
        f"Téléphone : {escape(data['phone'])}" if data.get("phone") else f"Téléphone : {UNKNOWN}",
        f"Courriel : {escape(email)}" if email else f"Courriel : {UNKNOWN}",
        (
            f'Site officiel : <a href="{html.escape(website)}">{escape(website)}</a>'
            if website
            else f"Site officiel : {UNKNOWN}"
        ),
    ]


def _facts_list(data):
    items = _facts(data)
    return "<ul>" + "".join(f"<li>{item} ;</li>" for item in items[:-1]) + f"<li>{items[-1]}.</li></ul>"


def _how_to_reach(data):
    """One sentence on how to write to the territory, from what is known."""
    known = [escape(data[key]) for key in ("email", "address") if data.get(key)]
    if known:
        return f"écrivez à {escape(_article(data['name']))} ({' ou '.join(known)})"
    return (
        f"adressez-vous à {escape(_article(data['name']))} ; ses coordonnées ne figurent pas dans les documents "
        f"publiés sur ce site : l'<a href=\"{DIRECTORY}\">annuaire de l'administration</a> les donne"
    )


def territory_pages(slug, data):
    """The four pages of a French-only territory, in the format of ``data/pages.json`` (keys
    prefixed with the territory's slug, so each page's blocks have their own ids)."""
    name = escape(_article(data["name"]))
    subject = _article(data["name"])[:1].upper() + _article(data["name"])[1:]
    short = escape(data["short_name"])
    key = f"{slug}-{{}}".format
    return [
        {
            "key": key("contact"),
            "slug": _fr("contact"),
            "title": _fr("Contact"),
            "introduction": _fr(f"Comment joindre {_article(data['name'])}."),
            "search_description": _fr(f"Coordonnées de {_article(data['name'])}."),
            "show_in_menus": True,
            "body": [
                _heading("Coordonnées"),
                _paragraph(
                    "<p>Coordonnées connues de ce site (les autres ne figurent pas dans les documents "
                    f"publiés ici ; elles ne sont pas devinées) :</p>{_facts_list(data)}"
                ),
                _paragraph(
                    f"<p>L'<a href=\"{DIRECTORY}\">annuaire de l'administration</a> (Service-Public.fr) "
                    "donne les coordonnées à jour des collectivités.</p>"
                ),
            ],
        },
        {
            "key": key("legal"),
            "slug": _fr("mentions-legales"),
            "title": _fr("Mentions légales"),
            "introduction": _fr("Qui publie ce site, qui l'héberge et comment réutiliser ses contenus."),
            "search_description": _fr(f"Mentions légales du site {data['short_name']}."),
            "body": [
                _heading("Éditeur du site"),
                _paragraph(f"<p>Ce site est édité par <b>{name}</b>.</p>{_facts_list(data)}"),
                _heading("Directeur de la publication"),
                _paragraph(
                    f"<p>Le directeur de la publication est le président ou la présidente en exercice de {name}.</p>"
                ),
                _heading("Hébergement"),
                _paragraph(
                    "<p>Les coordonnées de l'hébergeur du site (nom, adresse, téléphone) ne sont pas encore "
                    f"renseignées ; {_how_to_reach(data)}.</p>"
                ),
                _heading("Propriété intellectuelle et réutilisation"),
                _paragraph(
                    "<p>Sauf mention contraire, les textes de ce site sont publiés sous Licence Ouverte 2.0 "
                    "(Etalab) : vous pouvez les réutiliser librement, y compris à des fins commerciales, à "
                    "condition d'en citer la source et la date de dernière mise à jour.</p><p>La liste des "
                    "communes (codes officiels, populations légales, codes postaux) provient de l'INSEE, de la "
                    "DGCL et de La Poste, via le paquet "
                    '<a href="https://github.com/datagouv/decoupage-administratif">decoupage-administratif</a> '
                    "d'Etalab (Licence Ouverte).</p>"
                ),
                _link(key("privacy"), "Lire la page sur les données personnelles"),
                _link(key("accessibility"), "Consulter la déclaration d'accessibilité"),
            ],
        },
        {
            "key": key("accessibility"),
            "slug": _fr("accessibilite"),
            "title": _fr("Déclaration d'accessibilité"),
            "introduction": _fr(
                f"{subject} s'engage à rendre ce site accessible à toutes et à tous, conformément à "
                "l'article 47 de la loi n° 2005-102 du 11 février 2005."
            ),
            "search_description": _fr(
                f"Déclaration d'accessibilité du site {data['short_name']} : état de conformité au RGAA, "
                "contact et voies de recours."
            ),
            "body": [
                _paragraph(f"<p>Cette déclaration d'accessibilité s'applique au présent site ({short}).</p>"),
                _heading("État de conformité"),
                _paragraph(
                    "<p>Ce site est <b>non conforme</b> avec le référentiel général d'amélioration de "
                    "l'accessibilité (RGAA), version 4.1.2, car aucun audit de conformité n'a encore été "
                    "réalisé. Ses résultats seront publiés sur cette page.</p>"
                ),
                _heading("Contrôles automatisés", "h3"),
                _paragraph(
                    "<p>En attendant l'audit, chaque nouvelle version du site est testée automatiquement avec "
                    "l'outil axe-core. Ces tests repèrent une partie seulement des problèmes possibles et ne "
                    "remplacent pas un audit complet.</p>"
                ),
                _heading("Contenus non accessibles"),
                _paragraph(
                    "<p>Les non-conformités, les éventuelles dérogations pour charge disproportionnée et les "
                    "contenus non soumis à l'obligation d'accessibilité seront listés ici à l'issue de l'audit. "
                    "Aucun contenu n'y est répertorié à ce jour.</p>"
                ),
                _heading("Retour d'information et contact"),
                _paragraph(
                    "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, "
                    f"{_how_to_reach(data)}. Vous serez orienté vers une alternative accessible ou le contenu "
                    "vous sera fourni sous une autre forme.</p>"
                ),
                _heading("Voies de recours"),
                _paragraph(
                    "<p>Si vous avez signalé au responsable du site un défaut d'accessibilité qui vous empêche "
                    "d'accéder à un contenu ou à un service, et que vous n'avez pas obtenu de réponse "
                    f"satisfaisante, vous pouvez saisir le Défenseur des droits :</p>{DEFENSEUR}"
                ),
                _link(key("contact"), "Signaler un problème d'accessibilité"),
            ],
        },
        {
            "key": key("privacy"),
            "slug": _fr("donnees-personnelles"),
            "title": _fr("Données personnelles"),
            "introduction": _fr(
                "Quelles données ce site collecte, pourquoi, combien de temps il les garde et comment "
                "exercer vos droits, conformément au règlement général sur la protection des données (RGPD)."
            ),
            "search_description": _fr(f"Données personnelles sur le site {data['short_name']} et vos droits RGPD."),
            "body": [
                _heading("Responsable du traitement"),
                _paragraph(f"<p>Le responsable du traitement des données collectées sur ce site est {name}.</p>"),
                _heading("Pas de cookie de suivi"),
                _paragraph(
                    "<p>Ce site ne dépose aucun cookie de suivi et n'utilise aucun outil de mesure d'audience "
                    "fourni par un tiers. Seuls des cookies strictement nécessaires à son fonctionnement, par "
                    "exemple pour sécuriser les formulaires, peuvent être utilisés.</p>"
                ),
                _heading("Journaux du serveur"),
                _paragraph(
                    "<p>Comme tout site web, le serveur enregistre des journaux techniques (adresse IP, date et "
                    "heure, page demandée) nécessaires à la sécurité et au bon fonctionnement du site. Ils sont "
                    "conservés pendant une courte durée, puis supprimés.</p>"
                ),
                _heading("Vos droits"),
                _paragraph(
                    "<p>Vous disposez sur vos données des droits d'accès, de rectification, d'effacement, de "
                    f"limitation du traitement et d'opposition. Pour les exercer, {_how_to_reach(data)}. Si vous "
                    "estimez que vos droits ne sont pas respectés, vous pouvez adresser une "
                    '<a href="https://www.cnil.fr/fr/plaintes">réclamation à la CNIL</a>.</p>'
                ),
                _link(key("legal"), "Consulter les mentions légales"),
            ],
        },
    ]


def open_data_texts(data):
    """The French texts of a French-only territory's open-data page."""
    return {
        "title": "Données ouvertes",
        "slug": "donnees-ouvertes",
        "introduction": (
            f"<p>Les données publiées sur ce site, dont les actions de la stratégie numérique de "
            f"{escape(_article(data['name']))} et les communes du territoire, à télécharger et à réutiliser "
            "librement.</p>"
        ),
    }
