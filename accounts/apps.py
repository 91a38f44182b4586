from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in: lockout, session timeouts and the second factor."""

    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .sessions import session_stamp_sign_in

        user_logged_in.connect(session_stamp_sign_in, dispatch_uid="hub_sign_in")
