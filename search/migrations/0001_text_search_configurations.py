"""PostgreSQL text search configurations that ignore accents (see search/backend.py).

Nothing happens on other databases. After this migration, an existing PostgreSQL index was
built with the old configuration: run `manage.py update_index` once.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'hub_search') THEN
        CREATE TEXT SEARCH CONFIGURATION hub_search (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION hub_search
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'hub_autocomplete') THEN
        CREATE TEXT SEARCH CONFIGURATION hub_autocomplete (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION hub_autocomplete
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""

DROP = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS hub_search;
DROP TEXT SEARCH CONFIGURATION IF EXISTS hub_autocomplete;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create, drop, elidable=False)]
