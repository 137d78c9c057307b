"""News items that already had an image showed Wagtail's default text alternative (the image's
description, else its title): without a description, the title becomes the page's text
alternative, so they show the same and can be saved again (home/images.py)."""

from django.db import migrations


def keep_text_alternative(apps, schema_editor):
    NewsPage = apps.get_model("news", "NewsPage")
    for page in NewsPage.objects.filter(image__isnull=False, image_alt="", image__description="").select_related(
        "image"
    ):
        NewsPage.objects.filter(pk=page.pk).update(image_alt=page.image.title[:250])


class Migration(migrations.Migration):
    dependencies = [("news", "0002_main_image")]

    operations = [migrations.RunPython(keep_text_alternative, migrations.RunPython.noop)]
