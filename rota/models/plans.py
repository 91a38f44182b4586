"""Visit plans: what each person needs, call by call, from the reablement
start. Coordinators change them day to day; every change is kept."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from cases.models import DischargeCase
from pathways.models import Band

from .staff import Skill, Team


class Gender(models.TextChoices):
    ANY = "", "No preference"
    FEMALE = "female", "Female carers only"
    MALE = "male", "Male carers only"


class VisitPlan(models.Model):
    """One person's reablement visits (a pathway 1 discharge case)."""

    case = models.OneToOneField(
        DischargeCase, on_delete=models.PROTECT, related_name="visit_plan"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="plans")
    start_date = models.DateField()
    end_date = models.DateField()
    access_notes = models.TextField(
        "key safe and access notes",
        blank=True,
        help_text="Sensitive: shown only to staff who may plan this team.",
    )
    gender_preference = models.CharField(
        "carer gender preference",
        max_length=10,
        choices=Gender.choices,
        blank=True,
    )
    active = models.BooleanField(default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date"]

    def __str__(self) -> str:
        return f"Visits for {self.case.reference}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The plan ends after it starts."})


class PlannedCall(models.Model):
    """A call made every day of the plan, e.g. the morning personal care."""

    plan = models.ForeignKey(VisitPlan, on_delete=models.PROTECT, related_name="calls")
    band = models.CharField(max_length=10, choices=Band.choices)
    window_start = models.TimeField("earliest start")
    window_end = models.TimeField("latest start")
    minutes = models.PositiveSmallIntegerField("duration (minutes)")
    carers = models.PositiveSmallIntegerField(default=1, choices=[(1, "1"), (2, "2")])
    skills = models.JSONField(
        default=list, blank=True, help_text=f"Any of: {', '.join(Skill.values)}."
    )
    follows = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followers",
        help_text="A linked call: starts a set gap after this call ends.",
    )
    gap_min = models.PositiveSmallIntegerField(default=0)
    gap_max = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["window_start"]

    def __str__(self) -> str:
        return (
            f"{self.get_band_display()} {self.window_start:%H:%M}, {self.minutes} min"
        )

    def clean(self) -> None:
        errors = {}
        if (
            self.window_start
            and self.window_end
            and self.window_end < self.window_start
        ):
            errors["window_end"] = "The window closes after it opens."
        if set(self.skills or []) - set(Skill.values):
            errors["skills"] = f"Skills are {', '.join(Skill.values)}."
        if self.follows_id and self.gap_max < self.gap_min:
            errors["gap_max"] = "The longest gap is at least the shortest."
        if errors:
            raise ValidationError(errors)
