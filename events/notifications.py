"""E-mails to the people who propose events, in the language they used, and the decisions that
trigger them. Moderators are notified by Wagtail itself (the workflow's group approval step).

- received: the reference of the proposal;
- approved: the link to the published event (the page was published, by the workflow or by a
  moderator's "Publish");
- changes requested / refused: the moderator's comment.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation

from wagtail.signals import page_published, task_rejected, task_submitted

from .models import EventPage, Submission

OPEN_STATES = [Submission.State.PENDING, Submission.State.CHANGES_REQUESTED]


def _send(submission, name, **context):
    if not submission.contact_email:
        return
    context.update({"submission": submission})
    with translation.override(submission.language):
        subject = " ".join(render_to_string(f"events/email/{name}_subject.txt", context).split())
        body = render_to_string(f"events/email/{name}.txt", context)
    EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [submission.contact_email], reply_to=_reply_to(submission)
    ).send()


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
    return page.get_full_url()


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
        transaction.on_commit(
            lambda submission=submission: _send(submission, "approved", url=_event_url(instance, submission.language))
        )


@receiver(task_rejected)
def changes_requested(sender, instance, **kwargs):
    """A moderator chose "Request changes". ("Refuse" records its own decision first, so the
    submission is no longer open here.)"""
    submission = _submission_of(instance.workflow_state)
    if submission is None:
        return
    comment = instance.comment or ""
    _decide(submission, Submission.State.CHANGES_REQUESTED, comment)
    transaction.on_commit(lambda: _send(submission, "changes_requested", comment=comment))


@receiver(task_submitted)
def resubmitted(sender, instance, **kwargs):
    """The draft was corrected and goes back to the moderators."""
    Submission.objects.filter(
        event_id=instance.workflow_state.object_id, state=Submission.State.CHANGES_REQUESTED
    ).update(state=Submission.State.PENDING)


@transaction.atomic
def refuse(task_state, user, comment):
    """The "Refuse" action of the moderation step: the proposal is closed and the contributor
    told why. The draft stays (moderators can still read it) until the purge."""
    submission = _submission_of(task_state.workflow_state)
    if submission is not None:
        _decide(submission, Submission.State.REJECTED, comment)
        transaction.on_commit(lambda: _send(submission, "refused", comment=comment))
    task_state.reject(user=user, comment=comment)
    task_state.workflow_state.refresh_from_db()
    task_state.workflow_state.cancel(user=user)
