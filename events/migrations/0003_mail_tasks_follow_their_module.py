"""E-mails queued before the contributions got their own package (events/contributions/) were
recorded under the old module paths; the worker imports a task by that path, so they are
pointed at the new one. Data only: no table changes."""

from django.db import migrations

MOVED = {
    "events.tasks.send_email": "events.contributions.tasks.send_email",
    "events.tasks.MailNotSent": "events.contributions.tasks.MailNotSent",
    "events.tasks.MailRetryScheduled": "events.contributions.tasks.MailRetryScheduled",
}


def repoint(apps, schema_editor, moves=MOVED):
    results = apps.get_model("django_tasks_database", "DBTaskResult").objects
    for old, new in moves.items():
        results.filter(task_path=old).update(task_path=new)
        results.filter(exception_class_path=old).update(exception_class_path=new)


def point_back(apps, schema_editor):
    repoint(apps, schema_editor, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_eventpage_organiser_name_moderationtask_submission"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(repoint, point_back)]
