"""Indexes for the management information's period (mi.registry.Scope.during):
concerns received and section 42 decisions recorded in the period, and
Viewflow's processes by when they finished (the concerns open at some time in
the period), found by a range of instants rather than by reading every row
the county ever had."""

from django.db import migrations, models

# Viewflow's table (its models declare no such index).
CREATE = (
    "CREATE INDEX IF NOT EXISTS viewflow_process_finished "
    "ON viewflow_process (finished)"
)
DROP = "DROP INDEX IF EXISTS viewflow_process_finished"


class Migration(migrations.Migration):

    dependencies = [
        ('safeguarding', '0006_concern_raised_by_when'),
        ('viewflow', '0015_task_scheduled'),
    ]

    operations = [
        migrations.RunSQL(CREATE, DROP, elidable=False),
        migrations.AddIndex(
            model_name='concern',
            index=models.Index(fields=['received_at'], name='concern_received_idx'),
        ),
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(fields=['recorded_at'], name='decision_recorded_idx'),
        ),
    ]
