from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "pathways"

    def ready(self) -> None:
        from . import gates  # noqa: F401  (registers the discharge gate)
