"""The English text search configuration: accents stripped with `unaccent`, then English
stemming (see search/backend.py). Nothing happens on other databases.

Pages were indexed in French until now: run `manage.py update_index` once after this
migration so that English pages are indexed with English stemming.
"""

from django.db import migrations

from search.postgresql import on_postgresql

# Dropped first so that running it again leaves one configuration as written here (no stored
# vector or index refers to a configuration by name).
CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS hub_search_en;
CREATE TEXT SEARCH CONFIGURATION hub_search_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION hub_search_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""

DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS hub_search_en;"


class Migration(migrations.Migration):
    dependencies = [("search", "0004_synonymgroup")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP), elidable=False)]
