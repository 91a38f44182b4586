"""Indexes for the lists: the case list's filters and sorts, the names search
(trigram GIN on PostgreSQL: `icontains` on a name is then an index scan, not a
read of every person) and Viewflow's lists (process list by date, a user's
archive, a process's open tasks). The trigram extension and indexes are
PostgreSQL's only; on SQLite they are skipped and the search stays a plain
`icontains`."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# icontains on PostgreSQL reads UPPER("column"::text) LIKE UPPER(...); an
# index on that same expression serves it.
TRIGRAM_INDEXES = [
    ("cases_person_given_trgm", "cases_person", "given_name"),
    ("cases_person_family_trgm", "cases_person", "family_name"),
]
# Viewflow's own tables (its models declare no such index).
VIEWFLOW_INDEXES = [
    ("viewflow_process_created", "viewflow_process", "created"),
    ("viewflow_task_owner_created", "viewflow_task", "owner_id, created"),
    ("viewflow_task_process_type_status", "viewflow_task", "process_id, flow_task_type, status"),
]


def create_indexes(apps, schema_editor):
    run = schema_editor.execute
    for name, table, columns in VIEWFLOW_INDEXES:
        run(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in TRIGRAM_INDEXES:
        run(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    for name, _table, _columns in VIEWFLOW_INDEXES + TRIGRAM_INDEXES:
        if schema_editor.connection.vendor == "postgresql" or not name.endswith("_trgm"):
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_support_plan_eligibility"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        TrigramExtension(),  # a no-op on other databases than PostgreSQL
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["family_name", "given_name"], name="person_name_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(
                fields=["discharge_ready_date"], name="referral_drd_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="dischargecase",
            index=models.Index(
                fields=["outcome", "locality"], name="case_outcome_locality_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="dischargecase",
            index=models.Index(fields=["priority"], name="case_priority_idx"),
        ),
        migrations.AddIndex(
            model_name="dischargecase",
            index=models.Index(
                condition=models.Q(("outcome", "open")),
                fields=["locality"],
                name="case_open_idx",
            ),
        ),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
