# The "open now" rows of the places already published (later ones are built on publish).

from django.db import migrations


def fill(apps, schema_editor):
    from home.directory.open_now import HoursRows

    PlacePage = apps.get_model("tourism", "PlacePage")
    rows = HoursRows(apps.get_model("tourism", "PlaceHoursPeriod"), apps.get_model("tourism", "PlaceHoursSlot"))
    rows.rebuild_all(PlacePage.objects.filter(live=True))


def empty(apps, schema_editor):
    apps.get_model("tourism", "PlaceHoursPeriod").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tourism", "0004_place_hours_rows"),
    ]

    operations = [migrations.RunPython(fill, empty)]
