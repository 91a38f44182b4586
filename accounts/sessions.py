"""Sessions end after a spell of inactivity and, whatever the activity, a
working day after signing in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone

SIGNED_IN_AT = "hub_signed_in_at"
SEEN_AT = "hub_seen_at"
# Record activity at most once a minute, so not every request writes the session.
SEEN_RESOLUTION_S = 60


def session_stamp_sign_in(sender, request, user, **kwargs) -> None:
    """On sign-in (user_logged_in): both clocks start now."""
    now = timezone.now().timestamp()
    request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = now


def session_end_reason(session, now: float) -> str:
    """Why this session must end now, or "" while it may go on."""
    signed_in_at, seen_at = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    if signed_in_at is None or seen_at is None:
        return "Please sign in again."
    if now - seen_at > settings.HUB_SESSION_IDLE_MINUTES * 60:
        minutes = settings.HUB_SESSION_IDLE_MINUTES
        return f"You were signed out after {minutes} minutes without activity."
    if now - signed_in_at > settings.HUB_SESSION_MAX_HOURS * 3600:
        hours = settings.HUB_SESSION_MAX_HOURS
        return f"You were signed out: sessions last at most {hours} hours."
    return ""


class SessionTimeoutMiddleware:
    """Signs the user out when the session has been idle too long or has
    lasted a working day, and sends them to sign in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            reason = session_end_reason(request.session, now)
            if reason:
                logout(request)
                messages.info(request, reason)
                return redirect_to_login(request.get_full_path())
            if now - request.session[SEEN_AT] >= SEEN_RESOLUTION_S:
                request.session[SEEN_AT] = now
        return self.get_response(request)
