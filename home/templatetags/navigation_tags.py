"""Header, footer, breadcrumbs, language switcher and hreflang links.

Every tag works on Wagtail pages and on plain Django views (search, errors), where there is no
``page`` in the context. What several tags need is computed once per request.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page, Site

from home import chrome
from home.structured_data import breadcrumb_list, json_ld_script, organization

register = template.Library()


def _site(request):
    return Site.find_for_request(request) if request is not None else None


def get_home_page(request):
    """The site's home page in the active language (the French one when not translated)."""
    page_chrome = chrome.for_request(request)
    return page_chrome.home if page_chrome is not None else None


def get_territory(request):
    # Shared with the `settings` context processor (chrome.for_request primes its cache).
    page_chrome = chrome.for_request(request)
    return page_chrome.territory if page_chrome is not None else None


def live_versions(request, page):
    """Every live language version of ``page``, itself included, keyed by language code:
    one query shared by the language switcher and the hreflang links."""
    cache = request.__dict__.setdefault("_hub_live_versions", {}) if request is not None else {}
    if page.pk not in cache:
        versions = page.get_translations(inclusive=True).live().select_related("locale")
        cache[page.pk] = {version.locale.language_code: version for version in versions}
    return cache[page.pk]


def _current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.inclusion_tag("navigation/header.html", takes_context=True)
def site_header(context):
    request = context.get("request")
    home = get_home_page(request)
    page = _current_page(context)
    menu_items = []
    current_section = None
    if home is not None:
        menu_items = chrome.for_request(request).menu_items
        if page is not None:
            if page.pk == home.pk:
                current_section = home.pk
            else:
                current_section = next((item.pk for item in menu_items if page.path.startswith(item.path)), None)
    return {
        "request": request,
        "page": page,
        "home": home,
        "menu_items": menu_items,
        "current_section": current_section,
        "territory": get_territory(request),
        "languages": language_links(context),
        "search_query": context.get("search_query"),
    }


def language_links(context):
    """One entry per language: the same page in that language when it is live, otherwise that
    language's home page with a notice that the page is not translated."""
    request = context.get("request")
    page = _current_page(context)
    current = translation.get_language()
    translations = live_versions(request, page) if page is not None else {}
    site = _site(request)
    available = site_languages(request, site)
    links = []
    for code, name in settings.LANGUAGES:
        if code != current and code not in available:
            continue  # this territory is not published in that language at all
        entry = {"code": code, "name": name, "is_current": code == current, "translated": True}
        if code == current:
            entry["url"] = request.get_full_path() if request else ""
        elif page is not None:
            if code in translations:
                entry["url"] = translations[code].get_url(request)
            else:
                entry["translated"] = False
                entry["url"] = _home_url_in(site, code, request) + "?untranslated=1"
        elif context.get("not_found"):
            # The "page not found" page: the same address in another language is no page either.
            entry["url"] = _home_url_in(site, code, request)
        else:
            entry["url"] = translate_url(request.get_full_path(), code) if request else f"/{code}/"
        links.append(entry)
    return links


def site_languages(request, site):
    """Languages in which the site's home page is live (a territory may be French-only)."""
    if site is None:
        return {code for code, _name in settings.LANGUAGES}
    return chrome.for_request(request).languages


def _home_url_in(site, language_code, request):
    if site is None:
        return f"/{language_code}/"
    homes = chrome.for_request(request).homes
    home = homes.get(language_code) or homes[next(code for code, page in homes.items() if page.pk == site.root_page_id)]
    if not home.live:
        return f"/{language_code}/"
    return home.get_url(request)


@register.inclusion_tag("navigation/alternate_links.html", takes_context=True)
def alternate_links(context):
    """hreflang alternates: every live version of the page, itself included, and x-default
    pointing at the French version (L10N-02)."""
    request = context.get("request")
    page = _current_page(context)
    alternates = []
    if page is not None and page.live:
        for version in live_versions(request, page).values():
            # Relative to the request's host (a full URL when the version is on another site).
            url = version.get_url(request)
            alternates.append((version.locale.language_code, request.build_absolute_uri(url) if request else url))
    elif page is None and request is not None and context.get("alternates_for_view", True):
        for code, _name in settings.LANGUAGES:
            alternates.append((code, request.build_absolute_uri(translate_url(request.path, code))))
    alternates.sort()
    default = next((url for code, url in alternates if code == settings.LANGUAGE_CODE), None)
    return {"alternates": alternates, "default": default}


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = _current_page(context)
    request = context.get("request")
    home = get_home_page(request)
    ancestors = _ancestors(request, page, home)
    if not ancestors:
        return {"ancestors": []}
    return {"ancestors": ancestors, "current_title": page.title, "request": request}


def _ancestors(request, page, home):
    """The pages from the home page down to ``page``'s parent: one query shared by the visible
    breadcrumbs and their structured data."""
    if page is None or home is None or page.pk == home.pk or not page.path.startswith(home.path):
        return []
    cache = request.__dict__.setdefault("_hub_ancestors", {})
    if page.pk not in cache:
        cache[page.pk] = _routed_ancestors(page, home) or list(page.get_ancestors().filter(depth__gte=home.depth))
    return cache[page.pk]


def _routed_ancestors(page, home):
    """The ancestors Wagtail's routing already loaded (it keeps each page's parent on it as
    ``_cached_parent_obj``), or None when one of them was not loaded that way."""
    ancestors = []
    while page.depth > home.depth:
        page = getattr(page, "_cached_parent_obj", None)
        if page is None:
            return None
        ancestors.append(page)
    return ancestors[::-1]


@register.simple_tag(takes_context=True)
def site_structured_data(context):
    """The territory as an Organization on its home page, and the BreadcrumbList elsewhere."""
    page = _current_page(context)
    request = context.get("request")
    if page is None or request is None:
        return ""
    home = get_home_page(request)
    if home is not None and page.pk == home.pk:
        return json_ld_script(organization(get_territory(request), home, request))
    return json_ld_script(breadcrumb_list(_ancestors(request, page, home), page, request))


@register.inclusion_tag("navigation/footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    page_chrome = chrome.for_request(request)
    pages = dict.fromkeys(chrome.FOOTER_PAGES)
    if page_chrome is not None:
        pages.update(page_chrome.footer_pages)
    return {
        "request": request,
        "territory": page_chrome.territory if page_chrome else None,
        "open_data_page": page_chrome.open_data_page if page_chrome else None,
        **pages,
    }
