from django.apps import AppConfig


class RotaConfig(AppConfig):
    name = "rota"
    verbose_name = "Reablement rota"

    def ready(self) -> None:
        from . import (
            myday,  # noqa: F401  (late and missed visits on the coordinator's day)
            rules,  # noqa: F401
        )
