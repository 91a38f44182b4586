"""Every refusal answers JSON, including those raised outside DRF's own
exceptions (a Django ValidationError, PermissionDenied or Http404)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response


def exception_handler(exc, context):
    """DRF's handler, less its rollback of the request's transaction: the
    API's views run outside one (each service is atomic), and marking an
    enclosing transaction (a test's) for rollback would lose the audit."""
    if isinstance(exc, ValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    detail = exc.detail
    data = detail if isinstance(detail, list | dict) else {"detail": detail}
    return Response(data, status=exc.status_code, headers=headers)
