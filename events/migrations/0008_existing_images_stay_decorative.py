"""Events that already had an image showed it with an empty text alternative: they keep that
rendering, now stated by the "decorative" choice, so they can be saved again (home/images.py)."""

from django.db import migrations


def mark_decorative(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    EventPage.objects.filter(image__isnull=False, image_alt="").update(image_decorative=True)


class Migration(migrations.Migration):
    dependencies = [("events", "0007_main_image")]

    operations = [migrations.RunPython(mark_decorative, migrations.RunPython.noop)]
