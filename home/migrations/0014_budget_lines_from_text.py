from django.db import migrations


def lines_from_text(apps, schema_editor):
    """Give each action the structured line its free-text budget reads as, when it reads one
    way (home/strategy/budget_text.py); the text stays as it is."""
    from home.strategy.budget_text import structured_lines

    ActionPage = apps.get_model("home", "ActionPage")
    BudgetLine = apps.get_model("home", "BudgetLine")
    with_lines = set(BudgetLine.objects.values_list("action_id", flat=True))
    for action in ActionPage.objects.exclude(pk__in=with_lines).only("pk", "budget_lines").iterator():
        for order, line in enumerate(structured_lines(action.budget_lines.raw_data)):
            BudgetLine.objects.create(action=action, sort_order=order, **line)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0013_budget_lines"),
    ]

    operations = [
        migrations.RunPython(lines_from_text, migrations.RunPython.noop),
    ]
