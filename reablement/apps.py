from django.apps import AppConfig


class ReablementConfig(AppConfig):
    name = "reablement"
    verbose_name = "Reablement episodes"

    def ready(self) -> None:
        from . import rules  # noqa: F401
