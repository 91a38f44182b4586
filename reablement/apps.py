from django.apps import AppConfig


class ReablementConfig(AppConfig):
    name = "reablement"
    verbose_name = "Reablement episodes"

    def ready(self) -> None:
        from . import (
            hooks,  # noqa: F401  (episode starts on discharge; case timeline)
            myday,  # noqa: F401  (overdue reviews and follow-ups on My day)
            rules,  # noqa: F401
        )
