"""The day's visits, the published rota versions, what happened at each
visit, and the weekly timesheets made from it."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from pathways.models import Band

from .plans import PlannedCall, VisitPlan
from .staff import Assistant, Team


class Visit(models.Model):
    """One visit on one day, generated from a planned call (and changeable
    on that day alone), with whom the rota sends and when."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="visits")
    plan = models.ForeignKey(VisitPlan, on_delete=models.PROTECT, related_name="visits")
    call = models.ForeignKey(
        PlannedCall, on_delete=models.PROTECT, related_name="visits"
    )
    date = models.DateField()
    band = models.CharField(max_length=10, choices=Band.choices)
    window_start = models.TimeField()
    window_end = models.TimeField()
    minutes = models.PositiveSmallIntegerField()
    carers = models.PositiveSmallIntegerField(default=1)
    skills = models.JSONField(default=list, blank=True)
    follows = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followers",
    )
    gap_min = models.PositiveSmallIntegerField(default=0)
    gap_max = models.PositiveSmallIntegerField(default=0)
    cancelled = models.BooleanField(default=False)
    assistant = models.ForeignKey(
        Assistant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
    )
    second_assistant = models.ForeignKey(
        Assistant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="second_visits",
    )
    start = models.TimeField("planned start", null=True, blank=True)
    travel_minutes = models.PositiveSmallIntegerField(
        default=0, help_text="Travel to this visit from the previous stop."
    )
    uncovered_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "window_start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "date"], name="one_visit_per_call_and_day"
            )
        ]

    def __str__(self) -> str:
        when = f"{self.date:%d/%m} {self.window_start:%H:%M}"
        return f"{self.get_band_display()} visit {when}"

    @property
    def assistants(self) -> list[Assistant]:
        return [a for a in (self.assistant, self.second_assistant) if a is not None]

    @property
    def covered(self) -> bool:
        return self.cancelled or len(self.assistants) >= self.carers


class RotaVersion(models.Model):
    """A published rota for one team and day: a snapshot of every visit's
    assistants and times. Later versions replace it; none is changed."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="versions")
    date = models.DateField()
    number = models.PositiveSmallIntegerField()
    runs = models.JSONField(help_text="[{visit, assistants, start, travel}]")
    uncovered = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["team", "date", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "date", "number"], name="one_rota_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.date:%d/%m/%Y} version {self.number}"


class VisitRecord(models.Model):
    """What happened at a visit, recorded by the assistant or coordinator."""

    class Outcome(models.TextChoices):
        DONE = "done", "Done"
        MISSED = "missed", "Missed"
        REFUSED = "refused", "Refused by the person"
        CANCELLED = "cancelled", "Cancelled"

    visit = models.OneToOneField(Visit, on_delete=models.PROTECT, related_name="record")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    actual_start = models.TimeField(null=True, blank=True)
    actual_end = models.TimeField(null=True, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.visit}"

    @property
    def minutes(self) -> int:
        if self.outcome != self.Outcome.DONE or not (
            self.actual_start and self.actual_end
        ):
            return 0
        start = self.actual_start.hour * 60 + self.actual_start.minute
        end = self.actual_end.hour * 60 + self.actual_end.minute
        return max(end - start, 0)


class Timesheet(models.Model):
    """An assistant's week for payroll, from the recorded visits; signed off
    by the team's coordinator or a manager (rota.rules.SIGN_OFF)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Awaiting sign-off"
        SIGNED_OFF = "signed_off", "Signed off"

    assistant = models.ForeignKey(
        Assistant, on_delete=models.PROTECT, related_name="timesheets"
    )
    week_start = models.DateField(help_text="The Monday.")
    contact_minutes = models.PositiveIntegerField(default=0)
    travel_minutes = models.PositiveIntegerField(default=0)
    visits_done = models.PositiveIntegerField(default=0)
    adjustment_minutes = models.IntegerField(
        default=0, help_text="Added by the supervisor, with a reason."
    )
    adjustment_reason = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["week_start", "assistant"]
        constraints = [
            models.UniqueConstraint(
                fields=["assistant", "week_start"], name="one_timesheet_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assistant} week of {self.week_start:%d/%m/%Y}"

    @property
    def paid_minutes(self) -> int:
        return self.contact_minutes + self.travel_minutes + self.adjustment_minutes

    @property
    def paid_hours(self) -> str:
        """The paid time in hours to two places, as payroll's CSV has it."""
        return f"{self.paid_minutes / 60:.2f}"
