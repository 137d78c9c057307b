"""Demo of contributions: the moderation groups and workflow, two development accounts (a
moderator and an association volunteer, only where the settings ask for them: dev settings),
and two proposals waiting in the moderation queue so it is not empty.

The proposals go through the same service as the public form (``create_submission``); their
dates are relative to today, their contributors are fictional, and they notify nobody.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test.utils import override_settings

from events.models import EventCategory
from events.recurrence import PARIS
from home.models import Commune, Organisation

from .models import Submission
from .moderation import ASSOCIATIONS, MODERATORS, setup_moderation

PROPOSALS = [
    {
        "reference": "EV-DEMO01",
        "title": "Atelier « Réparer son vélo soi-même »",
        "description": "Un après-midi pour apprendre à régler ses freins, changer une chambre à air et "
        "entretenir sa chaîne, avec les bénévoles de l'atelier.\n\nVenez avec votre vélo !",
        "weeks": 2,
        "time": (14, 0, 17, 0),
        "commune": "59053",
        "venue_name": "Cour de la médiathèque",
        "category": "repair-cafes",
        "organiser": "collectif-parasites",
        "contact": ("Camille (démo)", "camille.demo@example.org"),
        "language": "fr",
    },
    {
        "reference": "EV-DEMO02",
        "title": "Lecture contée pour les familles",
        "description": "Histoires de la forêt de Mormal lues à voix haute, pour les enfants dès 4 ans "
        "et leurs parents. Goûter offert.",
        "weeks": 3,
        "time": (10, 30, 11, 30),
        "commune": "59331",
        "venue_name": "Médiathèque",
        "category": "jeunesse-familles",
        "organiser": "mots-et-merveilles",
        "contact": ("Sam (demo)", "sam.demo@example.org"),
        "language": "en",
    },
]


def ensure_account(credentials, group_name, organisation=None):
    username, password = credentials
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@localhost", "first_name": username.capitalize()}
    )
    if created or not user.check_password(password):
        user.set_password(password)
        user.save()
    user.groups.add(Group.objects.get(name=group_name))
    if organisation is not None:
        organisation.members.add(user)
    return user


def load_accounts(loader):
    moderator = settings.HUB_DEV_MODERATOR
    association = settings.HUB_DEV_ASSOCIATION
    if moderator:
        ensure_account(moderator, MODERATORS)
        loader.say(f"Development moderator: {moderator[0]} / {moderator[1]}")
    if association:
        username, password, slug = association
        organisation = Organisation.objects.filter(slug=slug, locale=loader.french).first()
        ensure_account((username, password), ASSOCIATIONS, organisation)
        loader.say(f"Development association account ({slug}): {username} / {password}")


def load_proposals(loader, agenda, today):
    from .proposals import create_submission

    created = 0
    for item in PROPOSALS:
        if Submission.objects.filter(reference=item["reference"]).exists():
            continue
        day = today + dt.timedelta(days=(5 - today.weekday()) % 7 + 7 * item["weeks"])
        start_h, start_m, end_h, end_m = item["time"]
        data = {
            "title": item["title"],
            "description": item["description"],
            "start": dt.datetime(day.year, day.month, day.day, start_h, start_m, tzinfo=PARIS),
            "end": dt.datetime(day.year, day.month, day.day, end_h, end_m, tzinfo=PARIS),
            "all_day": False,
            "commune": Commune.objects.get(insee_code=item["commune"]),
            "venue_name": item["venue_name"],
            "category": EventCategory.objects.get(slug=item["category"], locale=loader.french),
            "organiser": Organisation.objects.filter(slug=item["organiser"], locale=loader.french).first(),
            "audience": "everyone",
            "is_free": True,
            "contact_name": item["contact"][0],
            "contact_email": item["contact"][1],
        }
        # The demo's proposals notify nobody (no moderator e-mail in the console at every run).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            create_submission(
                agenda,
                data,
                language=item["language"],
                token=f"demo-{item['reference']}",
                reference=item["reference"],
                notify=False,
            )
        created += 1
    loader.say(f"Contributions: moderation workflow ready, {created} demo proposal(s) added to the queue")


def load(loader, agenda, today):
    setup_moderation()
    load_accounts(loader)
    load_proposals(loader, agenda, today)
