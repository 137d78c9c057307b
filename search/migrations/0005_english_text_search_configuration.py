"""The English text search configuration: accents stripped with `unaccent`, then English
stemming (see search/backend.py). Nothing happens on other databases.

Pages were indexed in French until now: run `manage.py update_index` once after this
migration so that English pages are indexed with English stemming.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'hub_search_en') THEN
        CREATE TEXT SEARCH CONFIGURATION hub_search_en (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION hub_search_en
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
    END IF;
END
$$;
"""

DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS hub_search_en;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_synonymgroup")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
