"""An index only PostgreSQL can make (a covering index's INCLUDE), as a
migration operation: created and dropped on PostgreSQL, nothing elsewhere
(SQLite runs the same queries without it). Not a migration itself: the
loader skips modules whose names begin with an underscore."""

from django.db import migrations


def postgresql_index(name: str, definition: str) -> migrations.RunPython:
    """`CREATE INDEX name <definition>`, e.g. "ON t (a) INCLUDE (b)"."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
