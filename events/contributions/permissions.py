"""What an association account may do with one event, and what it may see of the others.

Wagtail's "add" permission lets a user edit and delete the pages they created. Association
volunteers share their association's events instead: any member edits any event whose organiser
is their association, and no one else's, even one they created before it was handed over.

What another association (or the public) has not published yet is not theirs to read either:
``hidden_drafts()`` names those pages, and every admin view that lists or opens pages leaves
them out (MOD-02).
"""

from django.db.models import Q

from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from .moderation import belongs_to_association, is_association_account, organisation_keys, organisations_of


def hidden_drafts(user):
    """The events an association account may not see in the admin, or ``None`` for everyone else.

    Those are the events of other organisations (or proposed by the public, or written by the
    communication officer) that are not published, or whose published version has changes not
    yet published: the draft's title and text are not public. An event with no organiser yet is
    visible to the member who created it."""
    if not is_association_account(user):
        return None
    from events.models import EventPage

    unpublished = EventPage.objects.filter(Q(live=False) | Q(has_unpublished_changes=True))
    theirs = Q(organiser__translation_key__in=organisation_keys(user)) | Q(organiser__isnull=True, owner=user)
    return unpublished.exclude(theirs)


def without_hidden_drafts(pages, user):
    """``pages`` (any page queryset) without the drafts ``user`` may not see."""
    hidden = hidden_drafts(user)
    if hidden is None:
        return pages
    return pages.exclude(pk__in=hidden.values("pk"))


def limit_admin_page_lists():
    """Leave other associations' drafts out of every page list Wagtail's admin builds.

    The admin search and its results, the explorer and its search, the admin API behind the
    explorer menu (listing, ``search``, ``child_of``, page detail, children counts) and the site
    history all start from ``PagePermissionPolicy.explorable_instances``; the workflow reports
    start from ``instances_user_has_any_permission_for``. Wagtail offers hooks for the explorer
    and the page chooser only (both are used too, in ``wagtail_hooks``), so these two methods are
    narrowed once, here, at start-up."""
    if getattr(PagePermissionPolicy, "_hub_limited", False):
        return
    explorable = PagePermissionPolicy.explorable_instances
    with_permission = PagePermissionPolicy.instances_user_has_any_permission_for

    def explorable_instances(self, user):
        return without_hidden_drafts(explorable(self, user), user)

    def instances_user_has_any_permission_for(self, user, actions):
        return without_hidden_drafts(with_permission(self, user, actions), user)

    PagePermissionPolicy.explorable_instances = explorable_instances
    PagePermissionPolicy.instances_user_has_any_permission_for = instances_user_has_any_permission_for
    PagePermissionPolicy._hub_limited = True


def limit_organiser_to_association(form):
    """An association account writes its own association's events, so it names the organiser:
    the event form (an ``EventPageForm``) offers its association only, and requires it."""
    user = getattr(form, "for_user", None)
    if "organiser" not in form.fields or user is None or not is_association_account(user):
        return
    field = form.fields["organiser"]
    field.queryset = organisations_of(user, locale=form.instance.locale_id and form.instance.locale)
    field.required = True
    if not form.instance.organiser_id and field.queryset.count() == 1:
        form.initial["organiser"] = field.queryset.first().pk


class EventPermissionTester(PagePermissionTester):
    """Wagtail's page rules, plus two for events.

    - An association account edits and deletes its own association's events only (above).
    - **Only those who may publish an event decide on it**: while it waits for moderation (its
      workflow is in progress or needs changes) or while it is an unpublished proposal from the
      public form, it cannot be deleted without the "publish" permission. Wagtail's default
      "Editors" group (add and change on the whole tree, no publish) could otherwise delete every
      pending proposal; moderators and administrators decide, editors leave it alone."""

    def _limited_to_association(self):
        return (
            self.user.is_active
            and "change" not in getattr(self, "permissions", set())
            and is_association_account(self.user)
        )

    def _is_theirs(self):
        if not hasattr(self, "_theirs"):
            self._theirs = belongs_to_association(self.page, self.user)
        return self._theirs

    def can_edit(self):
        if self._limited_to_association():
            return "add" in self.permissions and self._is_theirs()
        return super().can_edit()

    def can_delete(self, ignore_bulk=False):
        if self._limited_to_association():
            # Their association's drafts only: what is public is withdrawn by a moderator.
            return "add" in self.permissions and self._is_theirs() and not self.page.live
        if self._awaits_decision() and not (self.user.is_superuser or "publish" in self.permissions):
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)

    def _awaits_decision(self):
        from wagtail.models import WorkflowState

        from .moderation import SYSTEM_USERNAME

        if not self.page.live and self.page.owner_id and self.page.owner.username == SYSTEM_USERNAME:
            return True
        return WorkflowState.objects.for_instance(self.page).active().exists()

    def can_lock(self):
        if self._limited_to_association():
            return False
        return super().can_lock()
