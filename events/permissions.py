"""What an association account may do with one event (the rest of Wagtail's rules unchanged).

Wagtail's "add" permission lets a user edit and delete the pages they created. Association
volunteers share their association's events instead: any member edits any event whose organiser
is their association, and no one else's, even one they created before it was handed over.
"""

from wagtail.models import PagePermissionTester

from .moderation import belongs_to_association, is_association_account


class EventPermissionTester(PagePermissionTester):
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
        return super().can_delete(ignore_bulk=ignore_bulk)

    def can_lock(self):
        if self._limited_to_association():
            return False
        return super().can_lock()
