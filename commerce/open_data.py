"""The merchants open dataset: the published shops, producers and services of the directory,
with category, products, commune (INSEE code), address, coordinates, phone, website, SIRET and
usual opening hours in OpenStreetMap syntax (OD-04)."""

from django.utils.translation import gettext_lazy as _

from home.opendata.columns import DIRECTORY_COLUMNS, directory_columns, page_columns
from home.opendata.datasets import Dataset, commune_filter, slug_filter

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
    *DIRECTORY_COLUMNS,
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
                **directory_columns(merchant),
                "phone": merchant.phone,
                "website": merchant.website,
                "siret": merchant.siret,
                **page_columns(scope, merchant),
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
