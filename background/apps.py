from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    """Long work off the request: a run record per piece of background work
    (allocation runs, what-if solves, big exports), its progress and result,
    executed by the task worker (django-tasks, database backend)."""

    name = "background"
    verbose_name = "Background work"
