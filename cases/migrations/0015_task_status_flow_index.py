"""An index of Viewflow's tasks by status and node reference
("safeguarding/flows.Section42Flow.triage"), so that a flow's open tasks are
found without reading every other flow's: the scoped lists and badges
(cases/scoping.py) ask for them by the flow's reference. Without it the
manager's Section 42 queue badge, on every page, read each of the 810 open
tasks of every flow to find none of its own: 2.3 ms at 100,000 cases, 0.14 ms
with it. On PostgreSQL the reference is indexed for prefix matches
(`varchar_pattern_ops`: a plain index serves `LIKE 'prefix%'` only under the C
collation)."""

from django.db import migrations

NAME = "viewflow_task_status_flow_task"


def create_index(apps, schema_editor):
    pattern = " varchar_pattern_ops"
    if schema_editor.connection.vendor != "postgresql":
        pattern = ""
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON viewflow_task (status, flow_task{pattern})"
    )


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_case_referral_cover"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
