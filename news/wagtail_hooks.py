from wagtail import hooks

from .models import NewsIndexPage, NewsPage

LATEST_ON_HOME = 3
LATEST_ON_COMMUNE_PAGE = 5


@hooks.register("hub_home_sections")
def home_news(home, request):
    """On the home page, the latest news of the site in the visitor's language."""
    news = list(
        NewsPage.objects.live()
        .public()
        .descendant_of(home)
        .select_related("commune", "listing_image")
        .order_by("-date", "-pk")[:LATEST_ON_HOME]
    )
    if not news:
        return None
    index = NewsIndexPage.objects.live().public().child_of(home).first()
    return {"template": "news/home_section.html", "order": 20, "news": news, "index": index}


@hooks.register("hub_commune_sections")
def commune_news(commune, request, locale):
    """A commune page's latest news."""
    news = list(
        NewsPage.objects.live()
        .public()
        .filter(locale=locale, commune=commune)
        .order_by("-date", "-pk")[:LATEST_ON_COMMUNE_PAGE]
    )
    return {"template": "news/commune_section.html", "news": news} if news else None


@hooks.register("register_open_data_dataset")
def news_dataset():
    from .open_data import dataset

    return dataset()
