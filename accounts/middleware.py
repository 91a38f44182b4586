"""Until a user who needs a second factor has passed it, only the pages to
pass it (and to sign out) answer."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import mfa


class SecondFactorMiddleware:
    """Sends a signed-in manager, lead, admin or superuser who has not yet
    entered a code to enrol an app (first time) or to enter its code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        waiting = mfa.mfa_required(user) and not user.is_verified()
        if waiting and request.path_info not in _open_paths():
            return _to_second_factor(request)
        return self.get_response(request)


def _open_paths() -> set[str]:
    names = ["accounts:mfa_enrol", "accounts:mfa_verify", "login", "logout"]
    return {reverse(name) for name in names}


def _to_second_factor(request):
    enrolled = mfa.totp_device_confirmed(request.user) is not None
    page = reverse("accounts:mfa_verify" if enrolled else "accounts:mfa_enrol")
    return redirect(f"{page}?{urlencode({'next': request.get_full_path()})}")
