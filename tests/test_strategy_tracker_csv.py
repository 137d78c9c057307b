"""The tracker of a strategy document as CSV in the admin (issue 18, item 7): export, import
unchanged (nothing changes), import edited rows (entries added), bad rows (row-level errors in
the editor's language, the other rows imported)."""

import csv
import io

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Locale, Revision

from home.models import ActionPage, StrategyIndexPage
from tests import strategy_data
from tests.admin_forms import form_data
from tests.test_strategy import strategy_loader
from tests.test_strategy_status_change import editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(site):
    return strategy_loader(site).load_document(strategy_data.document(bilingual=True))


@pytest.fixture
def camille(client, django_user_model, document):
    index = StrategyIndexPage.objects.get(locale__language_code="fr")
    user = editor(django_user_model, "camille", "fr", "change_page", "publish_page", page=index)
    client.force_login(user)
    return user


def export(client, document):
    response = client.get(reverse("strategy_tracker_csv", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return response.content.decode()


def upload(client, document, text, dry_run=False):
    url = reverse("strategy_tracker_import", args=[document.pk])
    data = {name: values[0] for name, values in form_data(client.get(url).content.decode()).items()}
    data.pop("dry_run", None)
    if dry_run:
        data["dry_run"] = "on"
    data["file"] = SimpleUploadedFile("suivi.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(url, data)


def edited(text, changes):
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        row.update(changes.get(row["code"], {}))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def test_the_export_has_one_row_per_action_with_room_for_budget_columns(client, camille, document):
    rows = list(csv.DictReader(io.StringIO(export(client, document))))
    assert [row["code"] for row in rows] == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]
    expected = "id code title status progress status_date comment source start_date end_date"
    assert list(rows[0]) == expected.split()
    action = ActionPage.objects.descendant_of(document).get(code="1.1")
    assert rows[0]["id"] == str(action.translation_key) and rows[0]["status"] == action.status


def test_round_trip_unchanged_then_edited_then_bad_rows(client, camille, document):
    text = export(client, document)
    revisions = Revision.objects.count()
    response = upload(client, document, text)
    assert response.status_code == 200
    assert response.content.decode().count("<td>inchangée</td>") == 6
    assert Revision.objects.count() == revisions

    changes = {
        "1.1": {"status": "done", "progress": "100", "status_date": "2024-05", "comment": "- Livré."},
        "2.1": {"start_date": "2024-01-15"},
    }
    preview = upload(client, document, edited(text, changes), dry_run=True)
    assert "Ce que l’import ferait" in preview.content.decode()
    assert Revision.objects.count() == revisions
    response = upload(client, document, edited(text, changes))
    assert response.status_code == 200
    first = ActionPage.objects.descendant_of(document).get(code="1.1")
    assert first.status == "done" and first.live and not first.has_unpublished_changes
    [entry] = first.timeline
    assert (entry.progress, entry.date_iso, entry.comment) == (100, "2024-05", "- Livré.")
    english = first.get_translation(Locale.objects.get(language_code="en"))
    assert english.status == "done" and [e.comment for e in english.timeline] == ["- Livré."]
    assert str(ActionPage.objects.descendant_of(document).get(code="2.1").start_date) == "2024-01-15"
    # The file exported again (its comment quoted against spreadsheet formulas): nothing to do.
    revisions = Revision.objects.count()
    upload(client, document, edited(export(client, document), {}))
    assert Revision.objects.count() == revisions

    bad = {
        "1.2": {"status": "fini", "status_date": "2024-02-30"},
        "1.3": {"progress": "120", "status_date": "2024-01-01"},
        "2.2": {"status": "abandoned"},  # no date
        "2.3": {"status": "abandoned", "status_date": "2024-03-01", "comment": "Abandonnée faute de crédits."},
    }
    response = upload(client, document, edited(export(client, document), bad))
    html = response.content.decode()
    assert "Statut inconnu « fini »" in html
    assert "n’est pas une date" in html
    assert "Avancement « 120 »" in html
    assert "Un changement de statut a besoin de sa date" in html
    actions = {action.code: action for action in ActionPage.objects.descendant_of(document)}
    assert actions["2.3"].status == "abandoned"  # the good row is imported
    assert actions["1.2"].timeline == [] and actions["1.3"].timeline == [] and actions["2.2"].timeline == []


def test_unreadable_files_and_strangers_are_refused(client, django_user_model, document):
    client.force_login(editor(django_user_model, "frankie", "en"))
    assert client.get(reverse("strategy_tracker_csv", args=[document.pk])).status_code == 403
    assert client.get(reverse("strategy_tracker_import", args=[document.pk])).status_code == 403
    index = StrategyIndexPage.objects.get(locale__language_code="fr")
    client.force_login(editor(django_user_model, "gael", "en", "change_page", page=index))
    response = upload(client, document, "nom;valeur\nx;y\n")
    assert response.status_code == 400
    assert "The first line must name the columns" in response.content.decode()
    url = reverse("strategy_tracker_import", args=[document.pk])
    response = client.post(url, {"file": SimpleUploadedFile("x.csv", "é".encode("latin-1"))})
    assert response.status_code == 400 and "not UTF-8" in response.content.decode()
