"""Who works for which provider: the link that scopes a provider's staff to
their own organisation (pathways.provider_rules)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class ProviderStaff(models.Model):
    """A user who publishes and answers for one provider (role `provider`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="provider_staff",
    )
    provider = models.ForeignKey(
        "pathways.Provider", on_delete=models.PROTECT, related_name="staff"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "provider staff"

    def __str__(self) -> str:
        return f"{self.user} ({self.provider})"
