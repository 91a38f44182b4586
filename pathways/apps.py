from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "pathways"

    def ready(self) -> None:
        from . import (
            closing,  # noqa: F401  (releases the start on closure)
            gates,  # noqa: F401  (registers the discharge gate)
            myday,  # noqa: F401  (declined and expired offers on My day)
            provider_rules,  # noqa: F401  (the provider portal's permission)
        )
        from .simulate.web import rules  # noqa: F401  (the simulator's permission)
