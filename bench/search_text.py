"""French (and English) text for the search bench's pages, from a fixed vocabulary.

Every piece of vocabulary is a pair (French, English): a page draws its words once, with a
random generator seeded by its kind and number, and gets both texts from the same draw, so
that its English translation says the same thing and the site is the same from one run to the
next. Accents are everywhere (fête, marché, médiathèque…), as on the real site: the bench
searches for them typed without accents.
"""

import random

from django.utils.text import slugify

# (name, "de …", "à …"): a few real communes of the Pays de Mormal, weighted roughly by
# population (repeated names come up more often).
COMMUNES = [
    ("Le Quesnoy", "du Quesnoy", "au Quesnoy"),
    ("Bavay", "de Bavay", "à Bavay"),
    ("Landrecies", "de Landrecies", "à Landrecies"),
    ("Maroilles", "de Maroilles", "à Maroilles"),
    ("Englefontaine", "d'Englefontaine", "à Englefontaine"),
    ("Jolimetz", "de Jolimetz", "à Jolimetz"),
    ("Locquignol", "de Locquignol", "à Locquignol"),
    ("Poix-du-Nord", "de Poix-du-Nord", "à Poix-du-Nord"),
    ("Gommegnies", "de Gommegnies", "à Gommegnies"),
]
COMMUNE_WEIGHTS = [5, 3, 3, 2, 1, 1, 1, 1, 1]

DAYS = [
    ("lundi", "Monday"),
    ("mardi", "Tuesday"),
    ("mercredi", "Wednesday"),
    ("jeudi", "Thursday"),
    ("vendredi", "Friday"),
    ("samedi", "Saturday"),
    ("dimanche", "Sunday"),
]

EVENT_KINDS = [
    ("Fête du village", "Village fête"),
    ("Fête de la musique", "Music day"),
    ("Fête de la pomme", "Apple fair"),
    ("Fête des voisins", "Neighbours' day"),
    ("Marché de Noël", "Christmas market"),
    ("Marché du terroir", "Local produce market"),
    ("Randonnée pédestre", "Guided hike"),
    ("Marche nordique", "Nordic walking"),
    ("Atelier numérique", "Digital workshop"),
    ("Café réparation", "Repair café"),
    ("Heure du conte à la médiathèque", "Story time at the media library"),
    ("Concert de l'harmonie", "Brass band concert"),
    ("Brocante et vide-grenier", "Flea market"),
    ("Ducasse", "Funfair"),
    ("Exposition de peinture", "Painting exhibition"),
    ("Cinéma en plein air", "Open-air cinema"),
    ("Balade nature en forêt de Mormal", "Nature walk in the Mormal forest"),
    ("Rencontre au tiers-lieu", "Meet-up at the third place"),
    ("Atelier cuisine du maroilles", "Maroilles cooking workshop"),
    ("Loto des associations", "Associations' bingo"),
]

VENUES = [
    ("Salle des fêtes {de}", "{name} village hall"),
    ("Médiathèque {de}", "{name} media library"),
    ("Place du marché {de}", "{name} market square"),
    ("Tiers-lieu La Fabrique", "La Fabrique third place"),
    ("Église Saint-Martin {de}", "Saint-Martin church, {name}"),
    ("Étang du Pont-Rouge", "Pont-Rouge pond"),
]

TRADES = [
    ("Boulangerie", "Bakery"),
    ("Boucherie-charcuterie", "Butcher's"),
    ("Fromagerie", "Cheese shop"),
    ("Épicerie fine", "Delicatessen"),
    ("Café", "Café"),
    ("Brasserie", "Brasserie"),
    ("Ferme", "Farm"),
    ("Primeur", "Greengrocer"),
    ("Fleuriste", "Florist"),
    ("Librairie", "Bookshop"),
    ("Salon de coiffure", "Hairdresser"),
    ("Garage", "Garage"),
    ("Cave à bières", "Beer shop"),
    ("Réparation de vélos", "Bicycle repairs"),
    ("Friterie", "Chip shop"),
]
TRADE_NAMES = [
    "Dupont",
    "Lefebvre",
    "Leroy",
    "Delattre",
    "Lemaire",
    "Caron",
    "Dubois",
    "Lecomte",
    "Hennequin",
    "Delcourt",
    "Wattiez",
    "Fontaine",
    "Le Fournil",
    "Au Bon Pain",
    "Les Délices",
    "La Chaumière",
    "du Moulin",
    "des Remparts",
    "de la Forêt",
    "Saint-Martin",
]
TRADE_SUMMARIES = [
    ("Pain au levain, viennoiseries et tartes au maroilles.", "Sourdough bread, pastries and maroilles tarts."),
    ("Produits de la ferme, œufs, lait cru et fromages affinés.", "Farm produce, eggs, raw milk and matured cheeses."),
    (
        "Fruits et légumes de saison, en direct des producteurs.",
        "Seasonal fruit and vegetables, straight from growers.",
    ),
    ("Bières artisanales de l'Avesnois et cidre fermier.", "Craft beers from the Avesnois and farm cider."),
    ("Réparation, entretien et location de vélos.", "Bicycle repairs, servicing and rental."),
    ("Cuisine du terroir, plat du jour et terrasse.", "Local cooking, dish of the day and a terrace."),
]

PLACE_KINDS = [
    ("Médiathèque", "media library"),
    ("Salle des fêtes", "village hall"),
    ("Église Saint-Martin", "Saint-Martin church"),
    ("Remparts", "ramparts"),
    ("Forum antique", "Roman forum"),
    ("Tiers-lieu numérique", "digital third place"),
    ("Étang", "pond"),
    ("Moulin", "windmill"),
    ("Chapelle Notre-Dame", "Notre-Dame chapel"),
    ("Kiosque à musique", "bandstand"),
    ("Maison France services", "France services centre"),
    ("Aire de jeux", "playground"),
    ("Sentier de randonnée", "hiking trail"),
    ("Halle du marché", "market hall"),
    ("Musée", "museum"),
]

ACTIONS = [
    ("Déployer des conseillers numériques dans les mairies", "Deploy digital advisers in town halls"),
    ("Ouvrir un tiers-lieu numérique {a}", "Open a digital third place in {name}"),
    ("Équiper la médiathèque {de} de postes publics", "Equip the {name} media library with public computers"),
    ("Organiser un café réparation mensuel", "Hold a monthly repair café"),
    ("Dématérialiser les démarches d'urbanisme", "Put planning procedures online"),
    ("Raccorder les écoles à la fibre", "Connect schools to fibre"),
    ("Former les associations aux outils numériques", "Train associations in digital tools"),
    ("Créer un marché de producteurs en ligne", "Create an online producers' market"),
    ("Accompagner la fête du numérique", "Support the digital festival"),
    ("Mutualiser les logiciels des communes", "Share software between municipalities"),
    ("Sécuriser les données des mairies", "Secure town hall data"),
    ("Développer le covoiturage vers {name}", "Develop car-sharing to {name}"),
]

STANDARD_TITLES = [
    ("Collecte des déchets {a}", "Waste collection in {name}"),
    ("Démarches d'urbanisme", "Planning procedures"),
    ("Petite enfance et relais petite enfance", "Early childhood and childminders"),
    ("Transport à la demande", "On-demand transport"),
    ("Aides à la rénovation de l'habitat", "Home renovation grants"),
    ("Marchés publics", "Public procurement"),
    ("Marchés hebdomadaires du territoire", "Weekly markets of the territory"),
    ("Associations {de}", "Associations in {name}"),
    ("Fêtes et cérémonies", "Festivities and ceremonies"),
    ("Accueil de loisirs", "Holiday club"),
    ("Piscine intercommunale", "Intercommunal swimming pool"),
    ("Office de tourisme", "Tourist office"),
    ("Emploi et insertion", "Employment and integration"),
    ("Inclusion numérique", "Digital inclusion"),
]

SENTENCES = [
    (
        "Le marché {de} se tient chaque {day} matin sur la place.",
        "The {name} market is held every {day_en} morning on the square.",
    ),
    (
        "La fête communale rassemble chaque année les habitants {de}.",
        "The local fête brings the people of {name} together every year.",
    ),
    ("La médiathèque propose des ateliers numériques gratuits.", "The media library offers free digital workshops."),
    (
        "Un café réparation a lieu le premier samedi du mois au tiers-lieu.",
        "A repair café is held on the first Saturday of the month at the third place.",
    ),
    (
        "Les randonnées partent de l'office de tourisme du Quesnoy.",
        "Hikes start from the Le Quesnoy tourist office.",
    ),
    (
        "La boulangerie du centre-bourg vend du pain au levain et des tartes au maroilles.",
        "The village-centre bakery sells sourdough bread and maroilles tarts.",
    ),
    ("Renseignements auprès de la mairie {de}.", "Information from the {name} town hall."),
    ("Accès libre, stationnement à proximité.", "Free entry, parking nearby."),
    (
        "La forêt de Mormal offre plus de neuf mille hectares de sentiers.",
        "The Mormal forest offers more than nine thousand hectares of trails.",
    ),
    (
        "Les producteurs locaux sont présents au marché de Bavay le vendredi.",
        "Local producers are at the Bavay market on Fridays.",
    ),
    ("Inscription conseillée, places limitées.", "Booking advised, places are limited."),
    (
        "Le programme complet est disponible à l'accueil de la communauté de communes.",
        "The full programme is available at the community of municipalities' front desk.",
    ),
    (
        "Les remparts Vauban du Quesnoy se visitent toute l'année.",
        "The Vauban ramparts of Le Quesnoy are open all year round.",
    ),
    (
        "Des bénévoles accueillent le public pour réparer ensemble petits appareils et vélos.",
        "Volunteers welcome the public to repair small appliances and bicycles together.",
    ),
    (
        "Le conseil communautaire a adopté le schéma numérique du territoire.",
        "The community council adopted the territory's digital plan.",
    ),
    (
        "Les enfants des écoles {de} participent à la fête de fin d'année.",
        "Children from the {name} schools take part in the end-of-year fête.",
    ),
    (
        "Le marché de Noël de Landrecies réunit une quarantaine d'exposants.",
        "The Landrecies Christmas market brings together some forty stallholders.",
    ),
    (
        "La fibre optique est disponible dans toutes les communes depuis 2022.",
        "Fibre broadband has been available in every municipality since 2022.",
    ),
]

HEADINGS = [
    ("Informations pratiques", "Practical information"),
    ("Ce qu'il faut savoir", "What you need to know"),
    ("Accès", "Getting there"),
    ("Contact", "Contact"),
]


class Draw:
    """The words drawn for one page: a seeded generator, a commune and a day."""

    def __init__(self, kind, number):
        self.random = random.Random(f"search-bench:{kind}:{number}")  # noqa: S311 (not for secrets)
        self.commune_index = self.random.choices(range(len(COMMUNES)), weights=COMMUNE_WEIGHTS)[0]
        name, de, a = COMMUNES[self.commune_index]
        day, day_en = self.random.choice(DAYS)
        self.values = {"name": name, "de": de, "a": a, "day": day, "day_en": day_en}
        self.number = number

    @property
    def commune(self):
        return COMMUNES[self.commune_index][0]

    def choice(self, pairs):
        return self.random.choice(pairs)

    def fill(self, pair):
        return tuple(text.format(**self.values) for text in pair)

    def sentences(self, low=2, high=5):
        """(French, English) paragraphs of ``low`` to ``high`` sentences from the common pool."""
        picked = [self.fill(pair) for pair in self.random.sample(SENTENCES, self.random.randint(low, high))]
        return " ".join(fr for fr, _en in picked), " ".join(en for _fr, en in picked)

    def body(self):
        """Raw StreamField data in French and English: a heading and one or two paragraphs."""
        heading = self.choice(HEADINGS)
        paragraphs = [self.sentences() for _ in range(self.random.randint(1, 2))]
        return tuple(
            [{"type": "heading", "value": {"text": heading[language], "level": "h2"}}]
            + [{"type": "paragraph", "value": f"<p>{paragraph[language]}</p>"} for paragraph in paragraphs]
            for language in (0, 1)
        )


def slug(title, number):
    """A slug unique among its siblings: the title's and the page's number."""
    return f"{slugify(title)[:60].rstrip('-')}-{number:05d}"
