"""A moderated agenda and the helpers to propose events to it through HTTP, as a visitor would."""

import datetime as dt
import secrets
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.utils import timezone

from events.contributions.antiabuse import TOKEN_SALT
from events.contributions.moderation import ASSOCIATIONS, MODERATORS, setup_moderation
from home.models import Commune, Organisation
from tests.event_builders import agenda, category


def aged_token(seconds=60):
    """A form token as if the form had been shown ``seconds`` ago."""
    return signing.dumps({"t": int(time.time()) - seconds, "n": secrets.token_urlsafe(9)}, salt=TOKEN_SALT)


def next_saturday(weeks=1):
    today = timezone.localdate()
    return today + dt.timedelta(days=(5 - today.weekday()) % 7 + 7 * weeks)


class Moderated:
    """A site with communes, an agenda under moderation, categories and two associations."""

    def __init__(self, tree):
        self.tree = tree
        self.bavay = Commune.objects.create(
            insee_code="59053", name="Bavay", slug="bavay", postcode="59570", site=tree.site
        )
        self.quesnoy = Commune.objects.create(
            insee_code="59481", name="Le Quesnoy", slug="le-quesnoy", postcode="59530", site=tree.site
        )
        self.agenda = agenda(tree)
        setup_moderation()
        french, english = tree.home.locale, tree.home_en.locale
        self.workshop = category("Atelier", "atelier", french)
        self.workshop_en = self.workshop.copy_for_translation(english)
        self.workshop_en.name = "Workshop"
        self.workshop_en.save()
        self.parasites = Organisation.objects.create(
            name="Collectif Parasites", slug="collectif-parasites", kind="association", locale=french
        )
        self.mots = Organisation.objects.create(
            name="Mots & Merveilles", slug="mots-et-merveilles", kind="association", locale=french
        )

    def user(self, username, group=None, organisation=None, **extra):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "correct-horse-42", **extra)
        if group:
            user.groups.add(Group.objects.get(name=group))
        if organisation:
            organisation.members.add(user)
        return user

    def moderator(self, username="moderatrice"):
        return self.user(username, MODERATORS)

    def association(self, username, organisation):
        return self.user(username, ASSOCIATIONS, organisation)

    def form_url(self, language="fr"):
        agenda = self.agenda if language == "fr" else self.agenda.get_translation(self.tree.home_en.locale)
        return agenda.url + agenda.reverse_subpage("propose")

    def data(self, **overrides):
        day = next_saturday()
        values = {
            "title": "Repair café de printemps",
            "description": "On répare ensemble grille-pain, vélos et vêtements.\n\nApportez vos objets !",
            "start_date": day.isoformat(),
            "start_time": "14:00",
            "end_date": "",
            "end_time": "17:00",
            "repeat": "none",
            "repeat_until": "",
            "place": "",
            "venue_name": "Salle des fêtes",
            "commune": str(self.bavay.pk),
            "address": "Place du Général de Gaulle",
            "category": str(self.workshop.pk),
            "audience": "everyone",
            "is_free": "on",
            "price": "",
            "booking_url": "",
            "organiser": str(self.parasites.pk),
            "organiser_name": "",
            "contact_name": "Camille Martin",
            "contact_email": "camille@example.org",
            "consent": "on",
            "homepage": "",
            "token": aged_token(),
        }
        values.update(overrides)
        return {key: value for key, value in values.items() if value is not None}

    def propose(self, client, language="fr", ip="192.0.2.10", **overrides):
        return client.post(self.form_url(language), self.data(**overrides), REMOTE_ADDR=ip)


def event_form(event, action="action-submit", **changes):
    """The admin edit form of ``event`` as a browser posts it, with ``changes``."""
    from django.utils.timezone import localtime

    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    def when(value):
        return localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

    values = {
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "body": streamfield([("paragraph", rich_text(block.value.source)) for block in event.body]),
        "start": when(event.start),
        "end": when(event.end),
        "frequency": event.frequency,
        "interval": event.interval or 1,
        "monthly_mode": event.monthly_mode,
        "excluded_dates": streamfield([]),
        "cancelled_dates": streamfield([]),
        "extra_dates": streamfield([]),
        "status": event.status,
        "commune": event.commune_id or "",
        "venue_name": event.venue_name,
        "address": event.address,
        "organiser": event.organiser_id or "",
        "audience": event.audience,
        "categories": [category.pk for category in event.categories.all()],
        "comments": inline_formset([]),
    }
    if event.all_day:
        values["all_day"] = "on"
    if event.is_free:
        values["is_free"] = "on"
    values.update(changes)
    values[action] = "1"
    return nested_form_data(values)
