"""Authentication, permission and throttling of the API: a client presents
its bearer token; sessions (the hub's signed-in staff) are not accepted."""

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiClient, ApiToken
from .tokens import api_token_check


class BearerTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <token>`: request.user is the client's account,
    request.auth the ApiClient. A missing or unknown token is 401; the token
    of an inactive client is 403."""

    keyword = "Bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as 'Authorization: Bearer <token>'."
            )
        try:
            token = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Unknown or revoked token.") from None
        record = api_token_check(token)
        if record is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked token.")
        if not record.client.is_active:
            raise exceptions.PermissionDenied("This API client is not active.")
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
        return record.client.user, record.client

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class IsApiClient(BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, ApiClient)


class ClientRateThrottle(SimpleRateThrottle):
    """Each client's own limit (ApiClient.requests_per_minute), counted in
    Django's cache: with several server processes, give them a shared cache
    (README, "Referral API")."""

    scope = "api_client"

    def get_rate(self):
        return None  # set per client in allow_request

    def allow_request(self, request, view) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return True
        self.rate = f"{client.requests_per_minute}/m"
        self.num_requests, self.duration = client.requests_per_minute, 60
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token issued in the admin (API clients).",
        }
