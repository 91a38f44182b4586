from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        # Viewflow overwrites Task.owner on unassign/reassign and never records
        # who cancelled a task: history on Task keeps every change with its user.
        from django.db.models.signals import post_migrate
        from simple_history import register
        from viewflow.workflow.models import Task

        from . import lookups, rules  # noqa: F401  (register `__any`, the permissions)
        from .roles import ensure_groups

        post_migrate.connect(ensure_groups, sender=self)
        if not hasattr(Task, "history"):
            register(Task, app="cases", table_name="cases_historicaltask")
