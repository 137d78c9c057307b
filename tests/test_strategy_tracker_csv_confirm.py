"""The tracker import's confirmation step (issue 18, item 7): a preview writes nothing and offers
to apply; the confirmation applies exactly the file previewed, once."""

import re

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from wagtail.models import Revision

from home.models import ActionPage
from home.strategy.tracker import StatusEntry
from tests.test_strategy_tracker_csv import camille, document, edited, export, upload  # noqa: F401

pytestmark = pytest.mark.django_db

CHANGES = {
    "1.1": {"status": "done", "progress": "100", "status_date": "2024-05", "comment": "Livré."},
    "2.1": {"start_date": "2024-01-15"},
}


def report(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [[cell.get_text(" ", strip=True) for cell in row("td")] for row in html.select("table.listing tbody tr")]


def digest_of(response):
    field = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "digest"})
    return field["value"] if field else None


def confirm(client, page, digest):
    return client.post(reverse("strategy_tracker_import", args=[page.pk]), {"digest": digest})


def test_preview_writes_nothing_and_the_confirmation_applies_what_was_previewed(client, camille, document):  # noqa: F811
    text = edited(export(client, document), CHANGES)
    revisions, entries = Revision.objects.count(), StatusEntry.objects.count()
    preview = upload(client, document, text, dry_run=True)
    html = preview.content.decode()
    assert "Ce que l’import ferait" in html and "Rien n’a encore été modifié." in html
    assert re.fullmatch(r"[0-9a-f]{64}", digest_of(preview))
    assert (Revision.objects.count(), StatusEntry.objects.count()) == (revisions, entries)
    assert ActionPage.objects.descendant_of(document).get(code="1.1").timeline == []

    applied = confirm(client, document, digest_of(preview))
    assert applied.status_code == 200
    assert "Ce que l’import a fait" in applied.content.decode()
    assert report(applied) == report(preview)
    first = ActionPage.objects.descendant_of(document).get(code="1.1")
    assert first.status == "done" and [entry.comment for entry in first.timeline] == ["Livré."]
    assert str(ActionPage.objects.descendant_of(document).get(code="2.1").start_date) == "2024-01-15"
    # Once applied, the preview is spent: a second confirmation adds nothing.
    entries = StatusEntry.objects.count()
    again = confirm(client, document, digest_of(preview))
    assert again.status_code == 400 and "Cet aperçu n’est plus disponible" in again.content.decode()
    assert StatusEntry.objects.count() == entries


def test_only_the_latest_preview_can_be_confirmed(client, camille, document):  # noqa: F811
    text = export(client, document)
    first = upload(client, document, edited(text, CHANGES), dry_run=True)
    second = upload(client, document, edited(text, {"1.2": {"status": "done", "status_date": "2024-06"}}), dry_run=True)
    assert digest_of(first) != digest_of(second)
    assert confirm(client, document, digest_of(first)).status_code == 400
    assert ActionPage.objects.descendant_of(document).get(code="1.1").timeline == []
    assert confirm(client, document, digest_of(second)).status_code == 200
    actions = {action.code: action for action in ActionPage.objects.descendant_of(document)}
    assert actions["1.2"].status == "done" and actions["1.1"].timeline == []


def test_a_preview_with_nothing_to_do_offers_no_confirmation(client, camille, document):  # noqa: F811
    preview = upload(client, document, export(client, document), dry_run=True)
    assert digest_of(preview) is None
    assert confirm(client, document, "0" * 64).status_code == 400


def test_a_stranger_cannot_confirm(client, django_user_model, camille, document):  # noqa: F811
    preview = upload(client, document, edited(export(client, document), CHANGES), dry_run=True)
    client.force_login(django_user_model.objects.create_user("intrus", password="x", is_staff=True))
    assert confirm(client, document, digest_of(preview)).status_code in (302, 403)
    assert ActionPage.objects.descendant_of(document).get(code="1.1").timeline == []
