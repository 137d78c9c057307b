"""The demo copied back by ``tests/demo_snapshot.py`` is the demo the command loaded: every
table's rows, the sequences and the media files, whatever the tests did in between."""

import pytest

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from tests import demo_snapshot
from tests.builders import add_standard_page
from tests.test_search import html_of, result_titles

pytestmark = pytest.mark.django_db


def current_copy():
    return demo_snapshot.PostgresCopy() if connection.vendor == "postgresql" else demo_snapshot.SqliteCopy()


def test_the_copy_gives_back_every_row_and_file_after_changes():
    demo_snapshot.load_demo("--without-strategy")
    loaded = current_copy()
    image = get_image_model().objects.first()
    original = image.file.path
    with open(original, "rb") as drawn:
        content = drawn.read()
    with transaction.atomic():
        Page.objects.filter(depth__gt=2).first().delete()
    image.file.storage.delete(image.file.name)

    demo_snapshot.load_demo("--without-strategy")

    assert current_copy().tables == loaded.tables
    assert original.startswith(str(settings.MEDIA_ROOT))
    with open(original, "rb") as restored:
        assert restored.read() == content


def test_the_copy_gives_back_the_search_index(client, site, search_index):
    """SQLite's full-text table is copied by its rows, beside its own storage tables."""
    page = add_standard_page(site.home, "Café réparation des Prés", "cafe-reparation")
    call_command("update_index", verbosity=0)
    copy = current_copy()
    with transaction.atomic():
        page.delete()
        IndexEntry.objects.all().delete()
    assert "Café réparation des Prés" not in html_of(client, "/fr/search/", q="reparation")

    with transaction.atomic():
        copy.restore()

    assert "Café réparation des Prés" in result_titles(html_of(client, "/fr/search/", q="reparation"))
