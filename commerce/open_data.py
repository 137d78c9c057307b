"""The merchants open dataset: the published shops, producers and services of the directory,
with category, products, commune (INSEE code), address, coordinates, phone, website, SIRET and
usual opening hours in OpenStreetMap syntax (OD-04)."""

from django.utils.translation import gettext_lazy as _

from home.opendata.datasets import Dataset, commune_filter, slug_filter
from home.public_urls import absolute_page_url

from .models import MerchantCategory, MerchantPage
from .queries import category_names, label_names

COLUMNS = (
    "id",
    "name",
    "category",
    "category_slug",
    "summary",
    "products",
    "labels",
    "services",
    "street_address",
    "commune_insee",
    "commune_name",
    "latitude",
    "longitude",
    "opening_hours",
    "opening_hours_note",
    "phone",
    "website",
    "siret",
    "url",
    "last_update",
)


def merchants(scope, filters):
    queryset = scope.pages(MerchantPage)
    if "commune" in filters:
        queryset = queryset.filter(commune=filters["commune"])
    if "category" in filters:
        queryset = queryset.filter(category__slug=filters["category"])
    return queryset.select_related("commune", "category").prefetch_related("tags", "labels").order_by("title", "pk")


def rows(scope, items):
    categories = category_names({merchant.category for merchant in items}, scope.locale)
    labels = label_names({label for merchant in items for label in merchant.labels.all()}, scope.locale)
    result = []
    for merchant in items:
        commune = merchant.commune
        result.append(
            {
                "id": str(merchant.translation_key),
                "name": merchant.title,
                "category": categories.get(merchant.category_id, ""),
                "category_slug": merchant.category.slug,
                "summary": merchant.introduction,
                "products": sorted(tag.name for tag in merchant.tags.all()),
                "labels": sorted(labels[label.pk] for label in merchant.labels.all()),
                "services": merchant.service_names,
                "street_address": merchant.street_address,
                "commune_insee": commune.insee_code if commune else "",
                "commune_name": commune.name if commune else "",
                "latitude": merchant.latitude,
                "longitude": merchant.longitude,
                "opening_hours": merchant.opening_hours_osm,
                "opening_hours_note": merchant.opening_hours_note,
                "phone": merchant.phone,
                "website": merchant.website,
                "siret": merchant.siret,
                "url": absolute_page_url(merchant, scope.request),
                "last_update": merchant.last_published_at,
            }
        )
    return result


def dataset():
    return Dataset(
        slug="merchants",
        title=_("Merchants and producers"),
        description=_(
            "The shops, producers, craftspeople and services of the directory: category, products, "
            "labels, services, address, commune (INSEE code), coordinates, usual opening hours "
            "(OpenStreetMap syntax), phone, website and SIRET."
        ),
        columns=COLUMNS,
        queryset=merchants,
        rows=rows,
        filters=(
            commune_filter(),
            slug_filter("category", _("slug of a merchant category"), "producteurs", MerchantCategory),
        ),
        order=40,
    )
