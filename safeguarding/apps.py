from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self) -> None:
        from . import (
            gates,  # noqa: F401  (registers the discharge caution)
            rules,  # noqa: F401  (registers the permissions)
        )
