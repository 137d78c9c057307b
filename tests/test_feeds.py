"""The iCalendar and RSS feeds, one test per testable item of standards.md §1.11 (FEED-01 to
FEED-27; FEED-28 is the manual check in real clients).

Every feed is parsed back with icalendar, the strict ``ical`` package (no compat mode) and
vobject (tests/feed_validation.py). The feeds' clock is fixed: ``events.feeds.context.today`` is
replaced by TODAY and the occurrence table is rebuilt as of NOW, so fixed dates in 2026-2027
(the two DST Sundays of 2026 among them) stay inside the feed window whenever the tests run.
"""

import datetime as dt
import re
import time
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from django.core.cache import cache as django_cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page, PageViewRestriction, Site

from events.feeds import context, rss
from events.filters import AgendaFilters
from events.models import EventCategory, EventIndexPage, EventPage
from events.occurrences import rebuild
from home.models import Commune, HomePage, Organisation
from tests import feed_validation
from tests.builders import publish, translate

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
TODAY = dt.date(2026, 3, 1)
NOW = dt.datetime(2026, 3, 1, 0, 0, tzinfo=PARIS)
UTC = dt.UTC
FR = "/feeds/fr/events.ics"
EN = "/feeds/en/events.ics"


def paris(*args):
    return dt.datetime(*args, tzinfo=PARIS)


def dates(*days):
    return [("date", day) for day in days]


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(context, "today", lambda: TODAY)
    django_cache.clear()


class Agenda:
    """A small builder: an agenda under each home page, and events published in it."""

    def __init__(self, tree):
        self.tree = tree
        self.fr, self.en = tree.home.locale, tree.home_en.locale
        self.index = EventIndexPage(title="Agenda", slug="agenda", locale=self.fr)
        tree.home.add_child(instance=self.index)
        publish(self.index)
        self.index_en = translate(self.index, self.en, title="What's on", slug="whats-on")
        self.bavay = Commune.objects.create(
            insee_code="59053", name="Bavay", slug="bavay", postcode="59570", site=tree.site
        )
        self.locquignol = Commune.objects.create(
            insee_code="59355", name="Locquignol", slug="locquignol", postcode="59530", site=tree.site
        )
        self.market = EventCategory.objects.create(name="Marché, brocante", slug="marche", locale=self.fr)
        market_en = self.market.copy_for_translation(self.en)
        market_en.name = "Market; flea market"
        market_en.save()
        self.workshop = EventCategory.objects.create(name="Atelier numérique", slug="atelier", locale=self.fr)
        self.tiers_lieu = Organisation.objects.create(
            name="Tiers-lieu de Bavay", slug="tiers-lieu-bavay", kind="association", locale=self.fr
        )

    def event(self, title, start, end=None, categories=(), live=True, **fields):
        fields.setdefault("summary", f"Résumé de {title}.")
        page = EventPage(title=title, slug=fields.pop("slug", None) or _slug(title), start=start, end=end, **fields)
        page.locale = self.fr
        page.live = live
        page.categories = list(categories)
        self.index.add_child(instance=page)
        if live:
            publish(page)
            rebuild(page, now=NOW)
        else:
            page.save_revision()
        return EventPage.objects.get(pk=page.pk)

    def republish(self, page, **changes):
        for name, value in changes.items():
            setattr(page, name, value)
        publish(page)
        rebuild(page, now=NOW)
        return EventPage.objects.get(pk=page.pk)

    def english(self, page, **values):
        values.setdefault("slug", f"{page.slug}-en")
        copy = translate(page, self.en, **values)
        rebuild(copy, now=NOW)
        return EventPage.objects.get(pk=copy.pk)


def _slug(title):
    from django.utils.text import slugify

    return slugify(title)[:50]


@pytest.fixture
def agenda(site):
    return Agenda(site)


@pytest.fixture
def programme(agenda):
    """The fixtures standards.md §1.12 asks for, in French and English."""
    a = agenda
    events = {
        "spring": a.event(
            "Atelier du passage à l'heure d'été",
            paris(2026, 3, 29, 10, 0),
            paris(2026, 3, 29, 12, 0),
            categories=[a.workshop],
            commune=a.bavay,
            organiser=a.tiers_lieu,
            is_free=True,
        ),
        "autumn": a.event(
            "Atelier du passage à l'heure d'hiver",
            paris(2026, 10, 25, 10, 0),
            paris(2026, 10, 25, 12, 0),
            categories=[a.workshop],
            commune=a.locquignol,
        ),
        "fete": a.event(
            "Fête du village 🎉 : trois jours, bal ; feu d'artifice \\ et marché",
            paris(2026, 8, 14, 0, 0),
            paris(2026, 8, 16, 0, 0),
            all_day=True,
            categories=[a.market],
            commune=a.bavay,
            venue_name="Place du Général-de-Gaulle",
            address="Place du Général-de-Gaulle",
            latitude="50.296100",
            longitude="3.793300",
            price="5 €, gratuit pour les enfants",
            booking_url="https://billetterie.example.org/fete",
            accessibility="Accès de plain-pied ;\nboucle magnétique, toilettes adaptées",
        ),
        "market": a.event(
            "Marché du mardi",
            paris(2026, 3, 17, 18, 0),
            paris(2026, 3, 17, 20, 0),
            frequency=EventPage.Frequency.WEEKLY,
            weekdays="TU",
            until=dt.date(2026, 6, 30),
            excluded_dates=dates(dt.date(2026, 3, 31)),
            cancelled_dates=dates(dt.date(2026, 4, 7)),
            categories=[a.market],
            commune=a.locquignol,
            organiser=a.tiers_lieu,
        ),
    }
    english = {
        "spring": a.english(events["spring"], title="Workshop on the spring clock change", summary="Spring."),
        "fete": a.english(events["fete"], title="Village fair", summary="Three days.", price="€5"),
        "market": a.english(events["market"], title="Tuesday market", summary="Every Tuesday."),
    }
    return events, english


def get_feed(client, url=FR, headers=None, **params):
    response = client.get(url, params, **(headers or {}))
    assert response.status_code == 200, response.content[:200]
    return response.content


def calendar(raw):
    return icalendar.Calendar.from_ical(raw)


def vevents(raw, uid=None):
    items = calendar(raw).walk("VEVENT")
    return [item for item in items if uid is None or str(item["UID"]) == uid]


def master(raw, page, lang="fr"):
    found = [item for item in vevents(raw, uid(page, lang)) if "RECURRENCE-ID" not in item]
    assert len(found) == 1, f"{page.title}: {len(found)} VEVENTs"
    return found[0]


def uid(page, lang="fr"):
    return f"{page.translation_key}-{lang}@localhost"


def series_uid(vevent):
    """The UID of the event a VEVENT belongs to: a feed of a period gives each date of a series
    as an event of its own, its UID the series' plus the date (tests/test_feed_periods.py)."""
    return re.sub(r"-\d{8}@", "@", str(vevent["UID"]))


def lines(raw):
    """The unfolded content lines."""
    return raw.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")


def utc(value):
    return value.astimezone(UTC)


# -- FEED-01 … FEED-27 ---------------------------------------------------------------------


def test_feed_01_content_type_and_identical_body_whatever_the_accept_header(client, programme):
    """FEED-01: 200, text/calendar; charset=utf-8, no attachment, no cookie, identical bodies
    with and without an Accept header (Google's fetcher sends none)."""
    plain = client.get(FR)
    assert plain.status_code == 200
    assert plain["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Content-Disposition" not in plain
    assert plain.cookies == {}
    for accept in ("text/html", "application/json", "*/*", "text/calendar"):
        other = client.get(FR, HTTP_ACCEPT=accept, HTTP_ACCEPT_LANGUAGE="en")
        assert other.content == plain.content
        assert other.cookies == {}
    client.cookies["django_language"] = "en"
    assert client.get(FR).content == plain.content
    assert client.head(FR).status_code == 200
    for url in ("/feeds/fr/communes/bavay.ics", "/feeds/en/categories/marche.ics"):
        response = client.get(url)
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert "Content-Disposition" not in response
    # The one-event download is the only feed sent as an attachment.
    events, _english = programme
    download = client.get(f"/feeds/fr/events/{events['spring'].pk}.ics")
    assert download["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    "url",
    [
        FR,
        EN,
        "/feeds/fr/events.rss",
        "/feeds/fr/communes/bavay.ics",
        "/feeds/en/organisers/tiers-lieu-bavay.rss",
        "/feeds/fr/categories/marche.ics",
    ],
)
def test_feed_02_feed_urls_never_redirect(client, programme, url, settings):
    """FEED-02: no language, trailing-slash or scheme redirect; errors are plain text with
    their real status; robots.txt does not disallow /feeds/."""
    assert settings.APPEND_SLASH
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "en"}, {"HTTP_ACCEPT_LANGUAGE": "de"}):
        assert client.get(url, **headers).status_code == 200
    assert client.get(url, secure=True).status_code == 200
    for missing in (
        "/feeds/fr/events.ics/",
        "/feeds/fr/events.ical",
        "/feeds/FR/events.ics",
        "/feeds/fr/communes/nowhere.ics",
        "/feeds/de/events.ics",
        "/feeds/fr/events/999999.ics",
        "/feeds/en/organisers/nobody.rss",
    ):
        response = client.get(missing)
        assert response.status_code == 404, missing
        assert response["Content-Type"].startswith("text/plain"), missing
    robots = client.get("/robots.txt")
    if robots.status_code == 200:
        assert "Disallow: /feeds" not in robots.content.decode()


def test_feed_03_stable_body_etag_last_modified_and_304(client, agenda, programme):
    """FEED-03: byte-identical bodies without a change, ETag and Last-Modified, 304 on
    If-None-Match and If-Modified-Since, and a new ETag after an edit."""
    first = client.get(FR)
    django_cache.clear()  # a cold rendering must give the same bytes too
    second = client.get(FR)
    assert first.content == second.content
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(FR, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    not_modified = client.get(FR, HTTP_IF_MODIFIED_SINCE=second["Last-Modified"])
    assert not_modified.status_code == 304
    assert not_modified["Access-Control-Allow-Origin"] == "*"
    events, _english = programme
    agenda.republish(events["spring"], title="Atelier renommé")
    changed = client.get(FR, HTTP_IF_NONE_MATCH=second["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != second["ETag"]
    assert "Atelier renommé" in changed.content.decode()


def test_feed_03_etag_depends_on_the_parameters_and_the_language(client, programme):
    """FEED-03: different feeds never share an ETag."""
    etags = {client.get(url)["ETag"] for url in (FR, EN, FR + "?commune=bavay", "/feeds/fr/events.rss")}
    assert len(etags) == 4
    # The order of the parameters and unknown parameters do not make another feed.
    assert client.get(FR + "?commune=bavay&free=1")["ETag"] == client.get(FR + "?free=1&x=2&commune=bavay")["ETag"]


def test_feed_04_crlf_line_endings(client, programme):
    """FEED-04: every line ends with CRLF, no bare LF or CR, the body ends with CRLF (the
    accessibility notes contain a newline)."""
    for url in (FR, EN):
        raw = get_feed(client, url)
        assert [p for p in feed_validation.line_problems(raw) if p.startswith("FEED-04")] == []
        assert b"\\n" in raw  # the newline of the text is escaped, not a line break


def test_feed_05_lines_folded_at_75_octets_on_character_boundaries(client, programme):
    """FEED-05: no physical line over 75 octets, every one valid UTF-8, continuations start
    with one space (long accented and emoji titles)."""
    raw = get_feed(client)
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    assert any(line.startswith(b" ") for line in raw.split(b"\r\n"))
    assert feed_validation.line_problems(raw) == []


def test_feed_06_one_calendar_version_prodid_no_method(client, programme):
    """FEED-06: exactly one VCALENDAR, VERSION:2.0, a site-specific PRODID, no METHOD."""
    raw = get_feed(client)
    text = lines(raw)
    assert text.count("BEGIN:VCALENDAR") == 1 and text.count("END:VCALENDAR") == 1
    cal = calendar(raw)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//Communauté de communes de test//Agenda localhost//FR"
    assert "METHOD" not in cal


def test_feed_07_calendar_names_in_the_feed_language_and_constant_uid(client, programme):
    """FEED-07: NAME and X-WR-CALNAME in the feed's language; the calendar UID is the same on
    every request and differs between feeds."""
    fr = calendar(get_feed(client))
    en = calendar(get_feed(client, EN))
    commune = calendar(get_feed(client, "/feeds/fr/communes/bavay.ics"))
    for cal, lang in ((fr, "fr"), (en, "en")):
        with translation.override(lang):
            expected = translation.gettext("Agenda – %(territory)s") % {"territory": "Communauté de communes de test"}
        assert str(cal["NAME"]) == str(cal["X-WR-CALNAME"]) == expected
        assert cal["DESCRIPTION"] and cal["X-WR-CALDESC"]
    assert str(commune["NAME"]).endswith(" – Bavay")
    django_cache.clear()
    again = calendar(get_feed(client))
    assert str(again["UID"]) == str(fr["UID"])
    assert len({str(fr["UID"]), str(en["UID"]), str(commune["UID"])}) == 3


def test_feed_08_refresh_interval_and_published_ttl(client, programme):
    """FEED-08: REFRESH-INTERVAL;VALUE=DURATION and X-PUBLISHED-TTL, the same valid duration
    (§1.6: icalendar's defaults get both wrong)."""
    text = lines(get_feed(client))
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in text
    assert "X-PUBLISHED-TTL:PT6H" in text
    assert feed_validation.parse_ical(get_feed(client)).refresh_interval == dt.timedelta(hours=6)


def test_feed_09_paris_timezone_hint_and_no_floating_time(client, programme):
    """FEED-09: X-WR-TIMEZONE:Europe/Paris; every DATE-TIME of an event has a TZID or Z."""
    raw = get_feed(client)
    assert "X-WR-TIMEZONE:Europe/Paris" in lines(raw)
    for event in vevents(raw):
        for name, value in event.property_items(recursive=False):
            values = value.dts if hasattr(value, "dts") else [value]
            for item in values:
                moment = getattr(item, "dt", None)
                if isinstance(moment, dt.datetime):
                    assert moment.tzinfo is not None, (name, event["SUMMARY"])


def test_feed_10_rrule_vtimezone_and_dst_days_at_the_right_instant(client, programme):
    """FEED-10: the Europe/Paris VTIMEZONE uses RRULE transitions (no RDATE list), every TZID
    has its VTIMEZONE, and the events of 2026-03-29 and 2026-10-25 at 10:00 are 08:00 and
    09:00 UTC for both parsers."""
    events, _english = programme
    raw = get_feed(client)
    cal = calendar(raw)
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Paris"
    transitions = {sub.name: sub for sub in zone.subcomponents}
    assert transitions["DAYLIGHT"]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert transitions["STANDARD"]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    assert "RDATE" not in transitions["DAYLIGHT"] and "RDATE" not in transitions["STANDARD"]
    assert cal.get_missing_tzids() == set()
    assert "DTSTART;TZID=Europe/Paris:20260329T100000" in lines(raw)
    expected = {
        "spring": dt.datetime(2026, 3, 29, 8, 0, tzinfo=UTC),
        "autumn": dt.datetime(2026, 10, 25, 9, 0, tzinfo=UTC),
    }
    strict = {event.uid: event for event in feed_validation.parse_ical(raw).events}
    for key, instant in expected.items():
        assert utc(master(raw, events[key])["DTSTART"].dt) == instant
        assert utc(strict[uid(events[key])].dtstart) == instant
        assert utc(strict[uid(events[key])].dtend) == instant + dt.timedelta(hours=2)


def test_feed_11_every_event_has_uid_dtstamp_dtstart_summary(client, programme):
    """FEED-11: UID, DTSTAMP in UTC, DTSTART and SUMMARY on every VEVENT."""
    raw = get_feed(client)
    assert len(vevents(raw)) >= 5
    for event in vevents(raw):
        assert event["UID"] and event["SUMMARY"] and event["DTSTART"]
        assert event["DTSTAMP"].dt.utcoffset() == dt.timedelta(0)
    assert all(line.endswith("Z") for line in lines(raw) if line.startswith("DTSTAMP"))


def test_feed_12_uids_unique_per_language_and_stable_across_edits(client, agenda, programme):
    """FEED-12: (UID, RECURRENCE-ID) pairs are unique; FR and EN share no UID; UIDs survive
    edits of the title, slug and dates, re-publishing, unpublishing/republishing and a cold
    cache."""
    events, _english = programme
    fr, en = get_feed(client), get_feed(client, EN)
    for raw in (fr, en):
        pairs = [(str(e["UID"]), e["RECURRENCE-ID"].to_ical() if "RECURRENCE-ID" in e else None) for e in vevents(raw)]
        assert len(pairs) == len(set(pairs))
    fr_uids = {str(e["UID"]) for e in vevents(fr)}
    en_uids = {str(e["UID"]) for e in vevents(en)}
    assert fr_uids and en_uids and not fr_uids & en_uids
    assert uid(events["market"]) in fr_uids and uid(events["market"], "en") in en_uids
    page = agenda.republish(
        events["autumn"],
        title="Nouveau titre",
        slug="nouveau-slug",
        start=paris(2026, 10, 25, 14, 0),
        end=paris(2026, 10, 25, 16, 0),
    )
    page.save_revision().publish()
    page.unpublish()
    publish(EventPage.objects.get(pk=page.pk))
    rebuild(EventPage.objects.get(pk=page.pk), now=NOW)
    django_cache.clear()
    after = get_feed(client)
    assert {str(e["UID"]) for e in vevents(after)} == fr_uids
    assert str(master(after, page)["SUMMARY"]) == "Nouveau titre"


def test_feed_13_dtstamp_and_last_modified_are_the_revision_time(client, agenda, programme):
    """FEED-13: DTSTAMP = LAST-MODIFIED = the event's last publication (not the request
    time), so later requests give the same values."""
    events, _english = programme
    page = events["fete"]
    revised = page.last_published_at.astimezone(UTC).replace(microsecond=0)
    event = master(get_feed(client), page)
    assert event["DTSTAMP"].dt == revised
    assert event["LAST-MODIFIED"].dt == revised
    time.sleep(1.1)
    django_cache.clear()
    assert master(get_feed(client), page)["DTSTAMP"].dt == revised
    page = agenda.republish(page, summary="Programme complet en ligne.")
    assert master(get_feed(client), page)["DTSTAMP"].dt == page.last_published_at.astimezone(UTC).replace(microsecond=0)


def test_feed_14_sequence_rises_on_schedule_changes_only(client, agenda, programme):
    """FEED-14: a title edit keeps SEQUENCE; a new time, place or status raises it; it never
    decreases."""
    events, _english = programme
    page = events["autumn"]

    def sequence():
        return int(master(get_feed(client), page)["SEQUENCE"])

    assert sequence() == 0
    page = agenda.republish(page, title="Atelier d'automne")
    assert sequence() == 0
    page = agenda.republish(page, start=paris(2026, 10, 25, 11, 0), end=paris(2026, 10, 25, 13, 0))
    assert sequence() == 1
    page = agenda.republish(page, address="1 rue de la Forêt")
    assert sequence() == 2
    page = agenda.republish(page, status=EventPage.Status.FULL)
    assert sequence() == 3
    page = agenda.republish(page, summary="Nouveau résumé")
    assert sequence() == 3


def test_feed_15_timed_events_end_after_start_without_duration(client, agenda, programme):
    """FEED-15: DTEND > DTSTART, never DTEND and DURATION together; no end means two hours."""
    page = agenda.event("Conférence sans fin annoncée", paris(2026, 5, 12, 18, 30))
    raw = get_feed(client)
    for event in vevents(raw):
        assert "DURATION" not in event
        assert event["DTEND"].dt > event["DTSTART"].dt
    event = master(raw, page)
    assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(hours=2)


def test_feed_16_all_day_three_day_event_has_an_exclusive_date_end(client, programme):
    """FEED-16: the 14-16 August fête is DTSTART;VALUE=DATE:20260814, DTEND 20260817."""
    events, _english = programme
    raw = get_feed(client)
    assert "DTSTART;VALUE=DATE:20260814" in lines(raw)
    assert "DTEND;VALUE=DATE:20260817" in lines(raw)
    event = master(raw, events["fete"])
    assert type(event["DTSTART"].dt) is dt.date and type(event["DTEND"].dt) is dt.date
    (strict,) = [e for e in feed_validation.parse_ical(raw).events if e.uid == uid(events["fete"])]
    assert (strict.dtstart, strict.dtend) == (dt.date(2026, 8, 14), dt.date(2026, 8, 17))


def test_feed_17_series_is_one_vevent_with_rrule_exdate_and_recurrence_id(client, agenda, programme):
    """FEED-17: one VEVENT per series with RRULE (UNTIL in UTC), EXDATE and RECURRENCE-ID of
    DTSTART's type and zone, DTSTART an occurrence of its own rule; never expanded copies."""
    events, _english = programme
    raw = get_feed(client)
    text = lines(raw)
    series = vevents(raw, uid(events["market"]))
    assert len(series) == 2  # the series and its cancelled date
    event = master(raw, events["market"])
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20260630T215959Z;BYDAY=TU"
    assert "EXDATE;TZID=Europe/Paris:20260331T180000" in text
    assert "RECURRENCE-ID;TZID=Europe/Paris:20260407T180000" in text
    starts = sorted(
        item.start
        for item in feed_validation.recurring_ical_events.of(calendar(raw)).between(
            dt.date(2026, 3, 1), dt.date(2026, 7, 1)
        )
        if str(item["UID"]) == uid(events["market"])
    )
    assert starts[0] == paris(2026, 3, 17, 18, 0)
    assert paris(2026, 3, 31, 18, 0) not in starts
    assert len(starts) == 16 - 1  # 16 Tuesdays from 17 March to 30 June, one left out
    assert all(start.hour == 18 for start in starts)  # 18:00 on both sides of 29 March
    # An all-day series has a DATE UNTIL and DATE exceptions.
    yearly = agenda.event(
        "Journées du patrimoine",
        paris(2026, 9, 19, 0, 0),
        paris(2026, 9, 20, 0, 0),
        all_day=True,
        frequency=EventPage.Frequency.YEARLY,
        until=dt.date(2030, 12, 31),
        excluded_dates=dates(dt.date(2027, 9, 19)),
        extra_dates=dates(dt.date(2026, 12, 5)),
    )
    text = lines(get_feed(client))
    assert any(line.startswith("RRULE:FREQ=YEARLY;UNTIL=20301231") and line.endswith("20301231") for line in text)
    assert "EXDATE;VALUE=DATE:20270919" in text
    assert "RDATE;VALUE=DATE:20261205" in text
    assert yearly.pk


def test_feed_18_cancelled_event_and_cancelled_occurrence(client, agenda, programme, monkeypatch):
    """FEED-18: STATUS:CANCELLED, a higher SEQUENCE and a prefixed SUMMARY; the cancelled
    date of a series is an override with the same UID; a cancelled event leaves the feed a
    week after its end; unpublished and deleted events are absent at once."""
    events, _english = programme
    page = agenda.republish(events["spring"], status=EventPage.Status.CANCELLED, status_note="Salle indisponible")
    raw = get_feed(client)
    event = master(raw, page)
    with translation.override("fr"):
        prefix = translation.gettext("CANCELLED – %(title)s") % {"title": page.title}
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == prefix
    assert int(event["SEQUENCE"]) == 1
    assert "Salle indisponible" in str(event["DESCRIPTION"])
    (override,) = [e for e in vevents(raw, uid(events["market"])) if "RECURRENCE-ID" in e]
    assert str(override["STATUS"]) == "CANCELLED"
    assert override["RECURRENCE-ID"].dt == paris(2026, 4, 7, 18, 0)
    assert override["DTSTART"].dt == paris(2026, 4, 7, 18, 0)
    assert str(master(raw, events["market"])["STATUS"]) == "CONFIRMED"
    # Grace period: ended 29 March at noon; still there on 5 April, gone on 6 April.
    monkeypatch.setattr(context, "today", lambda: dt.date(2026, 4, 5))
    assert vevents(get_feed(client), uid(page))
    monkeypatch.setattr(context, "today", lambda: dt.date(2026, 4, 6))
    assert not vevents(get_feed(client), uid(page))
    monkeypatch.setattr(context, "today", lambda: TODAY)
    events["autumn"].unpublish()
    events["fete"].delete()
    raw = get_feed(client)
    assert not vevents(raw, uid(events["autumn"]))
    assert not vevents(raw, uid(events["fete"]))


def test_feed_18_english_cancelled_prefix(client, agenda, programme):
    """FEED-18: the English feed says "CANCELLED – " (the source language of the strings)."""
    _events, english = programme
    agenda.republish(english["spring"], status=EventPage.Status.CANCELLED)
    event = master(get_feed(client, EN), english["spring"], "en")
    assert str(event["SUMMARY"]) == "CANCELLED – Workshop on the spring clock change"


def test_feed_18_postponed_is_tentative_and_full_is_confirmed(client, agenda, programme):
    """FEED-18 (status mapping): postponed → TENTATIVE with a prefix, full → CONFIRMED with
    the note in DESCRIPTION."""
    events, english = programme
    agenda.republish(english["spring"], status=EventPage.Status.POSTPONED)
    agenda.republish(english["fete"], status=EventPage.Status.FULL, status_note="Waiting list by phone")
    raw = get_feed(client, EN)
    postponed = master(raw, english["spring"], "en")
    assert str(postponed["STATUS"]) == "TENTATIVE"
    assert str(postponed["SUMMARY"]) == "POSTPONED – Workshop on the spring clock change"
    full = master(raw, english["fete"], "en")
    assert str(full["STATUS"]) == "CONFIRMED"
    assert "Status: Full – Waiting list by phone" in str(full["DESCRIPTION"])
    assert events["market"]


def test_feed_19_text_escaped_and_description_plain(client, agenda, programme):
    """FEED-19: `\\ ; , newline` escaped in TEXT values; DESCRIPTION has no HTML and no
    control characters; vobject and ical read the original text back."""
    events, _english = programme
    page = agenda.republish(events["fete"], summary="Un <b>grand</b> week-end\x07 festif")
    raw = get_feed(client)
    text = "\n".join(lines(raw))
    assert "SUMMARY:Fête du village 🎉 : trois jours\\, bal \\; feu d'artifice \\\\ et marché" in text
    event = master(raw, page)
    body = str(event["DESCRIPTION"])
    assert "<" not in body and ">" not in body and "\x07" not in body
    assert "Un grand week-end festif" in body
    assert "Accès de plain-pied ;\nboucle magnétique" in body
    parsed = vobject.readOne(raw.decode())
    (fete,) = [v for v in parsed.vevent_list if v.uid.value == uid(page)]
    assert fete.summary.value == "Fête du village 🎉 : trois jours, bal ; feu d'artifice \\ et marché"
    (strict,) = [e for e in feed_validation.parse_ical(raw).events if e.uid == uid(page)]
    assert strict.summary == fete.summary.value
    assert all(ord(c) >= 32 or c == "\n" for c in strict.description)


def test_feed_20_geo_location_and_url(client, programme):
    """FEED-20: GEO is `lat;lon` floats, LOCATION a readable address, URL absolute, HTTPS and
    in the feed's language."""
    events, english = programme
    # Served over HTTPS (behind the proxy): the event URLs take the request's scheme and host.
    https = {"secure": True, "HTTP_HOST": "hub.example.org"}
    raw = get_feed(client, headers=https)
    text = lines(raw)
    assert "GEO:50.2961;3.7933" in text
    event = master(raw, events["fete"])
    assert str(event["LOCATION"]) == "Place du Général-de-Gaulle, 59570 Bavay"
    assert str(event["URL"]) == f"https://hub.example.org/fr/agenda/{events['fete'].slug}/"
    en = master(get_feed(client, EN, headers=https), english["fete"], "en")
    assert str(en["URL"]) == f"https://hub.example.org/en/whats-on/{english['fete'].slug}/"
    (strict,) = [e for e in feed_validation.parse_ical(raw).events if e.uid == uid(events["fete"])]
    assert (strict.geo.lat, strict.geo.lng) == (50.2961, 3.7933)
    assert master(raw, events["autumn"])["LOCATION"] == "59530 Locquignol"


def test_feed_21_categories_in_the_feed_language(client, programme):
    """FEED-21: CATEGORIES in the feed's language, embedded commas escaped."""
    events, english = programme
    fr, en = get_feed(client), get_feed(client, EN)
    assert "CATEGORIES:Marché\\, brocante" in lines(fr)
    assert "CATEGORIES:Market\\; flea market" in lines(en)
    french = [v for v in vobject.readOne(fr.decode()).vevent_list if v.uid.value == uid(events["fete"])]
    assert french[0].categories.value == ["Marché, brocante"]
    assert master(fr, events["fete"])["CATEGORIES"].cats == ["Marché, brocante"]
    # Not checked with ical: 14.3.1 splits CATEGORIES on every comma, escaped or not (a
    # consumer bug; Home Assistant does not show categories).
    parsed = vobject.readOne(en.decode())
    (fete,) = [v for v in parsed.vevent_list if v.uid.value == uid(english["fete"], "en")]
    assert fete.categories.value == ["Market; flea market"]


def test_feed_22_no_alarm_attendee_organizer_and_transparent(client, programme):
    """FEED-22: no VALARM, ATTENDEE or ORGANIZER; TRANSP:TRANSPARENT on every VEVENT."""
    for url in (FR, EN):
        raw = get_feed(client, url)
        assert not calendar(raw).walk("VALARM")
        for event in vevents(raw):
            assert "ATTENDEE" not in event and "ORGANIZER" not in event
            assert str(event["TRANSP"]) == "TRANSPARENT"


def test_feed_23_only_live_public_events_of_the_site(client, agenda, programme):
    """FEED-23: drafts, events awaiting moderation, private events, unpublished events and
    newer draft revisions do not reach the feed."""
    events, _english = programme
    draft = agenda.event("Brouillon", paris(2026, 5, 2, 10, 0), live=False)
    private = agenda.event("Réunion interne", paris(2026, 5, 3, 10, 0))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    page = events["autumn"]
    page.title = "Titre pas encore publié"
    page.save_revision()
    raw = get_feed(client)
    uids = {str(e["UID"]) for e in vevents(raw)}
    assert uid(draft) not in uids and uid(private) not in uids
    assert str(master(raw, page)["SUMMARY"]) == "Atelier du passage à l'heure d'hiver"
    for url in (f"/feeds/fr/events/{draft.pk}.ics", f"/feeds/fr/events/{private.pk}.ics"):
        assert client.get(url).status_code == 404
    # An event of another language is not in this one's feeds.
    assert client.get(f"/feeds/en/events/{events['autumn'].pk}.ics").status_code == 404
    # Nor an event of another territory (another site, another tree).
    other_home = HomePage(title="Autre territoire", slug="autre", locale=agenda.fr, introduction="Ailleurs.")
    Page.get_first_root_node().add_child(instance=other_home)
    publish(other_home)
    Site.objects.create(hostname="autre.localhost", port=80, root_page=other_home)
    other_index = EventIndexPage(title="Agenda", slug="agenda", locale=agenda.fr)
    other_home.add_child(instance=other_index)
    publish(other_index)
    elsewhere = EventPage(title="Ailleurs", slug="ailleurs", start=paris(2026, 5, 4, 10, 0), summary="Ailleurs.")
    other_index.add_child(instance=elsewhere)
    rebuild(publish(elsewhere), now=NOW)
    assert "Ailleurs" not in get_feed(client).decode()
    assert (
        f"{elsewhere.translation_key}-fr@autre.localhost"
        in get_feed(client, headers={"HTTP_HOST": "autre.localhost"}).decode()
    )


def test_feed_24_window_and_size_budget(client, agenda, programme, monkeypatch):
    """FEED-24: events ending more than 90 days ago or starting more than 18 months ahead are
    left out; the body stays small and is rendered well under a second."""
    old = agenda.event("Il y a cent jours", paris(2025, 11, 21, 10, 0))
    recent = agenda.event("Il y a quatre-vingts jours", paris(2025, 12, 11, 10, 0))
    near = agenda.event("Dans dix-sept mois", paris(2027, 8, 1, 10, 0))
    far = agenda.event("Dans dix-neuf mois", paris(2027, 10, 1, 10, 0))
    rebuild(far, now=NOW + dt.timedelta(days=60))  # the occurrence horizon reaches it too
    uids = {str(e["UID"]) for e in vevents(get_feed(client))}
    assert uid(recent) in uids and uid(near) in uids
    assert uid(old) not in uids and uid(far) not in uids
    django_cache.clear()
    started = time.perf_counter()
    raw = get_feed(client)
    assert time.perf_counter() - started < 1
    assert len(raw) < 500_000


def test_feed_25_parses_with_icalendar_ical_and_vobject(client, programme):
    """FEED-25: icalendar (no component.errors), strict ical (no compat mode) and vobject all
    accept every feed, the RSS-free aliases and the one-event download included."""
    events, english = programme
    urls = [
        FR,
        EN,
        "/feeds/fr/communes/bavay.ics",
        "/feeds/en/categories/marche.ics",
        "/feeds/fr/organisers/tiers-lieu-bavay.ics",
        f"/feeds/fr/events/{events['market'].pk}.ics",
        f"/feeds/en/events/{english['fete'].pk}.ics",
    ]
    for url in urls:
        assert feed_validation.validate(get_feed(client, url)) == [], url


def test_feed_26_both_parsers_expand_the_same_occurrences_over_13_months(client, programme):
    """FEED-26: recurring-ical-events and ical's timeline give the same (UID, start, end,
    status) over 13 months, the cancelled Tuesday included as CANCELLED."""
    events, _english = programme
    for url in (FR, EN):
        raw = get_feed(client, url)
        by_icalendar, by_ical = feed_validation.expansions(raw, TODAY, TODAY + dt.timedelta(days=396))
        assert by_icalendar == by_ical
        assert len(by_icalendar) > 10
    raw = get_feed(client)
    by_icalendar, _by_ical = feed_validation.expansions(raw, TODAY, TODAY + dt.timedelta(days=396))
    cancelled = dt.datetime(2026, 4, 7, 16, 0, tzinfo=UTC)
    assert (uid(events["market"]), cancelled, cancelled + dt.timedelta(hours=2), "CANCELLED") in by_icalendar


def test_feed_27_cors_on_feeds_only_without_credentials(client, programme):
    """FEED-27: Access-Control-Allow-Origin: * on /feeds/ answers (200, 304, 404), no
    Access-Control-Allow-Credentials, and no CORS header on the site's pages."""
    response = client.get(FR, HTTP_ORIGIN="https://mairie-bavay.fr")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert client.get(FR, HTTP_IF_NONE_MATCH=response["ETag"])["Access-Control-Allow-Origin"] == "*"
    assert client.get("/feeds/fr/communes/nowhere.ics")["Access-Control-Allow-Origin"] == "*"
    assert client.get("/feeds/fr/events.rss")["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/fr/")


# -- filters, aliases, RSS, caching, performance --------------------------------------------


FILTERS = [
    {"commune": "bavay"},
    {"category": "marche"},
    {"organiser": "tiers-lieu-bavay"},
    {"free": "1"},
    {"q": "atelier"},
    {"from": "2026-08-01", "to": "2026-10-31"},
    {"when": "month"},
    {"commune": "locquignol", "category": "marche"},
    {"category": "atelier", "free": "1", "from": "2026-03-01", "to": "2026-04-30"},
    {"organiser": "tiers-lieu-bavay", "q": "marché", "to": "2026-04-10"},
]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_feed_filters_give_the_agendas_events(client, agenda, programme, params):
    """The feed and the agenda page select the same events for the same filters (each alone
    and combined), in both languages."""
    for lang, locale in (("fr", agenda.fr), ("en", agenda.en)):
        raw = get_feed(client, f"/feeds/{lang}/events.ics", **params)
        in_feed = {series_uid(e) for e in vevents(raw)}
        on_page = {
            f"{occurrence.event.translation_key}-{lang}@localhost"
            for occurrence in AgendaFilters(params, locale, now=NOW).occurrences()
        }
        assert in_feed == on_page, (lang, params)


def test_feed_filters_select_something(client, programme):
    """The fixture makes the filter comparison meaningful: each filter keeps some events and
    leaves others out."""
    everything = {str(e["UID"]) for e in vevents(get_feed(client))}
    for params in FILTERS:
        selected = {series_uid(e) for e in vevents(get_feed(client, **params))}
        assert selected and selected < everything, params


@pytest.mark.parametrize(
    ("alias", "params"),
    [
        ("communes/bavay", {"commune": "bavay"}),
        ("categories/marche", {"category": "marche"}),
        ("organisers/tiers-lieu-bavay", {"organiser": "tiers-lieu-bavay"}),
    ],
)
def test_feed_aliases_are_the_filtered_feed(client, programme, alias, params):
    """/feeds/<lang>/communes/<slug>.ics is /feeds/<lang>/events.ics?commune=<slug>, and so
    on; an unknown slug is a 404."""
    for lang in ("fr", "en"):
        by_alias = {str(e["UID"]) for e in vevents(get_feed(client, f"/feeds/{lang}/{alias}.ics"))}
        by_params = {str(e["UID"]) for e in vevents(get_feed(client, f"/feeds/{lang}/events.ics", **params))}
        assert by_alias == by_params and by_alias
    assert client.get(f"/feeds/fr/{alias.split('/')[0]}/inconnu.ics").status_code == 404


def test_one_event_feed_is_that_event_with_its_exceptions(client, programme):
    """/feeds/<lang>/events/<id>.ics: the "add to my calendar" download of one event."""
    events, english = programme
    raw = get_feed(client, f"/feeds/fr/events/{events['market'].pk}.ics")
    assert {str(e["UID"]) for e in vevents(raw)} == {uid(events["market"])}
    assert len(vevents(raw)) == 2
    raw = get_feed(client, f"/feeds/en/events/{english['market'].pk}.ics")
    assert str(master(raw, english["market"], "en")["SUMMARY"]) == "Tuesday market"


def rss_items(raw):
    channel = ET.fromstring(raw).find("channel")  # noqa: S314 (our own output)
    return channel, channel.findall("item")


def test_rss_lists_upcoming_occurrences_in_the_feed_language(client, programme):
    """RSS 2.0 beside each .ics: upcoming occurrences, item link = the event page in the
    feed's language, stable guid that is not a permalink."""
    events, english = programme
    response = client.get("/feeds/en/events.rss")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel, items = rss_items(response.content)
    assert channel.findtext("language") == "en"
    expected = [
        occurrence
        for occurrence in AgendaFilters({}, english["market"].locale, now=NOW).occurrences()
        if occurrence.start < context.window(TODAY)[1]
    ]
    assert len(items) == len(expected) > 10
    market = [item for item in items if "Tuesday market" in item.findtext("title")]
    assert market and all(
        item.findtext("link") == f"http://testserver/en/whats-on/{english['market'].slug}/" for item in market
    )
    guids = [item.find("guid") for item in items]
    assert all(guid.get("isPermaLink") == "false" for guid in guids)
    assert len({guid.text for guid in guids}) == len(guids)
    cancelled = [item for item in market if item.findtext("title").count("CANCELLED – ")]
    assert len(cancelled) == 1 and "April 7, 2026" in cancelled[0].findtext("title")
    django_cache.clear()
    assert client.get("/feeds/en/events.rss").content == response.content  # stable, guids included
    fr_channel, fr_items = rss_items(get_feed(client, "/feeds/fr/communes/bavay.rss"))
    assert fr_channel.findtext("language") == "fr"
    assert fr_items and all("/fr/agenda/" in item.findtext("link") for item in fr_items)
    one = rss_items(get_feed(client, f"/feeds/fr/events/{events['fete'].pk}.rss"))[1]
    assert len(one) == 1


def test_unpublished_event_leaves_the_cached_feed_at_once(client, agenda, programme):
    """The feeds are cached, and any publish or unpublish invalidates them: never stale."""
    events, _english = programme
    urls = [FR, "/feeds/fr/communes/bavay.ics", "/feeds/fr/events.rss"]
    before = {url: client.get(url) for url in urls}
    assert uid(events["fete"]) in before[FR].content.decode()
    events["fete"].unpublish()
    for url in urls:
        after = client.get(url, HTTP_IF_NONE_MATCH=before[url]["ETag"])
        assert after.status_code == 200, url
        assert "Fête du village" not in after.content.decode(), url
    page = agenda.event("Nouvel atelier", paris(2026, 6, 2, 14, 0), commune=agenda.bavay)
    assert uid(page) in client.get("/feeds/fr/communes/bavay.ics").content.decode()
    agenda.bavay.name = "Bavay-la-Romaine"
    agenda.bavay.save()
    assert "59570 Bavay-la-Romaine" in "\n".join(lines(client.get(FR).content))


def test_feed_is_cached(client, programme):
    """A warm feed costs no query at all, and a 304 neither."""
    first = client.get(FR)
    with CaptureQueriesContext(connection) as warm:
        assert client.get(FR).content == first.content
    assert len(warm) == 0
    with CaptureQueriesContext(connection) as conditional:
        assert client.get(FR, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert len(conditional) == 0


def many_events(agenda, count, start=0):
    """Events of every shape, created without the publishing workflow (fast)."""
    for number in range(start, count):
        recurring = number % 5 == 0
        page = EventPage(
            title=f"Événement {number}",
            slug=f"evenement-{number}",
            locale=agenda.fr,
            summary="Résumé.",
            start=paris(2026, 4, 1, 10, 0) + dt.timedelta(days=number % 300),
            live=True,
            last_published_at=NOW,
            commune=agenda.bavay if number % 2 else agenda.locquignol,
            organiser=agenda.tiers_lieu if number % 3 else None,
            frequency=EventPage.Frequency.WEEKLY if recurring else EventPage.Frequency.NONE,
            count=6 if recurring else None,
            cancelled_dates=dates((paris(2026, 4, 1, 10, 0) + dt.timedelta(days=number % 300 + 7)).date())
            if recurring
            else [],
        )
        page.categories = [agenda.market, agenda.workshop][: number % 3]
        agenda.index.add_child(instance=page)
        rebuild(page, now=NOW)


@pytest.mark.parametrize("url", [FR, "/feeds/fr/events.rss", "/feeds/fr/communes/bavay.ics"])
def test_feed_query_count_does_not_grow_with_the_number_of_events(client, agenda, url):
    """Cold rendering costs the same number of queries with 50 and with 500 events."""
    many_events(agenda, 50)
    client.get(FR + "?q=warm-up")

    def cold_queries():
        django_cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response.content

    fifty, body = cold_queries()
    assert body.count(b"BEGIN:VEVENT") >= 25 or body.count(b"<item>") >= 25
    many_events(agenda, 500, start=50)
    five_hundred, body = cold_queries()
    assert body.count(b"BEGIN:VEVENT") >= 250 or body.count(b"<item>") == rss.RSS_ITEMS
    assert fifty == five_hundred
