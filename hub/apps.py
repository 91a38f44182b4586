from django.apps import AppConfig


class HubConfig(AppConfig):
    """The composition: the discharge flow, the hub's URL map and menus, and the
    demo data. It depends on every app; no app depends on it."""

    name = "hub"
    verbose_name = "Locality Hub"

    def ready(self) -> None:
        # Viewflow adds the flow's permissions (can_start_…, manage_…) to the
        # process model when the flow class is created: import it before
        # post_migrate creates permissions, or a fresh database lacks them.
        from . import flows  # noqa: F401
