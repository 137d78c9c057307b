"""The moderators' side of contributions in Wagtail's admin: a dashboard panel of the proposals
waiting, a read-only list of submissions (contributors' details, moderators only), and the
explorer hiding other associations' drafts from association accounts."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Submission
from .permissions import without_hidden_drafts

PANEL_SIZE = 10


def can_see_contributors(user):
    return user.is_superuser or user.has_perm("events.view_submission")


class PendingSubmissionsPanel(Component):
    """Proposals from the public waiting for a decision, oldest first."""

    name = "pending_submissions"
    template_name = "events/admin/pending_submissions.html"
    order = 90  # above Wagtail's own panels: this is the moderators' first task

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        waiting = Submission.objects.filter(
            state__in=[Submission.State.PENDING, Submission.State.CHANGES_REQUESTED]
        ).select_related("event")
        context.update(
            {
                "submissions": list(waiting.order_by("submitted_at")[:PANEL_SIZE]),
                "total": waiting.count(),
                "list_url": SUBMISSIONS.get_url_name("index"),
            }
        )
        return context


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Submissions are listed and inspected, never added, edited or deleted in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and can_see_contributors(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(["view"]) if "view" in actions else self.model.objects.none()


class SubmissionViewSet(ModelViewSet):
    """Every proposal with its contributor and decision, for moderators only (read only: the
    event itself is edited as a page, and decisions are taken in the workflow)."""

    model = Submission
    icon = "form"
    menu_label = _("Proposed events")
    add_to_admin_menu = True
    menu_order = 345
    inspect_view_enabled = True
    list_display = ["reference", "title", "state", "submitted_at", "contact_name", "contact_email"]
    list_filter = ["state", "language"]
    search_fields = ["reference", "title", "contact_name", "contact_email"]
    inspect_view_fields = [
        "reference",
        "title",
        "event",
        "state",
        "submitted_at",
        "decided_at",
        "decision_comment",
        "language",
        "contact_name",
        "contact_email",
        "organiser_name",
        "ip_hash",
        "user_agent",
        "purged_at",
    ]
    copy_view_enabled = False
    form_fields = ["decision_comment"]  # never used: no add or edit permission

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)


SUBMISSIONS = SubmissionViewSet("submissions")


def hide_other_associations_drafts(parent_page, pages, request):
    """Association accounts see the live events and their own association's drafts only (the
    explorer and page chooser hooks; the rest of the admin: ``permissions.limit_admin_page_lists``)."""
    return without_hidden_drafts(pages, request.user)
