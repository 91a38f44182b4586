"""Teams, assistants, competencies and absences."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from cases.models import Locality
from cases.validators import validate_postcode

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Skill(models.TextChoices):
    MEDICATION = "medication", "Medication administration"
    MOVING_HANDLING = "moving_handling", "Moving and handling"
    HOIST = "hoist", "Moving and handling with a hoist"
    DEMENTIA = "dementia", "Dementia care"
    CATHETER_STOMA = "catheter_stoma", "Catheter and stoma care"
    PEG = "peg", "PEG feeding"


class Team(models.Model):
    """An in-house reablement team; as a provider it offers what its rota
    leaves free (rota.capacity)."""

    name = models.CharField(max_length=120, unique=True)
    locality = models.ForeignKey(
        Locality, on_delete=models.PROTECT, related_name="rota_teams"
    )
    provider = models.OneToOneField(
        "pathways.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rota_team",
        help_text="The team as a provider to the capacity allocator.",
    )
    base_postcode = models.CharField(max_length=8, validators=[validate_postcode])
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def validate_pattern(pattern) -> None:
    """{"mon": [["07:00", "14:00"]], ...}: shifts by weekday, in order."""
    if not isinstance(pattern, dict) or set(pattern) - set(WEEKDAYS):
        raise ValidationError(f"Weekdays are {', '.join(WEEKDAYS)}.")
    for day, shifts in pattern.items():
        last = None
        for shift in shifts:
            try:
                start, end = (datetime.time.fromisoformat(t) for t in shift)
            except (TypeError, ValueError) as exc:
                raise ValidationError(f"{day}: a shift is two times HH:MM.") from exc
            if end <= start or (last and start < last):
                raise ValidationError(f"{day}: shifts end after they start, in order.")
            last = end


class Assistant(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        OTHER = "other", "Other / not stated"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assistant",
    )
    given_name = models.CharField(max_length=80)
    family_name = models.CharField(max_length=80)
    gender = models.CharField(max_length=10, choices=Gender.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="assistants")
    base_postcode = models.CharField(max_length=8, validators=[validate_postcode])
    phone = models.CharField(max_length=30, blank=True)
    contracted_hours = models.DecimalField(
        "contracted hours a week", max_digits=4, decimal_places=1
    )
    working_pattern = models.JSONField(
        default=dict,
        blank=True,
        validators=[validate_pattern],
        help_text='Shifts by weekday, e.g. {"mon": [["07:00", "14:00"]]}.',
    )
    relief_bank = models.BooleanField("relief bank", default=False)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["given_name", "family_name"]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def shifts_on(
        self, day: datetime.date
    ) -> list[tuple[datetime.time, datetime.time]]:
        return [
            tuple(datetime.time.fromisoformat(t) for t in shift)
            for shift in self.working_pattern.get(WEEKDAYS[day.weekday()], [])
        ]


class Competency(models.Model):
    assistant = models.ForeignKey(
        Assistant, on_delete=models.PROTECT, related_name="competencies"
    )
    skill = models.CharField(max_length=20, choices=Skill.choices)
    obtained_on = models.DateField()
    expires_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["assistant", "skill"]
        verbose_name_plural = "competencies"
        constraints = [
            models.UniqueConstraint(
                fields=["assistant", "skill"], name="one_competency_per_skill"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_skill_display()} until {self.expires_on:%d/%m/%Y}"

    def clean(self) -> None:
        if self.obtained_on and self.expires_on and self.expires_on < self.obtained_on:
            raise ValidationError({"expires_on": "It expires after it was obtained."})


class Absence(models.Model):
    """Time an assistant cannot work. Never deleted: cancelled with a reason."""

    class Kind(models.TextChoices):
        ANNUAL_LEAVE = "annual_leave", "Annual leave"
        SICKNESS = "sickness", "Sickness"
        TRAINING = "training", "Training"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CANCELLED = "cancelled", "Cancelled"

    assistant = models.ForeignKey(
        Assistant, on_delete=models.PROTECT, related_name="absences"
    )
    kind = models.CharField(max_length=15, choices=Kind.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reported_today = models.BooleanField(
        default=False, help_text="Reported on the day (not planned ahead)."
    )
    notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    cancel_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="absence_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%d/%m %H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The absence ends after it starts."})
