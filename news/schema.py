"""schema.org JSON-LD of a news item: a NewsArticle in the page's language, published by the
territory (printed by the template with ``{% json_ld %}``, which escapes it)."""

import datetime as dt

from home import chrome
from home.images import page_image_url
from home.public_urls import absolute_page_url

from .feeds import PARIS


def news_article(page, request):
    url = absolute_page_url(page, request)
    published = dt.datetime.combine(page.date, dt.time(0), tzinfo=PARIS)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "headline": page.title[:110],
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": page.locale.language_code,
        "datePublished": published.isoformat(),
        "dateModified": (page.last_published_at or published).isoformat(),
    }
    if page.introduction:
        data["description"] = page.introduction
    image = page_image_url(page, request)
    if image:
        data["image"] = image
    page_chrome = chrome.for_request(request)
    territory = page_chrome.territory if page_chrome is not None else None
    if territory is not None and territory.name:
        publisher = {"@type": "GovernmentOrganization", "name": territory.name}
        data["publisher"] = publisher
        data["author"] = publisher
    if page.commune is not None:
        data["contentLocation"] = {
            "@type": "Place",
            "name": page.commune.name,
            "address": {"@type": "PostalAddress", "addressLocality": page.commune.name, "addressCountry": "FR"},
        }
    tags = sorted(tag.name for tag in page.tags.all())
    if tags:
        data["keywords"] = ", ".join(tags)
    return data
