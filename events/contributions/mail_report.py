"""Reports › E-mails not sent: for administrators, the e-mails the mail server did not accept.

Each e-mail of the site is a task of the worker (``tasks``). This report lists the ones
given up after their last attempt (or failing for another reason, which is not retried) and the
ones waiting to be tried again, with the recipient, the subject and the mail server's last error,
so that an administrator can fix the mail settings and tell the people concerned.
"""

from django_tasks_db.models import DBTaskResult

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from .tasks import MailNotSent, MailRetryScheduled, build_message, send_email

TASK_PATH = send_email.module_path
RETRY_SCHEDULED = f"{MailRetryScheduled.__module__}.{MailRetryScheduled.__qualname__}"
NOT_SENT = f"{MailNotSent.__module__}.{MailNotSent.__qualname__}"


def unsent_mail_results():
    """The worker's records of e-mails not sent: failed for good, or waiting for another try."""
    return DBTaskResult.objects.filter(task_path=TASK_PATH).filter(
        Q(status="FAILED") & ~Q(exception_class_path=RETRY_SCHEDULED)
        | Q(status="READY", args_kwargs__kwargs__attempt__gt=1)
    )


class UnsentMail:
    """One row of the report, read from the task's record."""

    def __init__(self, result):
        kwargs = result.args_kwargs["kwargs"]
        attempt = kwargs.get("attempt", 1)
        self.waiting = result.status == "READY"
        if self.waiting:
            self.attempts = attempt - 1
            self.last_attempt_at = result.enqueued_at  # queued again when the last attempt failed
            self.error = kwargs.get("last_error", "")
            self.state = _("Next attempt at %(time)s") % {
                "time": date_format(timezone.localtime(result.run_after), "SHORT_DATETIME_FORMAT")
            }
        else:
            self.attempts = attempt
            self.last_attempt_at = result.finished_at
            self.error = _last_line(result.traceback)
            self.state = _("Given up")
        self.kind = kwargs.get("kind", "")
        self.params = kwargs.get("params", {})

    @cached_property
    def message(self):
        try:
            return build_message(self.kind, self.params)
        except Exception:  # noqa: BLE001 (the report still shows the error)
            return None

    @property
    def recipient(self):
        return ", ".join(self.message.to) if self.message is not None else "—"

    @property
    def subject(self):
        return self.message.subject if self.message is not None else "—"


def _last_line(traceback):
    lines = [line for line in traceback.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    # "events.contributions.tasks.MailNotSent: SMTPServerDisconnected: …": the class path says
    # nothing more.
    last = lines[-1]
    return last.split(": ", 1)[1] if last.startswith(f"{NOT_SENT}: ") else last


class UnsentMailReport(ReportView):
    page_title = _("E-mails not sent")
    header_icon = "mail"
    index_url_name = "unsent_mail"
    index_results_url_name = "unsent_mail_results"
    columns = [
        Column("recipient", label=_("Recipient")),
        Column("subject", label=_("Subject")),
        Column("error", label=_("Last error")),
        Column("attempts", label=_("Attempts")),
        DateColumn("last_attempt_at", label=_("Last attempt")),
        Column("state", label=_("State")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return unsent_mail_results().order_by("-enqueued_at")

    def get_table(self, object_list):
        return super().get_table([UnsentMail(result) for result in object_list])


class UnsentMailMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser
