"""Covering indexes for finding cases by person (a name search's cases, read
by referral, and sorted by the person's name), on PostgreSQL only, as
pathways/0008's: each join of the search's ids query is answered from the
index alone, not the index and then the table row (a manager's surname search
at 100,000 cases: 241 cases, 2,700 → 2,200 pages read, 4.4 → 3.0 ms).

- a case by its referral, with the case's id and locality (the scope);
- a person by id, with the names the list sorts by.

SQLite has no INCLUDE; the queries are the same without them."""

from django.db import migrations

INDEXES = [
    (
        "case_referral_cover",
        "cases_dischargecase (referral_id) INCLUDE (process_ptr_id, locality_id)",
    ),
    ("person_name_cover", "cases_person (id) INCLUDE (family_name, given_name)"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _definition in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_case_open_referral_idx")]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
