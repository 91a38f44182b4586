from django.apps import AppConfig


class HubConfig(AppConfig):
    """The composition: the discharge flow, the hub's URL map and menus, and the
    demo data. It depends on every app; no app depends on it."""

    name = "hub"
    verbose_name = "Locality Hub"

    def ready(self) -> None:
        # Viewflow creates a flow's auto_create permissions (can_start_…) for
        # flows already imported when migrate runs; it imports <app>.flows only
        # for apps with models, which hub has not.
        from . import flows  # noqa: F401
