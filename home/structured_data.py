"""schema.org data shared by every page: the territory as an Organization (on its home page)
and the BreadcrumbList of the page's position. Page types add their own (places, merchants,
events) beside these."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from home.images import page_image_url
from home.public_urls import absolute_page_url

# The characters that could end the <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A ``<script type="application/ld+json">`` element; data, not code, so the strict
    Content-Security-Policy does not apply to it."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 (escaped above)


def organization(territory, home, request):
    """The communauté de communes as a GovernmentOrganization."""
    if territory is None or not territory.name:
        return None
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": territory.name,
        "url": absolute_page_url(home, request) if home is not None else request.build_absolute_uri("/"),
    }
    if territory.short_name:
        data["alternateName"] = territory.short_name
    if territory.email:
        data["email"] = territory.email
    if territory.phone:
        data["telephone"] = territory.phone
    if territory.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": " ".join(territory.address.split()),
            "addressCountry": "FR",
        }
    if territory.siren:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "SIREN", "value": territory.siren}
    if territory.logo_id:
        data["logo"] = request.build_absolute_uri(territory.logo.file.url)
    same_as = [block.value["url"] for block in territory.social_links if block.value.get("url")]
    if territory.website:
        same_as.insert(0, territory.website)
    if same_as:
        data["sameAs"] = same_as
    return data


def breadcrumb_list(ancestors, page, request):
    """The path from the home page to ``page`` (the same as the visible breadcrumbs)."""
    trail = [*ancestors, page]
    if len(trail) < 2:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": item.title, "item": absolute_page_url(item, request)}
            for number, item in enumerate(trail, start=1)
        ],
    }


def web_page(page, request):
    """A page with no more precise schema.org type (a standard page, an action of the roadmap)
    as a WebPage, with its image."""
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": page.title,
        "url": absolute_page_url(page, request),
        "inLanguage": page.locale.language_code,
    }
    image = page_image_url(page, request)
    if image:
        data["image"] = image
    return data
