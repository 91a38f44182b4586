"""Bed vacancies a pathway 2/3 setting publishes, by bed type and day."""

from django.db import models
from simple_history.models import HistoricalRecords


class BedVacancy(models.Model):
    """Empty beds of one type a setting can admit to on one day."""

    provider = models.ForeignKey(
        "pathways.Provider", on_delete=models.PROTECT, related_name="vacancies"
    )
    date = models.DateField()
    bed_type = models.CharField(max_length=30)  # a Placement.Setting value
    beds = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["provider", "date", "bed_type"]
        verbose_name_plural = "bed vacancies"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "date", "bed_type"], name="one_vacancy_per_type_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.date:%d/%m} {self.bed_type}: {self.beds}"
