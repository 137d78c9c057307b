"""Recording a status change from an action's page in the admin, in two clicks (issue 18, item 7),
posted as the admin's forms post it, by logged-in editors."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import GroupPagePermission, Locale
from wagtail.users.models import UserProfile

from home.models import ActionPage, StrategyIndexPage
from tests import strategy_data
from tests.admin_forms import form_data
from tests.test_strategy import strategy_loader

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(site):
    document = strategy_loader(site).load_document(strategy_data.document(bilingual=True))
    return ActionPage.objects.descendant_of(document).get(code="1.2")


def editor(django_user_model, name, language, *codenames, page=None):
    user = django_user_model.objects.create_user(username=name, password="x")  # noqa: S106
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    if codenames:
        group = Group.objects.create(name=f"Strategy {name}")
        for codename in codenames:
            permission = Permission.objects.get(codename=codename)
            GroupPagePermission.objects.create(group=group, page=page, permission=permission)
        user.groups.add(group)
    return user


def status_button(client, action, label):
    """Click 1: the button of ``label`` on the action's edit view."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[action.pk])).content.decode()
    links = BeautifulSoup(html, "html.parser").select(".help-block a.button")
    return next(link["href"] for link in links if link.text.strip() == label)


def test_two_clicks_record_and_publish_a_status_change_in_both_languages(client, action, django_user_model):
    index = StrategyIndexPage.objects.get(locale__language_code="fr")
    client.force_login(editor(django_user_model, "camille", "en", "change_page", "publish_page", page=index))
    assert action.status != "done"
    url = status_button(client, action, "Done")
    form = client.get(url)
    assert form.status_code == 200
    data = form_data(form.content.decode())
    assert data["status"] == ["done"] and data["date"][0]  # chosen by the button, dated today
    data["comment"] = ["Ouvert au public."]
    data["progress"] = ["100"]
    response = client.post(url.split("?")[0], data)  # click 2
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[action.pk])
    action.refresh_from_db()
    assert action.status == "done" and action.live and not action.has_unpublished_changes
    assert [(entry.status, entry.progress, entry.comment) for entry in action.timeline] == [
        ("done", 100, "Ouvert au public.")
    ]
    english = action.get_translation(Locale.objects.get(language_code="en"))
    assert english.status == "done"
    assert [entry.comment for entry in english.timeline] == ["Ouvert au public."]  # until translated
    html = client.get(english.url).content.decode()
    assert "Status history" in html and "Progress: 100%" in html


def test_bad_input_comes_back_in_the_editor_language_with_nothing_lost(client, action, django_user_model):
    index = StrategyIndexPage.objects.get(locale__language_code="fr")
    client.force_login(editor(django_user_model, "dominique", "fr", "change_page", "publish_page", page=index))
    url = reverse("strategy_status_change", args=[action.pk])
    data = form_data(client.get(url + "?status=in_progress").content.decode())
    data.update({"progress": ["150"], "comment": ["Travaux engagés à Bavay."], "date": ["2999-01-01"]})
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Assurez-vous que cette valeur est inférieure ou égale à 100." in html
    assert "sa date ne peut pas être dans le futur" in html
    assert "Travaux engagés à Bavay." in html
    action.refresh_from_db()
    assert list(action.status_entries.all()) == []


def test_without_publish_permission_the_change_waits_in_a_draft(client, action, django_user_model):
    index = StrategyIndexPage.objects.get(locale__language_code="fr")
    client.force_login(editor(django_user_model, "eden", "en", "change_page", page=index))
    status = action.status
    url = status_button(client, action, "Abandoned")
    response = client.post(url.split("?")[0], form_data(client.get(url).content.decode()))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == status and action.has_unpublished_changes
    draft = action.get_latest_revision_as_object()
    assert draft.status == "abandoned"


def test_editors_without_rights_on_the_page_are_refused(client, action, django_user_model):
    client.force_login(editor(django_user_model, "frankie", "en"))
    url = reverse("strategy_status_change", args=[action.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"status": "done", "date": "2024-01-01", "date_precision": "day"}).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
