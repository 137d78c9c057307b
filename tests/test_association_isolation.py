"""An association account reads nothing of another organisation's drafts, wherever it looks in
the admin (MOD-02): lists, searches, choosers, the admin API, reports and the draft's own URLs."""

import pytest

from django.test import Client
from django.urls import reverse

from events.models import Submission
from tests.test_contribution_accounts import draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache", "search_index")]

THEIRS = "Lecture secrète Merveilles"
OURS = "Atelier Parasites soudure"
PROPOSED = "Brocante proposée au public"


@pytest.fixture
def drafts(client, moderated, django_capture_on_commit_callbacks):
    alice = moderated.association("alice", moderated.parasites)
    chloe = moderated.association("chloe", moderated.mots)
    ours = draft(moderated, OURS, moderated.parasites, alice)
    theirs = draft(moderated, THEIRS, moderated.mots, chloe)
    with django_capture_on_commit_callbacks(execute=True):
        moderated.propose(client, title=PROPOSED, organiser="", organiser_name="Comité des fêtes")
    proposed = Submission.objects.get().event
    signed_in = Client()
    signed_in.force_login(alice)
    return signed_in, ours, theirs, proposed


def lists(agenda, ours):
    """Every admin URL that lists or searches pages, with a query matching all three drafts."""
    api = "/admin/api/main/pages/"
    return [
        reverse("wagtailadmin_pages:search") + "?q=Lecture",
        reverse("wagtailadmin_pages:search") + "?q=Brocante",
        reverse("wagtailadmin_pages:search_results") + "?q=Lecture",
        reverse("wagtailadmin_pages:search_results") + "?q=Brocante",
        reverse("wagtailadmin_explore", args=[agenda.pk]),
        reverse("wagtailadmin_explore", args=[agenda.pk]) + "?q=Lecture",
        reverse("wagtailadmin_explore_results", args=[agenda.pk]) + "?q=Brocante",
        reverse("wagtailadmin_choose_page_child", args=[agenda.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=Lecture",
        reverse("wagtailadmin_choose_page_search") + "?q=Brocante",
        api + "?search=Lecture",
        api + "?search=Brocante",
        api + f"?child_of={agenda.pk}&for_explorer=1",
        api + f"?child_of={agenda.pk}",
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_home"),
    ]


def test_other_drafts_are_in_no_admin_list(moderated, drafts):
    alice, ours, theirs, proposed = drafts
    agenda = moderated.agenda
    for url in lists(agenda, ours):
        response = alice.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert THEIRS not in body and PROPOSED not in body, url
    # Their own association's draft is found where it is looked for.
    assert OURS in alice.get(reverse("wagtailadmin_pages:search") + "?q=Atelier").content.decode()
    assert OURS in alice.get(reverse("wagtailadmin_explore", args=[agenda.pk])).content.decode()
    listed = alice.get(f"/admin/api/main/pages/?child_of={agenda.pk}").json()
    assert [item["id"] for item in listed["items"]] == [ours.pk]


def test_the_explorer_counts_only_what_they_may_see(moderated, drafts):
    alice, _ours, _theirs, _proposed = drafts
    home = moderated.agenda.get_parent()
    listed = alice.get(f"/admin/api/main/pages/?child_of={home.pk}&for_explorer=1").json()
    [agenda] = [item for item in listed["items"] if item["id"] == moderated.agenda.pk]
    assert agenda["meta"]["children"]["count"] == 1
    detail = alice.get(f"/admin/api/main/pages/{moderated.agenda.pk}/").json()
    assert detail["meta"]["children"]["count"] == 1


@pytest.mark.parametrize(
    "name",
    [
        "edit",
        "view_draft",
        "preview_on_edit",
        "history",
        "revisions_index",
        "workflow_history",
        "usage",
        "delete",
        "copy",
        "move",
    ],
)
def test_another_associations_draft_cannot_be_opened(moderated, drafts, name):
    alice, _ours, theirs, proposed = drafts
    for page in (theirs, proposed):
        response = alice.get(reverse(f"wagtailadmin_pages:{name}", args=[page.pk]))
        assert response.status_code in (302, 403, 404, 405), (name, response.status_code)
        if response.status_code == 302:
            # Wagtail's "permission denied" redirect (the old revisions URL leads to the history, denied too).
            history = reverse("wagtailadmin_pages:history", args=[page.pk])
            assert response["Location"] == "/admin/" or (name == "revisions_index" and response["Location"] == history)
        assert THEIRS not in response.content.decode() and PROPOSED not in response.content.decode()
    for page in (theirs, proposed):
        assert not_found(alice.get(f"/admin/api/main/pages/{page.pk}/"))


def not_found(response):
    """A 404, which Django's LocaleMiddleware turns into a redirect to the same path in French
    (the site's catch-all page route makes any path look valid there)."""
    return response.status_code == 404 or (
        response.status_code == 302 and response["Location"].startswith("/fr/admin/")
    )


def test_revisions_of_another_associations_draft_cannot_be_read(moderated, drafts):
    alice, _ours, theirs, _proposed = drafts
    revision = theirs.latest_revision
    for url in (
        reverse("wagtailadmin_pages:revisions_view", args=[theirs.pk, revision.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[theirs.pk, "live", revision.pk]),
        reverse("wagtailadmin_pages:revisions_revert", args=[theirs.pk, revision.pk]),
    ):
        response = alice.get(url)
        assert response.status_code in (302, 403, 404), url
        assert THEIRS not in response.content.decode()


def test_moderators_still_see_every_draft(moderated, drafts):
    staff = Client()
    staff.force_login(moderated.moderator())
    found = staff.get(reverse("wagtailadmin_pages:search") + "?q=Lecture").content.decode()
    assert THEIRS in found
    listed = staff.get(f"/admin/api/main/pages/?child_of={moderated.agenda.pk}").json()
    assert listed["meta"]["total_count"] == 3
    assert staff.get(f"/admin/api/main/pages/{drafts[3].pk}/").json()["title"] == PROPOSED
