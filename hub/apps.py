from django.apps import AppConfig


class HubConfig(AppConfig):
    """The composition: the discharge flow, the hub's URL map and menus, and the
    demo data. It depends on every app; no app depends on it."""

    name = "hub"
    verbose_name = "Locality Hub"
