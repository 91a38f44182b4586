from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cases.roles import ensure_groups

        from . import gates  # noqa: F401  (registers the discharge caution)

        # The role groups are built after the cases app migrates, before this
        # app's permissions exist; build them again once they do.
        post_migrate.connect(ensure_groups, sender=self)
