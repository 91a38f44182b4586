from django.apps import AppConfig


class MiConfig(AppConfig):
    name = "mi"
    verbose_name = "Management information"

    def ready(self) -> None:
        # Imported for what they register: the permission and the sections.
        from . import rules, sections  # noqa: F401
