"""Addresses come from the request (or WAGTAILADMIN_BASE_URL outside one), never a Site's port."""

import pytest

from django.test import RequestFactory

from wagtail.models import Page, Site

from home import public_urls
from home.models import HomePage
from tests.builders import add_standard_page, publish


def _request(host, secure=False):
    return RequestFactory().get("/", HTTP_HOST=host, secure=secure)


@pytest.fixture
def two_sites(site):
    """The default site (Site record: localhost:80) and a second territory's site."""
    page = add_standard_page(site.home, "À propos", "a-propos")
    other_home = HomePage(title="Autre territoire", slug="autre", locale=site.home.locale)
    Page.get_first_root_node().add_child(instance=other_home)
    publish(other_home)
    other = Site.objects.create(hostname="autre.example.fr", port=80, root_page=other_home)
    return page, other_home, other


@pytest.mark.django_db
def test_a_page_of_the_current_site_is_a_path_and_absolute_from_the_request(two_sites, settings):
    page, _other_home, _other = two_sites
    settings.ALLOWED_HOSTS = ["*"]
    request = _request("hub.example.org:8443", secure=True)
    assert public_urls.page_url(page, request) == "/fr/a-propos/"
    assert public_urls.absolute_page_url(page, request) == "https://hub.example.org:8443/fr/a-propos/"
    assert page.get_full_url(request).startswith("http://localhost/")  # what Wagtail would say


@pytest.mark.django_db
def test_another_site_keeps_its_hostname_with_the_public_scheme_and_port(two_sites, settings):
    _page, other_home, _other = two_sites
    settings.WAGTAILADMIN_BASE_URL = "https://hub.example.org:8443"
    request = _request("hub.example.org:8443", secure=True)
    assert public_urls.page_url(other_home, request) == "https://autre.example.fr:8443/fr/"
    assert public_urls.absolute_page_url(other_home, None) == "https://autre.example.fr:8443/fr/"


@pytest.mark.django_db
def test_outside_a_request_the_setting_gives_the_origin(two_sites, settings):
    page, _other_home, _other = two_sites
    settings.WAGTAILADMIN_BASE_URL = "https://hub.example.org"
    assert public_urls.absolute_page_url(page) == "https://hub.example.org/fr/a-propos/"
    assert public_urls.absolute_url("/feeds/fr/agenda.ics") == "https://hub.example.org/feeds/fr/agenda.ics"
