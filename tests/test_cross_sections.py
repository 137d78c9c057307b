"""Apps meet on commune and place pages through hooks: the agenda and the places."""

import pytest

from home.models import CommuneIndexPage
from tests.builders import publish
from tests.event_builders import add_event, agenda
from tests.place_builders import add_place
from tests.test_agenda import soon
from tests.test_tourism import discover  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_commune_page_lists_its_places_and_a_place_page_its_events(client, discover):  # noqa: F811
    communes = CommuneIndexPage(title="Les communes", slug="communes", locale=discover.home.locale)
    discover.home.add_child(instance=communes)
    publish(communes)
    forum = add_place(discover.index, "Forum antique", discover.museum, commune=discover.bavay)
    events = agenda(discover)
    add_event(events, "Visite du forum", soon(6), soon(6, 16), venue=forum, commune=discover.bavay)

    commune_html = client.get("/fr/communes/bavay/").content.decode()
    assert "Lieux à découvrir" in commune_html and 'href="/fr/decouvrir/forum-antique/"' in commune_html
    assert "Visite du forum" in commune_html

    place_html = client.get(forum.url).content.decode()
    assert "Prochains événements ici" in place_html and "Visite du forum" in place_html
    assert "Prochains événements ici" not in client.get("/fr/communes/le-quesnoy/").content.decode()
