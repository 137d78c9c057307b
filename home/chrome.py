"""The page chrome: what every public page shows about its site, whatever the page (the home page
in each language, the menu, the territory's settings, the footer's pages).

It used to take about eleven queries per page, the active locale alone four times, because each
include asked for it again. It is now read once per site and language, kept in the cache until
content changes (``purge``, connected in ``HomeConfig.ready()``), and shared by the includes of
a request through ``for_request``. What depends on the page itself (its translations, its
breadcrumbs) is not part of it.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils import translation

from wagtail.models import Locale, Page, PageViewRestriction, Site

# Long in a shared cache (Redis), purged on every change that shows in the chrome. A process's
# own memory (LocMemCache, the default without REDIS_URL) is not purged by a change saved in
# another process (another gunicorn worker): there the chrome is kept one minute at most.
TIMEOUT = 60 * 60 * 24
LOCAL_TIMEOUT = 60
# v2: the restricted paths were added; an entry of the previous form must not be read.
KEY = "hub:chrome:v2:{site}:{language}"
FOOTER_PAGES = ("accessibility_page", "legal_notice_page", "privacy_page", "contact_page")


@dataclass
class Chrome:
    """The chrome of one site in one language."""

    home: Page | None  # the home page in the language, the source one when not translated
    homes: dict = field(default_factory=dict)  # language code → home page (live or not)
    menu_items: list = field(default_factory=list)
    territory: object = None  # TerritorySettings
    footer_pages: dict = field(default_factory=dict)  # FOOTER_PAGES → live page or None
    open_data_page: Page | None = None
    locales: dict = field(default_factory=dict)  # every Locale, by id (a handful of rows)
    # Paths of the pages that have a view restriction, and of the aliases under the home page:
    # a page with none of them on its way needs no query for its restrictions (home/routing.py).
    restricted_paths: frozenset = frozenset()

    @property
    def languages(self):
        """Languages in which the site's home page is live (a territory may be French-only)."""
        return {code for code, home in self.homes.items() if home.live}


def active_locale(request):
    """The Locale of the active language, without a query when the chrome is cached (Wagtail's
    ``Locale.get_active()`` makes one on every call)."""
    page_chrome = for_request(request)
    language = translation.get_language()
    if page_chrome is not None:
        for locale in page_chrome.locales.values():
            if locale.language_code == language:
                return locale
    return Locale.get_active()


def locale_of(page, request):
    """``page.locale``, without a query when the chrome is cached (then kept on the page, for
    its template)."""
    page_chrome = for_request(request)
    locale = page_chrome.locales.get(page.locale_id) if page_chrome is not None else None
    if locale is None:
        return page.locale
    page.locale = locale
    return locale


def for_request(request):
    """The chrome of the request's site in the active language (None without a site)."""
    if request is None:
        return None
    language = translation.get_language()
    memo = request.__dict__.setdefault("_hub_chrome", {})
    if language not in memo:
        site = Site.find_for_request(request)
        chrome = None
        if site is not None:
            key = KEY.format(site=site.pk, language=language)
            chrome = cache.get(key)
            if chrome is None:
                chrome = build(site, request)
                local = isinstance(caches["default"], LocMemCache)
                cache.set(key, chrome, LOCAL_TIMEOUT if local else TIMEOUT)
            if chrome.territory is not None:
                # Shared with the `settings` context processor (TerritorySettings.for_request).
                chrome.territory._request = request
                request.__dict__.setdefault(chrome.territory.get_cache_attr_name(), chrome.territory)
        memo[language] = chrome
    return memo[language]


def context_processor(request):
    """Reads the chrome before the template does (its title shows the territory's name through
    the `settings` context processor, which then finds TerritorySettings on the request)."""
    for_request(request)
    return {}


def build(site, request):
    from home.models import OpenDataPage, TerritorySettings

    locale = Locale.get_active()
    translations = Page.objects.filter(
        translation_key__in=Page.objects.filter(pk=site.root_page_id).values("translation_key")
    ).select_related("locale")
    homes = {page.locale.language_code: page for page in translations}
    root = next(page for page in homes.values() if page.pk == site.root_page_id)
    # As `root.localized`: the translation when it is live, the source page otherwise.
    home = homes.get(locale.language_code)
    home = (home if home is not None and home.live else root).specific
    territory = TerritorySettings.objects.select_related("logo", *FOOTER_PAGES).get_or_create(site=site)[0]
    footer_pages = {}
    for name in FOOTER_PAGES:
        linked = getattr(territory, name)
        linked = linked.localized if linked is not None else None
        footer_pages[name] = linked if linked is not None and linked.live else None
    return Chrome(
        home=home,
        homes=homes,
        menu_items=list(home.get_children().live().public().in_menu()),
        territory=territory,
        footer_pages=footer_pages,
        open_data_page=OpenDataPage.objects.live().filter(path__startswith=home.path, depth=home.depth + 1).first(),
        locales=Locale.objects.in_bulk(),
        restricted_paths=frozenset(
            [
                *PageViewRestriction.objects.values_list("page__path", flat=True),
                *Page.objects.filter(path__startswith=home.path, alias_of__isnull=False).values_list("path", flat=True),
            ]
        ),
    )


def purge(**kwargs):
    """Forget every site's chrome (a page, a setting, a site or a language changed)."""
    keys = [
        KEY.format(site=site, language=code)
        for site in Site.objects.values_list("pk", flat=True)
        for code, _name in settings.LANGUAGES
    ]
    cache.delete_many(keys)


def purge_on_page_change(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge()


def connect():
    """Purge the chrome when what it shows may have changed (called by HomeConfig.ready())."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from home.models import TerritorySettings

    # Any page type: titles, menus, publication, translations (a save of the specific page is
    # sent with its own class as sender). A deletion always deletes a Page row: listening to
    # Page only, so that Django still deletes the rows pointing at pages (an event's
    # occurrences…) in one query, which it does only for models nobody listens to.
    post_save.connect(purge_on_page_change, dispatch_uid="hub-chrome-page-saved")
    post_delete.connect(purge, sender=Page, dispatch_uid="hub-chrome-page-deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge, dispatch_uid=f"hub-chrome-{id(signal)}")
    for model in (TerritorySettings, PageViewRestriction, Site, Locale, get_image_model()):
        post_save.connect(purge, sender=model, dispatch_uid=f"hub-chrome-saved-{model._meta.label}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"hub-chrome-deleted-{model._meta.label}")
