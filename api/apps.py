from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The electronic referral API (REST and FHIR) for hospital systems."""

    name = "api"
    verbose_name = "Referral API"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
