"""The discharge flow moved from cases/flows.py to hub/flows.py.

Viewflow stores the flow and each task as strings ("cases/flows.DischargeFlow",
"cases/flows.DischargeFlow.triage"); they are rewritten so that running cases
carry on, including in the task history.
"""

from django.db import migrations

OLD, NEW = "cases/flows.DischargeFlow", "hub/flows.DischargeFlow"


def _rewrite(old: str, new: str) -> list[str]:
    return [
        f"UPDATE viewflow_process SET flow_class = '{new}' WHERE flow_class = '{old}'",
        *(
            f"UPDATE {table} SET flow_task = REPLACE(flow_task, '{old}.', '{new}.') "
            f"WHERE flow_task LIKE '{old}.%'"
            for table in ("viewflow_task", "cases_historicaltask")
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.RunSQL(sql=_rewrite(OLD, NEW), reverse_sql=_rewrite(NEW, OLD)),
    ]
