"""An index of the open processes by flow (Viewflow's table; its models
declare none): the open concerns page finds its few hundred open concerns
among every concern and case the county has had without reading them all."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS viewflow_process_open "
    "ON viewflow_process (flow_class, id) WHERE status = 'NEW'"
)
DROP = "DROP INDEX IF EXISTS viewflow_process_open"


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0004_concern_next_due_on"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP, elidable=False)]
