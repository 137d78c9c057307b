"""The moderators' side of contributions in Wagtail's admin: a dashboard panel of the proposals
waiting, a read-only list of submissions (contributors' details, moderators only) whose page is
the moderator's desk for one proposal, and the explorer hiding other associations' drafts from
association accounts."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import InspectView
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
                "desk_url": SUBMISSIONS.get_url_name("inspect"),
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


class SubmissionDeskView(InspectView):
    """One proposal on one page, for the moderator who decides on it: who sent it and when (in
    Paris time), the text as it was sent, the links to preview and edit the event, and the
    decisions of the current moderation step (approve, request changes, refuse), each with the
    comment e-mailed to the contributor."""

    template_name = "events/admin/submission_desk.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.object
        event = submission.event.specific if submission.event_id else None
        context.update({"submission": submission, "event": event, "original": None, "actions": []})
        if event is None:
            return context
        first = event.revisions.order_by("created_at", "pk").first()
        context["original"] = first.as_object() if first else event
        context["preview_url"] = reverse("wagtailadmin_pages:view_draft", args=[event.pk])
        if event.permissions_for_user(self.request.user).can_edit():
            context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[event.pk])
        task_state = event.current_workflow_task_state
        if task_state is not None:
            task = task_state.task.specific
            actions = {}
            for name, label, with_comment in task.get_actions(event, self.request.user):
                # Wagtail offers "Approve" twice (with and without a comment): one form here.
                action = actions.setdefault(name, {"name": name, "label": label, "comment": False})
                action["comment"] = action["comment"] or with_comment
                action["url"] = reverse("wagtailadmin_pages:workflow_action", args=[event.pk, name, task_state.pk])
                # The contributor is told why: no refusal or request for changes without a reason.
                action["comment_required"] = name in ("reject", "refuse")
            context["actions"] = list(actions.values())
        return context


class SubmissionViewSet(ModelViewSet):
    """Every proposal with its contributor and decision, for moderators only (read only: the
    event itself is edited as a page, and decisions are taken in the workflow)."""

    model = Submission
    icon = "form"
    menu_label = _("Proposed events")
    add_to_admin_menu = True
    menu_order = 345
    inspect_view_enabled = True
    inspect_view_class = SubmissionDeskView
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
