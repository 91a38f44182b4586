from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in: lockout, session timeouts and the second factor."""

    name = "accounts"
    verbose_name = "Accounts"
