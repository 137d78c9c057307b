"""Mail never loses a proposal nor stalls the site (issue 14): e-mails are tasks of the worker,
queued after the commit, tried again when the mail server fails, and listed for administrators
when given up. Real SMTP servers on the loopback; the database queue, as in production."""

import importlib
import io
import logging
import signal
import smtplib
import time

import pytest
from django_tasks_db.models import DBTaskResult

from django.apps import apps
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django.utils.module_loading import import_string

from events.contributions.mail_report import unsent_mail_results
from events.contributions.tasks import describe_error, retry_delay, send_email
from events.models import Submission
from tests.smtp_servers import Collecting, Failing, closed_port, silent_server, smtp_server
from tests.test_contributions import approve_url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fresh_cache")]

# A hang detector, not a benchmark: the request never waits for the mail server.
PROMPT = 5


@pytest.fixture
def queued(settings):
    """Tasks queued in the database, e-mails over SMTP to 127.0.0.1 with a 1 s timeout."""
    settings.TASKS = {**settings.TASKS, "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 1
    return settings


@pytest.fixture
def mailbox():
    handler = Collecting()
    with smtp_server(handler) as port:
        handler.port = port
        yield handler


def run_worker():
    """``manage.py db_worker --backend mail --batch``: run every task that is due, then stop."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    levels = {name: logging.getLogger(name).level for name in ("django_tasks", "django_tasks_db")}
    output = io.StringIO()
    try:
        call_command("db_worker", "--backend", "mail", "--batch", "--no-startup-delay", stdout=output, stderr=output)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    return output.getvalue()


def mail_results(**filters):
    return DBTaskResult.objects.filter(task_path=send_email.module_path, **filters)


def to_contributor(mailbox):
    return [body for recipients, body in mailbox.messages if recipients == ["camille@example.org"]]


def propose_promptly(client, moderated):
    started = time.monotonic()
    response = moderated.propose(client)
    elapsed = time.monotonic() - started
    assert response.status_code == 302, response.content.decode()[:2000]
    assert elapsed < PROMPT, f"the visitor waited {elapsed:.1f} s"
    submission = Submission.objects.get()  # stored, exactly once
    assert submission.reference in client.get(response["Location"]).content.decode()
    return submission


def make_due(results):
    """The retry's time has come."""
    results.update(run_after=timezone.now())


def test_with_no_worker_the_proposal_is_stored_and_its_mails_leave_when_a_worker_runs(
    client, moderated, queued, mailbox
):
    queued.EMAIL_PORT = mailbox.port
    moderated.moderator()
    submission = propose_promptly(client, moderated)
    assert mailbox.messages == []  # nothing was sent during the request
    assert mail_results(status="READY").count() >= 2  # the contributor's and the moderator's

    run_worker()

    [confirmation] = to_contributor(mailbox)
    assert submission.reference in confirmation
    # Wagtail's notification to the moderators went through the same queue.
    assert any(recipients == ["moderatrice@example.org"] for recipients, _body in mailbox.messages)
    assert not mail_results().exclude(status="SUCCESSFUL").exists()
    run_worker()
    assert len(to_contributor(mailbox)) == 1  # sent once


@pytest.mark.parametrize(
    "failing_server",
    [silent_server, closed_port, lambda: smtp_server(Failing())],
    ids=["silent", "refused", "421"],
)
def test_a_failing_mail_server_delays_the_mail_never_the_proposal(client, moderated, queued, mailbox, failing_server):
    with failing_server() as port:
        queued.EMAIL_PORT = port
        submission = propose_promptly(client, moderated)
        started = time.monotonic()
        run_worker()
        assert time.monotonic() - started < PROMPT + queued.EMAIL_TIMEOUT  # the timeout holds
    assert mailbox.messages == []

    [failed] = mail_results(status="FAILED")
    assert failed.exception_class_path == "events.contributions.tasks.MailRetryScheduled"
    assert "attempt 1 of 5" in failed.traceback
    [retry] = mail_results(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.args_kwargs["kwargs"]["params"] == {"submission": submission.pk, "template": "received", "context": {}}
    expected = timezone.now() + timezone.timedelta(seconds=300)
    assert abs((retry.run_after - expected).total_seconds()) < 60
    run_worker()
    assert mail_results(status="READY").count() == 1  # not before its time

    # The server is back: the same e-mail leaves at its next attempt.
    queued.EMAIL_PORT = mailbox.port
    make_due(mail_results(status="READY"))
    run_worker()
    [confirmation] = to_contributor(mailbox)
    assert submission.reference in confirmation
    assert Submission.objects.count() == 1
    assert not mail_results(status="READY").exists()


def test_a_mail_given_up_is_listed_for_administrators_only(client, moderated, queued, caplog):
    queued.HUB_MAIL_MAX_ATTEMPTS = 2
    caplog.set_level(logging.INFO)
    with closed_port() as port:
        queued.EMAIL_PORT = port
        submission = propose_promptly(client, moderated)
        output = run_worker()
        make_due(mail_results(status="READY"))
        output += run_worker()
    assert not mail_results(status="READY").exists()  # given up after 2 attempts
    [given_up] = unsent_mail_results()
    assert given_up.exception_class_path == "events.contributions.tasks.MailNotSent"
    # The log tells what failed, not to whom.
    assert "ConnectionRefusedError" in caplog.text
    assert "camille@example.org" not in caplog.text + output

    admin = moderated.user("administratrice", is_superuser=True)
    staff = client.__class__()
    staff.force_login(admin)
    report = staff.get("/admin/reports/unsent-mail/")
    assert report.status_code == 200
    html = report.content.decode()
    assert "camille@example.org" in html
    assert submission.reference in html  # in the subject
    assert "ConnectionRefusedError" in html
    assert "Abandonné" in html  # the administrator's admin is in French

    moderator = client.__class__()
    moderator.force_login(moderated.moderator())
    assert moderator.get("/admin/reports/unsent-mail/").status_code in (302, 403)
    assert "unsent-mail" not in moderator.get("/admin/").content.decode()
    assert "unsent-mail" in staff.get("/admin/").content.decode()


def test_waiting_retries_are_listed_with_their_last_error(client, moderated, queued):
    with closed_port() as port:
        queued.EMAIL_PORT = port
        propose_promptly(client, moderated)
        run_worker()
    staff = client.__class__()
    staff.force_login(moderated.user("administratrice", is_superuser=True))
    html = staff.get("/admin/reports/unsent-mail/").content.decode()
    assert "camille@example.org" in html and "ConnectionRefusedError" in html
    assert "Nouvel essai à" in html


@pytest.mark.parametrize(
    ("action", "state"),
    [("reject", Submission.State.CHANGES_REQUESTED), ("refuse", Submission.State.REJECTED)],
    ids=["changes-requested", "refused"],
)
def test_decisions_reach_the_contributor_through_the_worker(client, moderated, queued, mailbox, action, state):
    queued.EMAIL_PORT = mailbox.port
    propose_promptly(client, moderated)
    run_worker()
    mailbox.messages.clear()
    event = Submission.objects.get().event.specific
    staff = client.__class__()
    staff.force_login(moderated.moderator())

    staff.post(approve_url(event, action), {"comment": "Précisez l'adresse de la salle."})
    assert Submission.objects.get().state == state
    assert to_contributor(mailbox) == []  # queued, not sent by the moderator's request
    run_worker()
    [decision] = to_contributor(mailbox)
    assert "Précisez l'adresse de la salle." in decision


def test_an_approval_is_sent_by_the_worker_with_the_public_address(client, moderated, queued, mailbox):
    queued.EMAIL_PORT = mailbox.port
    propose_promptly(client, moderated)
    event = Submission.objects.get().event.specific
    staff = client.__class__()
    staff.force_login(moderated.moderator())
    run_worker()
    mailbox.messages.clear()
    staff.post(approve_url(event))
    assert to_contributor(mailbox) == []
    run_worker()
    [approved] = to_contributor(mailbox)
    assert f"http://testserver/fr/agenda/{event.slug}/" in approved


@pytest.mark.django_db(transaction=False)
def test_retries_wait_longer_each_time_and_errors_do_not_name_the_recipient(settings):
    settings.HUB_MAIL_RETRY_SECONDS = 300
    assert [retry_delay(attempt) for attempt in (1, 2, 3, 4)] == [300, 600, 1200, 2400]
    refused = smtplib.SMTPRecipientsRefused({"Camille@Example.org": (550, b"5.1.1 <camille@example.org> unknown")})
    described = describe_error(refused, ["camille@example.org"])
    assert "example.org" not in described
    assert described.startswith("SMTPRecipientsRefused:")


@override_settings(
    TASKS={
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "mail": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }
)
def test_a_backend_that_cannot_defer_gives_up_at_once_without_failing_the_request(client, moderated, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = "127.0.0.1", False, 1
    with closed_port() as port:
        settings.EMAIL_PORT = port
        propose_promptly(client, moderated)


@pytest.mark.django_db
def test_mails_queued_under_the_old_module_path_are_sent_from_the_new_one():
    """Migration events 0003: an e-mail queued (or failed) before the move to
    events/contributions/ still imports in the worker and shows in the report."""
    migration = importlib.import_module("events.migrations.0003_mail_tasks_follow_their_module")
    common = {"args_kwargs": {"args": [], "kwargs": {}}, "backend_name": "mail", "run_after": timezone.now()}
    queued = DBTaskResult.objects.create(task_path="events.tasks.send_email", **common)
    failed = DBTaskResult.objects.create(
        task_path="events.tasks.send_email", exception_class_path="events.tasks.MailNotSent", **common
    )
    migration.repoint(apps, None)
    queued.refresh_from_db()
    failed.refresh_from_db()
    assert import_string(queued.task_path) is send_email
    assert queued.task_path == failed.task_path == "events.contributions.tasks.send_email"
    assert failed.exception_class_path == "events.contributions.tasks.MailNotSent"
