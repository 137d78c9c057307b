"""A territory with something in every open dataset, in French and English, and a second
territory whose content must never show on the first one's exports and API."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, Site

from events.models import EventIndexPage, EventPage
from home.demo.loader import DemoLoader
from home.models import Commune, CommuneIndexPage, HomePage, OpenDataPage
from home.strategy.demo import StrategyLoader, read_json
from tests import strategy_data
from tests.builders import publish, translate
from tests.commerce_builders import ALWAYS, add_merchant, directory
from tests.event_builders import add_event, paris
from tests.news_builders import add_news, news_index
from tests.place_builders import add_place
from tourism.models import PlaceIndexPage, PlaceKind

THEMES = {"tiers-lieux", "mobilite"}


def soon(days=7, hour=14):
    day = timezone.localdate() + dt.timedelta(days=days)
    return paris(day.year, day.month, day.day, hour, 0)


def build_strategy(tree, actions_count=6, slug="feuille-test"):
    """A strategy index and a document of ``actions_count`` actions in French and English."""
    loader = DemoLoader()
    loader.french, loader.english = tree.home.locale, tree.home_en.locale
    strategy = StrategyLoader(loader, tree.site, tree.home)
    # Only the themes the test document uses: translating all of them takes seconds.
    strategy.load_themes([item for item in read_json("themes.json") if item["slug"] in THEMES])
    return strategy.load_document(strategy_data.document(actions_count=actions_count, slug=slug, bilingual=True))


def build_places(moderated):
    tree = moderated.tree
    french, english = tree.home.locale, tree.home_en.locale
    index = PlaceIndexPage(title="Découvrir", slug="decouvrir", locale=french)
    tree.home.add_child(instance=index)
    publish(index)
    index_en = translate(index, english, title="Discover", slug="discover")
    museum = PlaceKind.objects.create(
        name="Musée", slug="musee", datatourisme_class="Museum", schema_type="Museum", locale=french
    )
    museum_en = museum.copy_for_translation(english)
    museum_en.name = "Museum"
    museum_en.save()
    heritage = PlaceKind.objects.create(
        name="Patrimoine", slug="patrimoine", datatourisme_class="CulturalSite", locale=french
    )
    return index, index_en, museum, heritage


class Territory:
    """Everything the open data and API tests read, as attributes."""

    def __init__(self, moderated):
        self.moderated = moderated
        tree = self.tree = moderated.tree
        self.english = tree.home_en.locale
        self.bavay, self.quesnoy = moderated.bavay, moderated.quesnoy
        self.bavay.population, self.bavay.latitude, self.bavay.longitude = 3200, Decimal("50.2961"), Decimal("3.7939")
        self.bavay.save()
        communes = CommuneIndexPage(title="Les communes", slug="communes", locale=tree.home.locale)
        tree.home.add_child(instance=communes)
        publish(communes)
        translate(communes, self.english, title="Communes", slug="communes")
        # Events: one next week in Bavay (translated), one weekly series in Le Quesnoy.
        self.agenda = moderated.agenda
        self.repair = add_event(
            self.agenda,
            "Repair café",
            soon(7),
            soon(7, 17),
            categories=[moderated.workshop],
            commune=self.bavay,
            venue_name="Salle des fêtes",
            latitude=Decimal("50.2961"),
            longitude=Decimal("3.7939"),
            price="Gratuit",
            contact_email="secret@example.org",
            contact_phone="0600000000",
        )
        self.repair_en = translate(self.repair, self.english, title="Repair café (EN)", slug="repair-cafe-en")
        self.series = add_event(
            self.agenda,
            "Atelier numérique",
            soon(3, 10),
            soon(3, 12),
            commune=self.quesnoy,
            frequency="weekly",
            count=3,
        )
        # Places.
        self.place_index, self.place_index_en, self.museum, self.heritage = build_places(moderated)
        self.forum = add_place(
            self.place_index,
            "Forum antique",
            self.museum,
            self.bavay,
            Decimal("50.2986"),
            Decimal("3.7911"),
            opening_hours=ALWAYS,
            phone="+33327631395",
            access_mobility=True,
        )
        self.forum_en = translate(self.forum, self.english, title="Roman forum", slug="roman-forum")
        self.remparts = add_place(self.place_index, "Remparts", self.heritage, self.quesnoy)
        # Merchants.
        directory(tree)
        self.fromagerie = add_merchant(
            tree.index,
            "Fromagerie du Bocage",
            tree.food,
            self.bavay,
            tags=["maroilles", "beurre"],
            labels=[tree.aop],
            latitude=Decimal("50.2950"),
            longitude=Decimal("3.7900"),
            opening_hours=ALWAYS,
            siret="73282932000074",
            phone="+33327000000",
            street_address="2 rue de Mons",
        )
        self.fromagerie_en = translate(self.fromagerie, self.english, title="Bocage cheese shop", slug="cheese-shop")
        self.ferme = add_merchant(tree.index, "Ferme des Saules", tree.farm, self.quesnoy)
        # News: one in Bavay, translated.
        self.news_index, _ = news_index(tree)
        self.works = add_news(self.news_index, "Travaux à Bavay", commune=self.bavay, tags=["Travaux"])
        translate(self.works, self.english, title="Roadworks in Bavay", slug="roadworks")
        # Actions: a document of six actions in French and English.
        self.document = build_strategy(tree)

    def draft_event(self):
        event = EventPage(title="Brouillon secret", slug="brouillon", locale=self.agenda.locale, summary="x")
        event.start = soon(5)
        event.live = False
        self.agenda.add_child(instance=event)
        event.save_revision()
        return event

    def private_event(self):
        event = add_event(self.agenda, "Réunion privée", soon(6), commune=self.bavay)
        PageViewRestriction.objects.create(page=event, restriction_type="password", password="s3cret")
        return event

    def open_data_page(self, english=True):
        page = OpenDataPage(
            title="Données ouvertes", slug="donnees-ouvertes", locale=self.tree.home.locale, introduction="<p>Intro</p>"
        )
        self.tree.home.add_child(instance=page)
        publish(page)
        if english:
            translate(page, self.english, title="Open data", slug="open-data")
        return page


def other_territory():
    """A second site (autre.localhost) with a commune and an event of its own."""
    root = Page.get_first_root_node()
    home = HomePage(title="Autre territoire", slug="autre", locale=root.locale)
    root.add_child(instance=home)
    publish(home)
    Site.objects.create(hostname="autre.localhost", port=80, root_page=home)
    commune = Commune.objects.create(
        insee_code="62001",
        name="Autreville",
        slug="autreville",
        postcode="62000",
        site=Site.objects.get(root_page=home),
    )
    agenda = EventIndexPage(title="Agenda", slug="agenda", locale=home.locale)
    home.add_child(instance=agenda)
    publish(agenda)
    event = add_event(agenda, "Fête ailleurs", soon(4), commune=commune)
    return home, commune, event


def add_merchants(tree, count):
    for number in range(count):
        add_merchant(
            tree.index,
            f"Commerce {number:03d}",
            tree.food,
            tree.bavay,
            revision=False,
            tags=[f"produit-{number}"],
            labels=[tree.organic],
            latitude=Decimal("50.29"),
            longitude=Decimal("3.79"),
            opening_hours=ALWAYS,
        )
