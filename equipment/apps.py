from django.apps import AppConfig


class EquipmentConfig(AppConfig):
    name = "equipment"

    def ready(self) -> None:
        from . import (
            closing,  # noqa: F401  (cancels orders on closure)
            gates,  # noqa: F401  (registers the discharge gate)
            rules,  # noqa: F401  (registers the permissions)
        )
