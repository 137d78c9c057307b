"""The minimal page tree the tests need, built in one place."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage, StandardPage, TerritorySettings


def locales():
    french, _ = Locale.objects.get_or_create(language_code="fr")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return french, english


def ensure_root():
    """Wagtail's root page and root collection, created by its migrations, are gone after a
    transactional test flushed the database: put them back."""
    french, _ = locales()
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=french))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, locale, **values):
    """A published translation of ``page`` with the given field values."""
    copy = page.copy_for_translation(locale)
    for name, value in values.items():
        setattr(copy, name, value)
    return publish(copy)


def build_site(english=True):
    """A French home page as the default site's root, and its English translation."""
    french, english_locale = locales()
    ensure_root()
    root = Page.get_first_root_node()
    placeholder = ContentType.objects.get_for_model(Page)
    home = HomePage(title="Accueil du territoire", slug="accueil", locale=french, introduction="Bienvenue.")
    root.add_child(instance=home)
    publish(home)
    site = Site.objects.filter(is_default_site=True).first() or Site(hostname="localhost", is_default_site=True)
    site.root_page = home
    site.save()
    for page in Page.objects.filter(depth=2, content_type=placeholder):
        page.delete()
    settings = TerritorySettings.for_site(site)
    settings.name = "Communauté de communes de test"
    settings.short_name = "Test"
    settings.save()
    home_en = translate(home, english_locale, title="Territory home", introduction="Welcome.") if english else None
    return site, home, home_en


def add_standard_page(parent, title, slug, **values):
    page = StandardPage(title=title, slug=slug, locale=parent.locale, **values)
    parent.add_child(instance=page)
    return publish(page)


def sign_in_editor(client, language):
    """A superuser whose admin speaks ``language``, signed in on ``client``."""
    from django.contrib.auth import get_user_model

    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_superuser(f"editor-{language}", f"{language}@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return user
