"""Indexes for today's problem at scale (pathways.selectors.booked and
waiting_cases), on PostgreSQL only, as cases/0009's trigram indexes:

- the starts that hold capacity, by their last day (`LastDay`, the same
  expression): the starts overlapping the horizon are then found by an index
  range, not by reading every start ever agreed (a county's agreed starts stay
  agreed after the case ends: at 100k cases, 38,000 read to keep 456);
- the declined and expired starts by case (the cases back on the waiting
  list), not a scan of the provider/status/day index.

On SQLite (the tests) they are skipped; the queries are the same."""

from django.db import migrations

HOLDING = "status IN ('offered', 'agreed')"
RETURNED = "status IN ('declined', 'expired')"
INDEXES = [
    ("start_holding_last_day", "((start_date + length_days - 1))", HOLDING),
    ("start_returned_case", "(case_id)", RETURNED),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression, condition in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON pathways_reablementstart "
            f"{expression} WHERE {condition}"
        )
    # statistics of the new expression, so the planner knows how few match
    schema_editor.execute("ANALYZE pathways_reablementstart")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _expression, _condition in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("pathways", "0007_offers_and_bed_vacancies")]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
