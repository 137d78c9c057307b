"""Events proposed by the public, and the moderation step they go through.

A proposal from the public form becomes a **draft** event under the agenda (nothing is public)
and a ``Submission``: who sent it (kept for moderators only, purged after the decision), when,
and where it stands. The draft is submitted to the agenda's workflow, whose single step is a
``ModerationTask``: members of the "Modérateurs" group approve it (it is published), ask for
changes or refuse it, with a comment that is e-mailed to the contributor.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, Revision

from .signals import proposal_refused


class Submission(models.Model):
    """An event proposed through the public form: the contributor's details and the decision.

    The contributor's name, e-mail address, hashed IP address and browser are seen only by
    moderators and are erased ``HUB_SUBMISSION_RETENTION_DAYS`` after the decision
    (``manage.py purge_submissions``)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        CHANGES_REQUESTED = "changes", _("Changes requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Refused")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    # The signed token of the form that was sent: the same form posted twice (a double click,
    # a resent request) is stored once.
    form_token = models.CharField(max_length=200, unique=True, editable=False)
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    title = models.CharField(_("title"), max_length=255)
    # Duplicate detection: normalised title, start and commune of a pending proposal.
    duplicate_key = models.CharField(max_length=64, db_index=True, editable=False)
    language = models.CharField(_("language of the form"), max_length=8, choices=settings.LANGUAGES)
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    organiser_name = models.CharField(_("organiser given"), max_length=200, blank=True)
    ip_hash = models.CharField(_("hashed IP address"), max_length=64, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("moderator's comment"), blank=True)
    purged_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("event submission")
        verbose_name_plural = _("event submissions")
        indexes = [models.Index(fields=["state", "decided_at"])]

    def __str__(self):
        return f"{self.reference} — {self.title}"


class ModerationTask(AbstractGroupApprovalTask):
    """Approval by a group of moderators, who may also refuse a proposal outright.

    "Approve" publishes the event, including the corrections the moderator made in the same
    editor; "Request changes" sends the moderator's comment to the contributor and keeps the
    draft for a moderator to correct; "Refuse" sends the reason and closes the proposal."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions.insert(1, ("refuse", _("Refuse"), True))
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "refuse":
            self.refuse(task_state, user, kwargs.get("comment", ""))
            return
        if action_name == "approve":
            self._approve_own_corrections(task_state, user)
        super().on_action(task_state, user, action_name, **kwargs)

    @staticmethod
    @transaction.atomic
    def refuse(task_state, user, comment):
        """The "Refuse" action: the proposal is closed and the contributor told why (by the
        receivers of ``proposal_refused``), then the task is rejected and the workflow cancelled.
        The draft stays (moderators can still read it) until the purge."""
        proposal_refused.send(sender=ModerationTask, task_state=task_state, user=user, comment=comment)
        task_state.reject(user=user, comment=comment)
        task_state.workflow_state.refresh_from_db()
        task_state.workflow_state.cancel(user=user)

    @staticmethod
    def _approve_own_corrections(task_state, user):
        """Move the approval onto the revisions the approving moderator saved after the task began.

        "Approve" in the page editor first saves the form as a new revision (Wagtail counts any
        difference as an edit, even rich text that only gains Draftail's block keys), then approves
        the task, which was started on the older revision. With
        ``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` the workflow then sees no approval for the
        latest revision and starts the same task again: the moderator approves forever. A
        moderator's own corrections need no second look from the moderators, so the approval is
        recorded on them; anyone else's later edit still restarts the review (MOD-03)."""
        state = task_state.workflow_state
        later = Revision.objects.filter(
            base_content_type_id=state.base_content_type_id, object_id=state.object_id, pk__gt=task_state.revision_id
        )
        latest = later.order_by("-created_at", "-pk").first()
        if latest is None or later.exclude(user=user).exists():
            return
        task_state.revision = latest
        task_state.save(update_fields=["revision"])

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, correct or refuse proposed events")

    class Meta:
        verbose_name = _("event moderation")
        verbose_name_plural = _("event moderations")


def validate_calendar_url(value):
    """An http(s) address (a ``webcal://`` one is read as https), checked like any URL field."""
    from .fetch import check_url

    check_url(value)


class CalendarFeed(models.Model):
    """The address of a calendar an association already keeps (Nextcloud, Google, Framagenda, an
    OpenAgenda export…), whose events are copied into the agenda.

    ``manage.py ingest_calendars`` (cron) reads every active calendar; its new and changed events
    go to the moderators like proposals, or are published at once when a moderator has marked the
    calendar trusted. An event removed from the calendar is cancelled, never deleted. The last
    run's report is kept here, for the association's members and the moderators."""

    class Status(models.TextChoices):
        NEVER = "never", _("Not read yet")
        OK = "ok", _("Read")
        UNCHANGED = "unchanged", _("Unchanged since the last reading")
        WARNINGS = "warnings", _("Read, with events left out")
        ERROR = "error", _("Could not be read")

    organisation = models.ForeignKey(
        "home.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        help_text=_("The events are published under this organisation's name."),
    )
    agenda = models.ForeignKey(
        "events.EventIndexPage",
        verbose_name=_("agenda"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        help_text=_("The territory's agenda the events are copied into."),
    )
    url = models.CharField(
        _("address of the calendar (iCal)"),
        max_length=500,
        validators=[validate_calendar_url],
        help_text=_(
            "The public iCal (.ics) address of the calendar: Nextcloud, Google Calendar (secret address in "
            "iCal format), Framagenda, an OpenAgenda export… A webcal:// address works too."
        ),
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Unticked: the calendar is not read."))
    trusted = models.BooleanField(
        _("trusted"),
        default=False,
        help_text=_("Set by a moderator: the events of this calendar are published without waiting for moderation."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    # The last reading: the validators for a conditional GET, and its report.
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_checked_at = models.DateTimeField(_("last read at"), null=True, blank=True, editable=False)
    last_status = models.CharField(
        _("last reading"), max_length=10, choices=Status.choices, default=Status.NEVER, editable=False
    )
    report = models.JSONField(_("report of the last reading"), default=dict, blank=True, editable=False)
    # Set while a reading runs, so that the cron job and a queued task never read one calendar twice
    # at the same time.
    running_since = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["organisation__name", "pk"]
        verbose_name = _("imported calendar")
        verbose_name_plural = _("imported calendars")

    def __str__(self):
        return f"{self.organisation} — {self.url}"


class ImportedEvent(models.Model):
    """One event of an imported calendar (one UID, or one date of a series the agenda cannot
    repeat the same way) and the page it became: how updates and removals find their page."""

    feed = models.ForeignKey(CalendarFeed, on_delete=models.CASCADE, related_name="imported_events")
    key = models.CharField(max_length=64)  # sha256 of UID and RECURRENCE-ID
    uid = models.CharField(max_length=500)
    recurrence_id = models.CharField(max_length=40, blank=True)
    event = models.ForeignKey(
        "events.EventPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="imported_from"
    )
    fingerprint = models.CharField(max_length=64)  # of what was copied: unchanged means nothing to do
    sequence = models.IntegerField(default=0)
    source_modified = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["feed", "key"], name="unique_imported_event_per_feed")]

    def __str__(self):
        return self.uid
