"""Issuing, revoking and checking a client's bearer tokens."""

import hmac
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import ApiClient, ApiToken

PREFIX = "lh_"


@transaction.atomic
def api_client_create(*, name: str, actor, **fields) -> ApiClient:
    """A client and the account its changes are recorded under, which has no
    role and no usable password, so it can never sign in to the hub."""
    user = get_user_model()(username=_free_username(name), first_name=name[:150])
    user.set_unusable_password()
    user.save()
    client = ApiClient(name=name, user=user, **fields)
    client._history_user = actor
    client.full_clean()
    client.save()
    return client


def _free_username(name: str) -> str:
    base = f"api-{slugify(name)[:130] or 'client'}"
    username, n = base, 1
    while get_user_model().objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


@transaction.atomic
def api_token_issue(*, client: ApiClient, actor) -> str:
    """A new token for the client, returned once: only its digest is kept."""
    prefix = secrets.token_hex(4)
    token = f"{PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    record = ApiToken(
        client=client, prefix=prefix, digest=ApiToken.digest_of(token), created_by=actor
    )
    record._history_user = actor
    record.save()
    return token


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token._history_user, token._change_reason = actor, "revoked"
        token.save()
    return token


def api_token_check(token: str) -> ApiToken | None:
    """The live token record this bearer token matches, or None."""
    if not token.startswith(PREFIX) or token.count("_") < 2:
        return None
    prefix = token[len(PREFIX) :].split("_", 1)[0]
    record = (
        ApiToken.objects.select_related("client__user")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if record is None or not hmac.compare_digest(
        record.digest, ApiToken.digest_of(token)
    ):
        return None
    return record
