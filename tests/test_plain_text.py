"""Text in angle brackets that is not HTML survives: a title such as "<Atelier numérique>" is
shown on the page, in both feeds and in the JSON-LD, and a feed's SUMMARY is never empty."""

import xml.etree.ElementTree as ET

import pytest
import time_machine

from django.core.cache import cache

from home.text import plain_text
from tests import feed_validation
from tests.event_builders import add_event, agenda, paris
from tests.json_ld import json_ld_blocks

TITLE = "<Atelier numérique> : prise en main"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<Atelier numérique> : prise en main", "<Atelier numérique> : prise en main"),
        ("Un <b>grand</b> week-end", "Un grand week-end"),
        ('<p class="x">Bal</p><p>Buvette</p>', "Bal\nBuvette\n"),
        ("Ligne<br>suivante", "Ligne\nsuivante"),
        ("Tarifs : enfants < 12 ans, adultes > 12 ans", "Tarifs : enfants < 12 ans, adultes > 12 ans"),
        ("Tom &amp; Jerry &lt;3", "Tom & Jerry <3"),
        ("<script>alert(1)</script>Concert<style>p{}</style>", "Concert"),
        ("Fin ouverte <", "Fin ouverte <"),
        ("", ""),
        (None, ""),
    ],
)
def test_plain_text_removes_html_and_keeps_other_angle_brackets(value, expected):
    assert plain_text(value) == expected


@pytest.mark.django_db
def test_title_in_angle_brackets_survives_in_page_feeds_and_json_ld(client, site):
    cache.clear()
    with time_machine.travel(paris(2026, 3, 1, 9, 0), tick=False):
        index = agenda(site, english=False)
        page = add_event(index, TITLE, paris(2026, 3, 10, 14, 0), slug="atelier", summary="<Débutants> bienvenus")
        html = client.get(page.url).content.decode()
        raw = client.get("/feeds/fr/events.ics").content
        one = client.get(f"/feeds/fr/events/{page.pk}.ics").content
        rss = client.get("/feeds/fr/events.rss").content

    assert "<h1>&lt;Atelier numérique&gt; : prise en main" in html
    (event,) = [block for block in json_ld_blocks(html) if block["@type"] == "Event"]
    assert event["name"] == TITLE
    assert event["description"] == "<Débutants> bienvenus"

    for body in (raw, one):
        assert feed_validation.validate(body) == []
        (vevent,) = feed_validation.parse_icalendar(body).walk("VEVENT")
        assert str(vevent["SUMMARY"]) == TITLE
        assert str(vevent["DESCRIPTION"]).startswith("<Débutants> bienvenus")
        (strict,) = feed_validation.parse_ical(body).events
        assert strict.summary == TITLE
    assert str(feed_validation.parse_icalendar(one)["X-WR-CALNAME"]).endswith(TITLE)

    (item,) = ET.fromstring(rss).iter("item")  # noqa: S314 (our own output)
    assert item.findtext("title").endswith(TITLE)


@pytest.mark.django_db
def test_summary_is_never_empty(client, site):
    cache.clear()
    with time_machine.travel(paris(2026, 3, 1, 9, 0), tick=False):
        index = agenda(site, english=False)
        page = add_event(index, "Concert", paris(2026, 3, 10, 14, 0), slug="concert")
        # A title that is nothing but control characters (pasted from a spreadsheet).
        page.title = "\x07\x08"
        page.save()
        body = client.get(f"/feeds/fr/events/{page.pk}.ics").content
    (vevent,) = feed_validation.parse_icalendar(body).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Événement"
