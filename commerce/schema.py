"""schema.org JSON-LD for merchant pages: a ``LocalBusiness`` of the subtype the merchant or its
category gives (Bakery, Restaurant, Store, LodgingBusiness…).

Built from model data in the page's language with the shared pieces of
``home.directory.schema``; the template prints it with ``{% json_ld %}``
(``structured_data_tags``), which escapes it for a ``<script>`` element: data, not code, so the
strict Content-Security-Policy does not apply to it.
"""

from home.directory.schema import geo_coordinates, postal_address
from home.images import page_image_url
from home.public_urls import absolute_page_url


def merchant_json_ld(page, request, hours=None, label_names=(), tags=None):
    """A merchant with its address, coordinates, opening hours, contact, links (website, social
    networks, marketplace listing), products as keywords and labels as awards."""
    url = absolute_page_url(page, request)
    data = {
        "@context": "https://schema.org",
        "@type": page.schema_type or page.category.schema_type,
        "@id": f"{url}#business",
        "name": page.title,
        "url": url,
        "inLanguage": page.locale.language_code,
        "address": postal_address(page.street_address, page.commune),
    }
    if page.introduction:
        data["description"] = page.introduction
    if page.has_coordinates:
        data["geo"] = geo_coordinates(page.latitude, page.longitude)
    hours = hours if hours is not None else page.hours
    if hours:
        data["openingHoursSpecification"] = hours.schema_org()
    for key, value in (("telephone", page.phone), ("email", page.email)):
        if value:
            data[key] = value
    links = (page.website, *(block.value for block in page.social_links), page.marketplace_url)
    same_as = [value for value in links if value]
    if same_as:
        data["sameAs"] = same_as
    if page.siret:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "SIRET", "value": page.siret}
    if page.card_payment:
        data["paymentAccepted"] = "Cash, Credit Card"
    image = page_image_url(page, request)
    if image:
        data["image"] = image
    tags = sorted(tag.name for tag in (page.tags.all() if tags is None else tags))
    if tags:
        data["keywords"] = ", ".join(tags)
    awards = sorted(str(name) for name in label_names)
    if awards:
        data["award"] = awards
    return data
