"""Guards every request and response passes, so no view has to: a cap on the
body's size, no NUL characters in any parameter, and no caching of pages."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.shortcuts import render
from django.utils.cache import patch_cache_control


def _refused(request, status: int, message: str):
    return render(request, "refused.html", {"message": message}, status=status)


class RequestSizeLimitMiddleware:
    """Refuses (413) a request whose body is over HUB_MAX_REQUEST_BYTES,
    before anything reads it. Django reads no more than Content-Length."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _refused(request, 400, "The request's length is not a number.")
        if length > settings.HUB_MAX_REQUEST_BYTES:
            megabytes = settings.HUB_MAX_REQUEST_BYTES // (1024 * 1024)
            return _refused(
                request, 413, f"The upload is too large: at most {megabytes} MB."
            )
        return self.get_response(request)


class NulCharacterMiddleware:
    """Refuses (400) a request with a NUL character in its path, in any form
    or filter parameter or in a cookie: no browser sends one when a person
    types, and PostgreSQL can neither store nor look one up (a session key or
    an admin object id with a NUL was a 500). Refused, not stripped: what was
    sent is never changed silently, and nothing is saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            params = [request.GET, request.POST]
        except RequestDataTooBig:
            return _refused(request, 413, "The form sent is too large.")
        except TooManyFieldsSent:
            return _refused(request, 400, "The form sent has too many fields.")
        cookies = "".join(f"{key}{value}" for key, value in request.COOKIES.items())
        if "\x00" in request.path + cookies or any(map(_has_nul, params)):
            return _refused(
                request,
                400,
                "The request contains a NUL character (\\0), which is not "
                "allowed in any field or filter. Nothing was saved.",
            )
        return self.get_response(request)


def _has_nul(query) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in query.lists()
    )


class NoStoreMiddleware:
    """Pages and documents for a signed-in user hold personal data: browsers
    and proxies must not keep them (Cache-Control: no-store), unless the view
    set its own caching. Static files never get here (WhiteNoise answers first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and "Cache-Control" not in response:
            patch_cache_control(response, no_store=True)
        return response
