"""SQL that only PostgreSQL runs, for the search app's migrations (other databases skip it)."""


def on_postgresql(sql):
    """A migration function running `sql` on PostgreSQL and doing nothing elsewhere."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run
