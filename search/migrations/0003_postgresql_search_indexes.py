"""Two PostgreSQL indexes the database search backend's queries need on large sites.

- A GIN index on `title || body` of the search index: the backend matches that expression,
  which the per-column indexes do not serve, so every search read the whole index. The index
  also gives the planner statistics on how many entries a word matches.
- An index on the page id as text: index entries point at pages by a text `object_id`, and the
  backend joins on `page.id::varchar(50)`. Without it, when the planner starts from the index
  entries it scans every page for each entry (a two-word search over 20,000 pages ran for more
  than 30 s).

Nothing happens on other databases.
"""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS search_indexentry_title_body ON wagtailsearch_indexentry USING GIN ((title || body));
CREATE INDEX IF NOT EXISTS search_page_id_as_text ON wagtailcore_page (((id)::varchar(50)));
ANALYZE wagtailsearch_indexentry;
ANALYZE wagtailcore_page;
"""

DROP = """
DROP INDEX IF EXISTS search_indexentry_title_body;
DROP INDEX IF EXISTS search_page_id_as_text;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_searchterm"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
