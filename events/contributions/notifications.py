"""E-mails to the people who propose events, in the language they used, and the decisions that
trigger them. Moderators are notified by Wagtail's own messages (the workflow's group approval
step), which this module has sent by the task worker too.

- received: the reference of the proposal;
- approved: the link to the published event (the page was published, by the workflow or by a
  moderator's "Publish");
- changes requested / refused: the moderator's comment.

None of them is sent during the request: each is queued when the transaction commits and sent by
the task worker, tried again when the mail server fails (``tasks``).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation

from wagtail.signals import (
    page_published,
    task_rejected,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from events.models import EventPage
from home.public_urls import absolute_page_url

from .models import Submission
from .signals import proposal_refused
from .tasks import enqueue_email, message_builder

OPEN_STATES = [Submission.State.PENDING, Submission.State.CHANGES_REQUESTED]


def _send(submission, name, **context):
    """Queue the e-mail ``name`` (templates/events/email/) to the contributor of ``submission``;
    ``context``: plain values the template needs besides the submission."""
    enqueue_email("contributor", submission=submission.pk, template=name, context=context)


@message_builder("contributor")
def contributor_message(params):
    submission = Submission.objects.filter(pk=params["submission"]).select_related("event").first()
    if submission is None or not submission.contact_email:
        return None  # deleted, or its personal data already erased
    name = params["template"]
    context = {**params.get("context", {}), "submission": submission}
    with translation.override(submission.language):
        if name == "approved":
            if submission.event is None:
                return None
            context["url"] = _event_url(submission.event, submission.language)
        subject = " ".join(render_to_string(f"events/email/{name}_subject.txt", context).split())
        body = render_to_string(f"events/email/{name}.txt", context)
    return EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [submission.contact_email], reply_to=_reply_to(submission)
    )


def _reply_to(submission):
    """Replies go to the territory's contact address, where the communication officer reads them."""
    from home.models import TerritorySettings

    site = submission.event.get_site() if submission.event_id else None
    email = TerritorySettings.for_site(site).email if site else ""
    return [email] if email else None


def notify_received(submission):
    _send(submission, "received")


def _event_url(event, language):
    translated = event.get_translation_or_none(translation_locale(language))
    page = translated if translated is not None and translated.live else event
    return absolute_page_url(page.specific)


def translation_locale(language):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=language).first()


def _decide(submission, state, comment=""):
    submission.state = state
    submission.decided_at = timezone.now()
    submission.decision_comment = comment
    submission.save(update_fields=["state", "decided_at", "decision_comment"])


def _submission_of(workflow_state):
    return Submission.objects.filter(event_id=workflow_state.object_id, state__in=OPEN_STATES).first()


@receiver(page_published)
def event_published(sender, instance, **kwargs):
    if not isinstance(instance, EventPage):
        return
    for submission in Submission.objects.filter(event_id=instance.pk, state__in=OPEN_STATES):
        _decide(submission, Submission.State.APPROVED)
        _send(submission, "approved")


@receiver(task_rejected)
def changes_requested(sender, instance, **kwargs):
    """A moderator chose "Request changes". ("Refuse" records its own decision first, so the
    submission is no longer open here.)"""
    submission = _submission_of(instance.workflow_state)
    if submission is None:
        return
    comment = instance.comment or ""
    _decide(submission, Submission.State.CHANGES_REQUESTED, comment)
    _send(submission, "changes_requested", comment=comment)


@receiver(task_submitted)
def resubmitted(sender, instance, **kwargs):
    """The draft was corrected and goes back to the moderators."""
    Submission.objects.filter(
        event_id=instance.workflow_state.object_id, state=Submission.State.CHANGES_REQUESTED
    ).update(state=Submission.State.PENDING)


@receiver(proposal_refused)
def refused(sender, task_state, comment, **kwargs):
    """A moderator chose "Refuse" (``ModerationTask.refuse``, before it rejects the task): the
    proposal is closed and the contributor told why."""
    submission = _submission_of(task_state.workflow_state)
    if submission is not None:
        _decide(submission, Submission.State.REJECTED, comment)
        _send(submission, "refused", comment=comment)


# -- Wagtail's moderation notifications, through the same queue ---------------------------------
#
# Wagtail sends them from its signal receivers, inside the request and the transaction that
# submits the page (for a proposal: the visitor's), and drops them when the server fails. The
# same receivers are replaced, under Wagtail's own dispatch_uid, by ones that queue one e-mail
# per recipient; the message is still Wagtail's, rendered by its notifier in the worker.


class QueuedNotifier:
    """A signal receiver that queues Wagtail's notification ``name`` for each of its recipients."""

    def __init__(self, name, notifier):
        self.name = name
        self.notifier = notifier

    def __call__(self, sender, instance, user=None, **kwargs):
        if not self.notifier.can_handle(instance, user=user):
            return
        for recipient in self.notifier.get_valid_recipients(instance, user=user):
            enqueue_email(
                "wagtail",
                notification=self.name,
                instance=instance.pk,
                recipient=recipient.pk,
                user=user.pk if user is not None else None,
            )


def _wagtail_notifiers():
    """name -> (signal, sender, Wagtail's dispatch_uid, Wagtail's notifier)."""
    from wagtail.admin import signal_handlers as wagtail
    from wagtail.models import TaskState, WorkflowState

    return {
        "task_submitted": (
            task_submitted,
            TaskState,
            "group_approval_task_submitted_email_notification",
            wagtail.task_submission_email_notifier,
        ),
        "workflow_submitted": (
            workflow_submitted,
            WorkflowState,
            "workflow_state_submitted_email_notification",
            wagtail.workflow_submission_email_notifier,
        ),
        "workflow_rejected": (
            workflow_rejected,
            WorkflowState,
            "workflow_state_rejected_email_notification",
            wagtail.workflow_rejection_email_notifier,
        ),
        "workflow_approved": (
            workflow_approved,
            WorkflowState,
            "workflow_state_approved_email_notification",
            wagtail.workflow_approval_email_notifier,
        ),
    }


QUEUED_NOTIFIERS = {}


def queue_wagtail_notifications():
    """Replace Wagtail's notification receivers by queued ones (called from the app's ready()).

    Whichever app is ready first: Wagtail's receiver is disconnected if already there, and once
    ours holds its dispatch_uid, Wagtail's own connect() is a no-op."""
    for name, (signal, sender, dispatch_uid, notifier) in _wagtail_notifiers().items():
        QUEUED_NOTIFIERS[name] = QueuedNotifier(name, notifier)
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(QUEUED_NOTIFIERS[name], sender=sender, dispatch_uid=dispatch_uid)


@message_builder("wagtail")
def wagtail_message(params):
    from wagtail.users.models import UserProfile

    notifier = QUEUED_NOTIFIERS[params["notification"]].notifier
    users = get_user_model().objects
    instance = notifier.valid_classes[0].objects.filter(pk=params["instance"]).first()
    recipient = users.filter(pk=params["recipient"], is_active=True).exclude(email="").first()
    if instance is None or recipient is None:
        return None
    instance = getattr(instance, "specific", instance)
    user = users.filter(pk=params["user"]).first() if params.get("user") else None
    templates = notifier.get_template_set(instance, user=user)
    context = {**notifier.get_context(instance, user=user), "user": recipient}
    with translation.override(UserProfile.get_for_user(recipient).get_preferred_language()):
        subject = " ".join(render_to_string(templates["subject"], context).split())
        body = render_to_string(templates["text"], context).strip()
        html = render_to_string(templates["html"], context) if settings.WAGTAILADMIN_NOTIFICATION_USE_HTML else ""
    message = EmailMultiAlternatives(
        subject,
        body,
        settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL,
        [recipient.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


# -- imported calendars -------------------------------------------------------------------------


def notify_calendar_problem(feed):
    """Tell the organisation its calendar could not be read (once per new problem: ingest)."""
    enqueue_email("calendar_problem", feed=feed.pk)


@message_builder("calendar_problem")
def calendar_problem_message(params):
    from .models import CalendarFeed

    feed = CalendarFeed.objects.filter(pk=params["feed"]).select_related("organisation", "agenda").first()
    if feed is None or feed.last_status != CalendarFeed.Status.ERROR:
        return None  # deleted, or readable again since
    organisation = feed.organisation
    members = organisation.members.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    recipients = sorted({address for address in [organisation.email, *members] if address})
    if not recipients:
        return None
    with translation.override(feed.agenda.locale.language_code):
        context = {"feed": feed}
        subject = " ".join(render_to_string("events/email/calendar_problem_subject.txt", context).split())
        body = render_to_string("events/email/calendar_problem.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
