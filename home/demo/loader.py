"""The demo territory (Communauté de communes du Pays de Mormal) as code.

Idempotent and deterministic: every object is found by a natural key (INSEE code, slug,
locale) and only saved, published or translated again when its content changed. Other apps
add their own content through a ``demo`` module with a ``load(loader)`` function; the strategy
documents (``home.strategy.demo``) come in when the loader is given them, each territory's
after its own pages.
"""

import csv
import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import Locale, Page, Site

from home.communes import import_communes
from home.models import (
    Commune,
    CommuneIndexPage,
    HomePage,
    OpenDataPage,
    Organisation,
    StandardPage,
    TerritorySettings,
)

from .streams import block_id, key_figures_value, stream_data
from .territory_pages import open_data_texts, territory_pages
from .translation import publish_translation

DATA = Path(__file__).resolve().parent / "data"
HOME_SLUG = "pays-de-mormal"


def text_fr(value):
    return (value or {}).get("fr", "")


def read_json(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _plain(value):
    # 50.2878 and 50.287800 are the same coordinate.
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


def _prep(instance, names):
    """A comparable snapshot of some fields, StreamFields included."""
    snapshot = {}
    for name in names:
        field = instance._meta.get_field(name.removesuffix("_id"))
        snapshot[name] = json.dumps(field.get_prep_value(getattr(instance, name)), sort_keys=True, default=_plain)
    return snapshot


def assign(instance, values):
    """Set ``values`` on ``instance``; tell whether anything differs from what it had."""
    before = _prep(instance, values) if instance.pk else None
    for name, value in values.items():
        setattr(instance, name, value)
    return before is None or before != _prep(instance, values)


MORMAL = "pays-de-mormal"


def territory_slugs():
    """Every demo territory: the Pays de Mormal first (the default site), then the others."""
    others = sorted(path.stem for path in (DATA / "territories").glob("*.json"))
    return [MORMAL, *others]


class DemoLoader:
    assign_values = staticmethod(assign)

    def __init__(self, stdout=None, territories=(MORMAL,), strategy=None):
        """``strategy`` loads the strategy documents (``home.strategy.demo``, which ``load_demo``
        passes unless ``--without-strategy``); without it there are none."""
        self.stdout = stdout
        self.page_ids = {}
        self.territories = list(territories)
        self.strategy = strategy
        self.sites = {}

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    @transaction.atomic
    def run(self):
        self.french, self.english = self.load_locales()
        if self.strategy:
            self.strategy.load_themes(self)
        if MORMAL in self.territories:
            self.site, self.home = self.load_site()
            self.load_territory()
            self.load_communes()
            self.load_organisations()
            self.load_home_page()
            self.load_standard_pages()
            self.link_legal_pages()
            self.load_commune_index(self.home, bilingual=True)
            self.load_open_data_page()
            self.sites[MORMAL] = self.site
            self.load_strategy(MORMAL, self.site, self.home)
        for slug in self.territories:
            if slug != MORMAL:
                self.load_other_territory(slug)

    def load_strategy(self, territory, site, home):
        if self.strategy:
            self.strategy.load_territory(self, territory, site, home)

    def load_other_territory(self, slug):
        """A French-only territory on its own site (demo hostname such as
        porte-du-hainaut.localhost), with its settings, communes and strategy."""
        data = read_json(f"territories/{slug}.json")
        home = HomePage.objects.filter(locale=self.french, slug=slug, depth=2).first()
        if home is None:
            home = HomePage(title=text_fr(data["home"]["title"]), slug=slug, locale=self.french)
            Page.get_first_root_node().add_child(instance=home)
        self.publish(
            home,
            {"title": text_fr(data["home"]["title"]), "introduction": text_fr(data["home"].get("introduction"))},
        )
        site = Site.objects.filter(hostname=data["hostname"]).first() or Site(hostname=data["hostname"], port=80)
        site.root_page = home
        site.site_name = data["short_name"]
        site.save()
        territory = TerritorySettings.for_site(site)
        assign(
            territory,
            {
                "name": data["name"],
                "short_name": data["short_name"],
                "kind": data["kind"],
                "siren": data.get("siren") or "",
                "address": data.get("address") or "",
                "phone": data.get("phone") or "",
                "email": data.get("email") or "",
                "website": data.get("website") or "",
            },
        )
        territory.save()
        result = import_communes(site, data["epci_siren"], DATA / "decoupage" / "communes-epci.json")
        self.say(
            f"Territory {data['short_name']} at http://{data['hostname']}/ — communes: {result.total} "
            f"({result.created} created, {result.updated} updated)"
        )
        self.sites[slug] = site
        self.load_commune_index(home, bilingual=False)
        # The same four pages as the Pays de Mormal's, from this territory's own facts.
        pages = self.publish_standard_pages(home, territory_pages(slug, data), {}, bilingual=False)
        self.link_legal_pages(site, pages, prefix=f"{slug}-")
        self.load_open_data_page(home, open_data_texts(data))
        self.load_strategy(slug, site, home)

    def load_locales(self):
        french, _ = Locale.objects.get_or_create(language_code="fr")
        english, _ = Locale.objects.get_or_create(language_code="en")
        self.say("Locales: fr, en")
        return french, english

    def load_site(self):
        home = HomePage.objects.filter(locale=self.french, slug=HOME_SLUG).first()
        if home is None:
            home = HomePage(title="Pays de Mormal", slug=HOME_SLUG, locale=self.french)
            Page.get_first_root_node().add_child(instance=home)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = home
        site.site_name = "Pays de Mormal"
        site.save()
        # Wagtail's installation page, replaced by the territory's home page.
        placeholder_type = ContentType.objects.get_for_model(Page)
        for page in Page.objects.filter(depth=2, content_type=placeholder_type):
            page.delete()
        self.say(f"Site: {site.site_name} (home page #{home.pk})")
        return site, home

    def load_territory(self):
        data = read_json("territory.json")
        territory = TerritorySettings.for_site(self.site)
        assign(
            territory,
            {
                "name": data["name"],
                "short_name": data["short_name"],
                "kind": data["kind"],
                "siren": data["siren"] or "",
                "address": data.get("address") or "",
                "phone": data.get("phone") or "",
                "email": data.get("email") or "",
                "website": data.get("website") or "",
                "social_links": [
                    {"type": "link", "value": link, "id": block_id("social", index)}
                    for index, link in enumerate(data.get("social_links", []))
                ],
                "map_latitude": Decimal(str(data["map_centre"]["latitude"])),
                "map_longitude": Decimal(str(data["map_centre"]["longitude"])),
                "map_zoom": data["map_centre"]["zoom"],
            },
        )
        territory.save()
        self.say(f"Territory: {territory.name}")

    def load_communes(self):
        created = updated = 0
        with (DATA / "communes-pays-de-mormal.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        existing = {commune.insee_code: commune for commune in Commune.objects.all()}
        for row in rows:
            commune = existing.get(row["insee"]) or Commune(insee_code=row["insee"])
            is_new = commune.pk is None
            values = {
                "name": row["name"],
                "slug": row["slug"],
                "postcode": row["postcode"],
                "population": int(row["population"]) if row["population"] else None,
                "population_year": int(row["population_year"]) if row["population_year"] else None,
                "area_km2": Decimal(row["area_km2"]) if row["area_km2"] else None,
                "latitude": Decimal(row["latitude"]) if row["latitude"] else None,
                "longitude": Decimal(row["longitude"]) if row["longitude"] else None,
                "site_id": self.site.pk,
            }
            if assign(commune, values):
                commune.full_clean()
                commune.save()
                created += is_new
                updated += not is_new
        self.say(f"Communes: {len(rows)} ({created} created, {updated} updated)")

    def load_organisations(self):
        data = read_json("organisations.json")
        communes = dict(Commune.objects.values_list("insee_code", "pk"))
        changed_count = 0
        for item in data:
            organisation = Organisation.objects.filter(slug=item["slug"], locale=self.french).first()
            organisation = organisation or Organisation(slug=item["slug"], locale=self.french)
            # A plain string is a proper name, the same in both languages.
            names = item["name"] if isinstance(item["name"], dict) else {"fr": item["name"], "en": item["name"]}
            common = {
                "kind": item["kind"],
                "commune_id": communes.get(item.get("commune_insee")),
                "website": item.get("website") or "",
            }
            changed = assign(organisation, {**common, "name": names["fr"], "description": item["description"]["fr"]})
            if changed:
                organisation.full_clean()
                organisation.save()
            english = Organisation(slug=item["slug"], name=names["en"], description=item["description"]["en"], **common)
            _, translated = publish_translation(organisation, self.english, english, force=changed)
            changed_count += changed or translated
        self.say(f"Organisations: {len(data)} in French and English ({changed_count} changed)")

    def publish(self, page, values, force=False):
        """Save and publish a page if its content changed; tell whether it did."""
        changed = assign(page, values) or force
        if changed or not page.live:
            page.save_revision().publish()
            return True
        return False

    def load_index_page(self, model, texts, translated):
        """The home page's child of ``model`` (a listing such as the places or the merchants),
        created if missing and published with ``texts`` (title, slug, introduction per
        language); its English translation too when the site is bilingual."""
        index = model.objects.child_of(self.home).first()
        if index is None:
            index = model(title=texts["title"]["fr"], slug=texts["slug"]["fr"], locale=self.french)
            self.home.add_child(instance=index)

        def values(language):
            return {
                "title": texts["title"][language],
                "slug": texts["slug"][language],
                "introduction": texts["introduction"][language],
                "show_in_menus": True,
            }

        changed = self.publish(index, values("fr"))
        if translated:
            publish_translation(index, self.english, model(**values("en")), force=changed)
        return index

    def quick_links(self, items):
        """The home page's quick links to pages of the site found by their French slug; a
        page not loaded yet (the other apps load theirs after the home page) is left out until
        ``load_quick_links`` runs at the end."""
        pages = {
            page.slug: page
            for page in Page.objects.descendant_of(self.home).filter(
                locale=self.french, slug__in=[item["page"] for item in items]
            )
        }
        return [(item, pages[item["page"]]) for item in items if item["page"] in pages]

    def load_quick_links(self):
        """Called by ``load_demo`` once every app has loaded its pages."""
        if getattr(self, "home", None) is not None:
            self.home.refresh_from_db()
            self.load_home_page()

    def load_home_page(self):
        data = read_json("home.json")
        key_figures = data.get("key_figures")
        links = self.quick_links(data.get("quick_links", []))

        def values(language):
            return {
                "title": data["title"][language],
                "introduction": data["introduction"][language],
                "quick_links": [
                    {
                        "type": "quick_link",
                        "value": {
                            "text": item["text"][language],
                            "page": page.pk,
                            "external_url": "",
                            "summary": item["summary"][language],
                        },
                        "id": block_id("home", "quick-link", item["page"]),
                    }
                    for item, page in links
                ],
                "key_figures": [
                    {
                        "type": "key_figures",
                        "value": key_figures_value(key_figures, language, block_id("home", "figures")),
                        "id": block_id("home", "figures", "block"),
                    }
                ]
                if key_figures
                else [],
            }

        changed = self.publish(self.home, values("fr"))
        english = HomePage(slug=f"{HOME_SLUG}-en", **values("en"))
        _, translated = publish_translation(self.home, self.english, english, force=changed)
        self.page_ids["home"] = self.home.pk
        self.say(f"Home page: {'published' if changed or translated else 'unchanged'} in French and English")

    def load_standard_pages(self):
        data = read_json("pages.json")
        self.pages = self.publish_standard_pages(self.home, data, self.page_ids, bilingual=True)

    def publish_standard_pages(self, home, data, page_ids, bilingual):
        """The StandardPages of ``data`` (the format of ``pages.json``) below ``home``, their
        English translations too when ``bilingual``; returns them by key."""
        pages = {}
        # First make sure every page exists, so calls to action can point at any of them.
        for item in data:
            page = StandardPage.objects.child_of(home).filter(slug=item["slug"]["fr"]).first()
            if page is None:
                page = StandardPage(title=item["title"]["fr"], slug=item["slug"]["fr"], locale=self.french)
                home.add_child(instance=page)
            pages[item["key"]] = page
            page_ids[item["key"]] = page.pk

        def values(item, language):
            return {
                "title": item["title"][language],
                "slug": item["slug"][language],
                "introduction": item.get("introduction", {}).get(language, ""),
                "search_description": item.get("search_description", {}).get(language, ""),
                "show_in_menus": item.get("show_in_menus", False),
                "body": stream_data(item.get("body", []), language, item["key"], page_ids),
            }

        changed = {item["key"]: self.publish(pages[item["key"]], values(item, "fr")) for item in data}
        translated_count = 0
        if bilingual:
            # A call to action is translated to point at the English version of its target, so
            # every page needs an English version before any is translated (pages may point at
            # each other).
            for page in pages.values():
                if page.get_translation_or_none(self.english) is None:
                    page.copy_for_translation(self.english)
            for item in data:
                english = StandardPage(**values(item, "en"))
                _, translated = publish_translation(
                    pages[item["key"]], self.english, english, force=changed[item["key"]]
                )
                translated_count += translated
        self.say(
            f"Standard pages: {len(data)} in {'French and English' if bilingual else 'French'} "
            f"({sum(changed.values())} published, {translated_count} translations published)"
        )
        return pages

    COMMUNE_INDEX = {
        "fr": {
            "title": "Les communes",
            "slug": "communes",
            "introduction": "<p>Chaque commune du territoire, avec ce qui s'y passe.</p>",
        },
        "en": {
            "title": "Municipalities",
            "slug": "municipalities",
            "introduction": "<p>Every municipality in the area, and what happens there.</p>",
        },
    }

    def load_commune_index(self, home, bilingual):
        index = CommuneIndexPage.objects.child_of(home).first()
        if index is None:
            index = CommuneIndexPage(title=self.COMMUNE_INDEX["fr"]["title"], slug="communes", locale=self.french)
            home.add_child(instance=index)
        changed = self.publish(index, {**self.COMMUNE_INDEX["fr"], "show_in_menus": True})
        if bilingual:
            publish_translation(index, self.english, CommuneIndexPage(**self.COMMUNE_INDEX["en"]), force=changed)

    OPEN_DATA = {
        "fr": {
            "title": "Données ouvertes",
            "slug": "donnees-ouvertes",
            "introduction": (
                "<p>Les actions de la stratégie numérique, l'agenda, les lieux à découvrir, les commerces "
                "et producteurs et les communes du territoire, à télécharger et à réutiliser librement.</p>"
            ),
        },
        "en": {
            "title": "Open data",
            "slug": "open-data",
            "introduction": (
                "<p>The actions of the digital strategy, the agenda, places to discover, shops and "
                "producers and the municipalities of the area, to download and reuse freely.</p>"
            ),
        },
    }

    def load_open_data_page(self, home=None, texts=None):
        """The open-data page of ``home`` (the Pays de Mormal's, in French and English, unless
        French ``texts`` are given)."""
        home = home or self.home
        page = OpenDataPage.objects.child_of(home).first()
        french = texts or self.OPEN_DATA["fr"]
        if page is None:
            page = OpenDataPage(title=french["title"], slug=french["slug"], locale=self.french)
            home.add_child(instance=page)
        changed = self.publish(page, french)
        translated = False
        if texts is None:
            _, translated = publish_translation(page, self.english, OpenDataPage(**self.OPEN_DATA["en"]), force=changed)
        state = "published" if changed or translated else "unchanged"
        if texts is None:
            self.say(f"Open data page: {state} in French and English")
        else:
            self.say(f"Open data page of {home.title}: {state} in French")

    LEGAL_LINKS = {
        "accessibility_page": "accessibility",
        "legal_notice_page": "legal",
        "privacy_page": "privacy",
        "contact_page": "contact",
    }

    def link_legal_pages(self, site=None, pages=None, prefix=""):
        """The territory's settings point at its legal pages (the footer links them)."""
        territory = TerritorySettings.for_site(site or self.site)
        pages = pages or self.pages
        if assign(territory, {f"{field}_id": pages[prefix + key].pk for field, key in self.LEGAL_LINKS.items()}):
            territory.save()


def ensure_dev_superuser(stdout=None):
    """The development login, created only where the settings ask for it (dev settings)."""
    credentials = settings.HUB_DEV_SUPERUSER
    if not credentials:
        return None
    username, password = credentials
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": True, "is_superuser": True, "email": f"{username}@localhost"}
    )
    if created or not user.check_password(password):
        user.set_password(password)
        user.is_staff = user.is_superuser = True
        user.save()
    if stdout is not None:
        stdout.write(f"Development superuser: {username} / {password}")
    return user
