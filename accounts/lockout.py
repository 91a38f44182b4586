"""Which client a sign-in attempt came from, for django-axes' lockout."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or, behind N trusted proxies, the
    address the outermost of them saw (the N-th entry from the right of
    X-Forwarded-For; entries further left are whatever the client sent)."""
    proxies = settings.HUB_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if proxies and len(hops) >= proxies:
        return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
