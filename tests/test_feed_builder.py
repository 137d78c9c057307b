"""The feed builder on the agenda page: communes, categories, audiences and organisers ticked in
a plain GET form give one short, stable subscription address (https and webcal) and the embed
code, whose feed holds exactly the events the page lists with the same filters."""

import datetime as dt
import html
import re
from urllib.parse import urlsplit

import icalendar
import pytest

from django.utils import timezone

from events.feeds import context as feed_context
from tests.event_builders import add_event, paris


def soon(days, hour=14):
    day = timezone.localdate() + dt.timedelta(days=days)
    return paris(day.year, day.month, day.day, hour)


@pytest.fixture
def agenda_with_events(moderated):
    m = moderated
    add_event(m.agenda, "Atelier tablette", soon(2), soon(2, 16), commune=m.bavay, categories=[m.workshop])
    add_event(m.agenda, "Heure du conte", soon(3), soon(3, 15), commune=m.quesnoy, audience="children")
    add_event(m.agenda, "Concert Parasites", soon(4, 20), soon(4, 22), commune=m.quesnoy, organiser=m.parasites)
    add_event(m.agenda, "Lecture Mots", soon(5), soon(5, 16), commune=m.bavay, organiser=m.mots, slug="lecture-mots")
    add_event(m.agenda, "Ailleurs", soon(6), soon(6, 16), audience="seniors", slug="ailleurs")
    return m


def field(page_html, element_id):
    match = re.search(rf'id="{element_id}"[^>]*?value="([^"]*)"', page_html) or re.search(
        rf'id="{element_id}"[^>]*>(.*?)</textarea>', page_html, flags=re.S
    )
    return html.unescape(match.group(1))


def listed_titles(page_html):
    return set(re.findall(r'class="agenda-item__title"><a href="[^"]*"[^>]*>([^<]*)</a>', page_html))


def feed_titles(client, url):
    parts = urlsplit(url)
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


QUERY = "organiser=mots-et-merveilles&commune=le-quesnoy&audience=everyone&commune=bavay&organiser=collectif-parasites"


def test_built_feed_holds_exactly_the_filtered_page(client, agenda_with_events, monkeypatch):
    monkeypatch.setattr(feed_context, "today", timezone.localdate)
    page = client.get(f"{agenda_with_events.agenda.url}?{QUERY}").content.decode()

    listed = listed_titles(page)

    # Within a group any ticked value; across groups every group.
    assert listed == {"Concert Parasites", "Lecture Mots"}
    assert feed_titles(client, field(page, "feed-url")) == listed
    only_children = client.get(f"{agenda_with_events.agenda.url}?audience=children&commune=bavay").content.decode()
    assert listed_titles(only_children) == set() == feed_titles(client, field(only_children, "feed-url"))


def test_built_address_is_short_stable_and_comes_with_webcal_and_embed(client, agenda_with_events):
    url = agenda_with_events.agenda.url
    first = client.get(f"{url}?organiser=mots-et-merveilles&commune=le-quesnoy&commune=bavay").content.decode()
    second = client.get(f"{url}?commune=bavay&organiser=mots-et-merveilles&commune=le-quesnoy&commune=bavay").content
    feed_url = field(first, "feed-url")

    assert feed_url == field(second.decode(), "feed-url")  # same choices, same address
    assert (
        feed_url
        == "http://testserver/feeds/fr/events.ics?commune=bavay&commune=le-quesnoy&organiser=mots-et-merveilles"
    )
    assert field(first, "webcal-url") == "webcal://" + feed_url.split("://", 1)[1]
    embed = field(first, "embed-code")
    assert "/agenda/embed/?commune=bavay&amp;commune=le-quesnoy&amp;organiser=mots-et-merveilles" in html.escape(embed)
    embed_src = re.search(r'src="([^"]+)"', embed).group(1)
    embedded = client.get(urlsplit(embed_src).path + "?" + urlsplit(embed_src).query).content.decode()
    assert listed_titles(embedded) == listed_titles(first) == {"Lecture Mots"}


def test_builder_is_a_plain_form_with_labels_in_both_languages(client, agenda_with_events):
    agenda = agenda_with_events.agenda
    french = client.get(f"{agenda.url}?commune=bavay&category=atelier").content.decode()
    english = client.get(agenda.get_translation(agenda_with_events.tree.home_en.locale).url).content.decode()

    form = re.search(r'<form class="feed-builder".*?</form>', french, flags=re.S).group(0)
    assert 'method="get"' in form
    assert form.count("<fieldset") == form.count("<legend>") == 4
    for box in re.findall(r'<input id="(builder-[^"]+)" type="checkbox"', form):
        assert f'<label for="{box}">' in form
    assert re.search(r'value="bavay" checked', form) and re.search(r'value="atelier" checked', form)
    assert "Composez votre agenda" in french
    assert "Build your own calendar" in english


def test_unknown_or_repeated_values_are_ignored(client, agenda_with_events):
    page = client.get(f"{agenda_with_events.agenda.url}?audience=martians&audience=children&audience=children")

    assert page.status_code == 200
    assert field(page.content.decode(), "feed-url").endswith("events.ics?audience=children")
    assert listed_titles(page.content.decode()) == {"Heure du conte"}
