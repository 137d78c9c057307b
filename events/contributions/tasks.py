"""E-mails leave in the background, after the transaction that caused them, and are tried again.

Every e-mail of the site (to contributors, and Wagtail's moderation notifications) is a
``send_email`` task queued when the database transaction commits, run by the task worker
(``manage.py db_worker --backend mail``). The task is given a kind and ids, never addresses or
model instances: the message is built when it is sent, from what the database holds then (a
contributor whose details were purged gets nothing).

When the mail server refuses, fails or does not answer within ``EMAIL_TIMEOUT``, the attempt is
recorded as failed and the same e-mail is queued again ``HUB_MAIL_RETRY_SECONDS`` later, twice as
long each time, up to ``HUB_MAIL_MAX_ATTEMPTS`` attempts. Then it is recorded as not sent, and
listed for administrators under Reports › E-mails not sent (``mail_report``).
"""

import datetime as dt
import re
import smtplib

from django_tasks import task

from django.conf import settings
from django.db import transaction
from django.utils import timezone

# socket.timeout is TimeoutError, and a refused connection ConnectionRefusedError: both OSError.
MAIL_ERRORS = (smtplib.SMTPException, OSError)

# kind -> function(params) returning the EmailMessage to send, or None when there is nothing to
# send any more (registered with ``message_builder``; see notifications.py).
BUILDERS = {}


class MailRetryScheduled(Exception):
    """This attempt failed; the e-mail is queued again."""


class MailNotSent(Exception):
    """The last attempt failed: the e-mail is given up (and listed in the admin)."""


def message_builder(kind):
    def register(function):
        BUILDERS[kind] = function
        return function

    return register


def build_message(kind, params):
    return BUILDERS[kind](params)


def enqueue_email(kind, **params):
    """Queue an e-mail once the current transaction commits (at once outside one).

    ``params`` are ids and plain values (JSON). ``robust``: if the queue cannot be reached, the
    visitor's proposal, already committed, still gets its answer; the error is logged."""
    transaction.on_commit(lambda: send_email.enqueue(kind=kind, params=params), robust=True)


@task(backend="mail")
def send_email(kind, params, attempt=1, last_error=""):
    """Send one e-mail; on a mail server error, queue it again later (see the module)."""
    message = build_message(kind, params)
    if message is None:
        return "nothing to send"
    try:
        message.send()
    except MAIL_ERRORS as error:
        described = describe_error(error, message.recipients())
        _try_again_or_give_up(kind, params, attempt, described)
    return "sent"


def _try_again_or_give_up(kind, params, attempt, described):
    max_attempts = settings.HUB_MAIL_MAX_ATTEMPTS
    # A backend that cannot run a task later (the immediate backend, in tests) cannot retry.
    if attempt >= max_attempts or not send_email.get_backend().supports_defer:
        raise MailNotSent(f"{described} (attempt {attempt} of {max_attempts}, given up)") from None
    run_after = timezone.now() + dt.timedelta(seconds=retry_delay(attempt))
    send_email.using(run_after=run_after).enqueue(kind=kind, params=params, attempt=attempt + 1, last_error=described)
    # Raised so that this attempt is recorded as failed, with its error; ``from None``: the
    # server's own message may quote the recipient's address, which stays out of the log.
    raise MailRetryScheduled(
        f"{described} (attempt {attempt} of {max_attempts}, next at {run_after:%Y-%m-%d %H:%M:%S} UTC)"
    ) from None


def retry_delay(attempt):
    """Seconds before attempt ``attempt + 1``: HUB_MAIL_RETRY_SECONDS, doubled at every failure."""
    return settings.HUB_MAIL_RETRY_SECONDS * 2 ** (attempt - 1)


def describe_error(error, recipients=()):
    """The error in one line, for the administrators' report, without the recipients' addresses."""
    text = f"{type(error).__name__}: {error}".replace("\n", " ")
    for address in recipients:
        text = re.sub(re.escape(address), "<recipient>", text, flags=re.IGNORECASE)
    return text[:500]
