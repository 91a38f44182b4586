"""Hospital systems that refer through the API, their tokens, and the audit
of every call they make."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import DischargeCase, Locality


class ApiClient(models.Model):
    """A hospital system with its own credentials, limited to the localities
    (and, when listed, the hospitals) it may refer for."""

    name = models.CharField(max_length=120, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_client",
        editable=False,
        help_text="The account its changes are recorded under; it cannot sign in.",
    )
    localities = models.ManyToManyField(
        Locality,
        related_name="api_clients",
        help_text="It may refer people living in these localities, and read "
        "their referrals.",
    )
    hospitals = models.TextField(
        blank=True,
        help_text="One hospital name a line: its referrals must come from one "
        "of these, and it reads only theirs. Blank: any hospital.",
    )
    requests_per_minute = models.PositiveIntegerField(
        default=120, help_text="More calls than this in a minute answer 429."
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="An inactive client's calls answer 403."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords(m2m_fields=[localities])

    class Meta:
        verbose_name = "API client"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def hospital_list(self) -> list[str]:
        return [line.strip() for line in self.hospitals.splitlines() if line.strip()]


class ApiToken(models.Model):
    """A client's bearer token, kept only as its SHA-256 digest: the token is
    shown once, when issued. Tokens are revoked, never deleted."""

    client = models.ForeignKey(
        ApiClient, on_delete=models.PROTECT, related_name="tokens"
    )
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.client})"

    @staticmethod
    def digest_of(token: str) -> str:
        # Tokens are long random strings: a plain digest cannot be guessed back.
        return hashlib.sha256(token.encode()).hexdigest()


class ApiCall(models.Model):
    """One call to the API: who, when, what, and how it ended."""

    client = models.ForeignKey(
        ApiClient, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField("outcome status")
    case = models.ForeignKey(
        DischargeCase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The referral the call concerned, when there was one.",
    )

    class Meta:
        verbose_name = "API call"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"


class ApiReferral(models.Model):
    """A referral a client sent: it may always read what it sent."""

    client = models.ForeignKey(
        ApiClient, on_delete=models.PROTECT, related_name="referrals"
    )
    case = models.OneToOneField(
        DischargeCase, on_delete=models.PROTECT, related_name="api_referral"
    )
    idempotency_key = models.CharField(max_length=255, blank=True)
    request_digest = models.CharField(max_length=64, blank=True)
    response = models.JSONField(
        default=dict, help_text="The answer given, repeated to a retry with the key."
    )
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "referral sent through the API"
        constraints = [
            models.UniqueConstraint(
                fields=["client", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="api_referral_one_per_idempotency_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} from {self.client}"
