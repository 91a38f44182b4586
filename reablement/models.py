"""The reablement episode after a pathway 1 discharge home.

An `Episode` is the process of the reablement flow (reablement/flows.py):
one per discharged case, from the day of discharge to its end (default due
six weeks later) and, for people aged 65 and over, the follow-up 91 days
after discharge. Every record is history-tracked with who and when.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords
from viewflow.workflow.models import Process

from cases.eligibility import AdultOutcome
from cases.models import DischargeCase

from .codes import GAS, LongTermSetting, Sequel, WhereAt91


class Episode(Process):
    """One person's reablement episode (the flow's process).

    Fields:
    - case: the discharge case it follows (pathway 1, discharged home).
    - started_on: the day of discharge, the episode's first day.
    - end_due: when it is due to end (start + REABLEMENT["LENGTH_DAYS"],
      moved on by the days it was paused).
    - next_review_due: the day the next review is due (None once ended).
    - state: active, paused (readmitted) or ended.
    - paused_on: the day it was paused, while paused.
    - hours_at_start / hours_at_end: hours of support per week from the
      visit plan's calls (or the agreed reablement start) on the first day
      and on the last.
    - ended_on, sequel, end_note: the end and its SALT STS002a sequel.
    - lts_provider, lts_setting, lts_start, lts_hours: the long-term support
      that follows (only with a long-term sequel).
    - followup_due: discharge + 91 days, for people aged 65+ on discharge
      (None: no follow-up, the person was under 65).
    - followup_where, followup_on, followup_note: where the person was at 91
      days (not known counts as not at home) and when that was recorded.
    """

    class State(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused (in hospital)"
        ENDED = "ended", "Ended"

    case = models.OneToOneField(
        DischargeCase, on_delete=models.PROTECT, related_name="episode"
    )
    started_on = models.DateField()
    end_due = models.DateField("end due")
    next_review_due = models.DateField("next review due", null=True, blank=True)
    state = models.CharField(
        "episode state", max_length=10, choices=State.choices, default=State.ACTIVE
    )
    paused_on = models.DateField(null=True, blank=True)
    hours_at_start = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    hours_at_end = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    ended_on = models.DateField(null=True, blank=True)
    sequel = models.CharField(
        "sequel to short-term support (SALT STS002a)",
        max_length=20,
        choices=Sequel.choices,
        blank=True,
    )
    end_note = models.TextField("about the end", blank=True)
    lts_provider = models.CharField(
        "long-term support provider", max_length=200, blank=True
    )
    lts_setting = models.CharField(
        "long-term support setting",
        max_length=20,
        choices=LongTermSetting.choices,
        blank=True,
    )
    lts_start = models.DateField("long-term support starts", null=True, blank=True)
    lts_hours = models.DecimalField(
        "long-term support hours a week",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    followup_due = models.DateField("91-day follow-up due", null=True, blank=True)
    followup_where = models.CharField(
        "where the person is at 91 days",
        max_length=20,
        choices=WhereAt91.choices,
        blank=True,
    )
    followup_on = models.DateField("follow-up recorded on", null=True, blank=True)
    followup_note = models.TextField("follow-up note", blank=True)
    history = HistoricalRecords()

    class Meta:
        permissions = [("work_episode", "Review and end reablement episodes")]
        indexes = [
            models.Index(fields=["state", "next_review_due"]),
            models.Index(fields=["followup_due", "followup_where"]),
        ]

    def __str__(self) -> str:
        return f"Reablement {self.case.reference}"

    def get_absolute_url(self) -> str:
        return reverse("episodes:episode", args=[self.pk])

    def review_overdue(self, today) -> bool:
        """Active, and the review due has not been held by the day after."""
        return (
            self.state == self.State.ACTIVE
            and self.next_review_due is not None
            and self.next_review_due < today
        )

    def followup_overdue(self, today) -> bool:
        return (
            self.followup_due is not None
            and not self.followup_where
            and self.followup_due < today
        )

    def timeline_entry(self) -> tuple[str, str]:
        return (
            "Reablement episode started",
            f"Reviews from {self.next_review_due:%d/%m/%Y}; end due "
            f"{self.end_due:%d/%m/%Y}.",
        )


class Goal(models.Model):
    """A goal for one Care Act outcome of the support plan.

    - outcome: the Care Act (Eligibility Criteria) Regulations 2015 outcome.
    - description: the goal in the person's words.
    - start_score: goal attainment scale score (-2..+2) at the start;
      later scores are on the reviews (GoalScore) and the end (end_score).
    """

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="goals")
    outcome = models.CharField(max_length=20, choices=AdultOutcome.choices)
    description = models.TextField("goal")
    start_score = models.SmallIntegerField(
        "score at the start", choices=GAS, default=-2
    )
    end_score = models.SmallIntegerField(
        "score at the end", choices=GAS, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "outcome"], name="one_goal_per_outcome"
            )
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()


class Review(models.Model):
    """A review of the episode (first within the first week, then weekly).

    - number: 1, 2, ... in order; due: the day it was due; held_on: the day
      it took place.
    - progress: what the person can now do; plan_change: what changed in the
      visits; hours_per_week: hours of support a week after the review's
      change (from the visit plan's active calls).
    - end_now: the reviewer judged the goals met and the episode should end.
    """

    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, related_name="reviews"
    )
    number = models.PositiveSmallIntegerField()
    due = models.DateField()
    held_on = models.DateField()
    progress = models.TextField()
    plan_change = models.TextField("change to the visits", blank=True)
    hours_per_week = models.DecimalField(max_digits=5, decimal_places=2)
    end_now = models.BooleanField("goals met: end the episode", default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "number"], name="one_review_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"Review {self.number}"

    def timeline_entry(self) -> tuple[str, str]:
        return (
            f"Reablement review {self.number}",
            f"{self.progress} — {self.hours_per_week} hours a week.",
        )


class GoalScore(models.Model):
    """A goal's score (-2..+2) at a review."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="scores")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="scores")
    score = models.SmallIntegerField(choices=GAS)
    history = HistoricalRecords()

    class Meta:
        ordering = ["goal_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "goal"], name="one_score_per_goal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.score:+d}"


class Readmission(models.Model):
    """A readmission to hospital during the episode.

    - admitted_on, reason; ends: True ended the episode, False paused it;
      resumed_on: the day the paused episode went on (None while paused
      or when it ended).
    """

    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, related_name="readmissions"
    )
    admitted_on = models.DateField("admitted on")
    reason = models.TextField()
    ends = models.BooleanField("ends the episode", default=False)
    resumed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["admitted_on", "pk"]

    def __str__(self) -> str:
        return f"Readmitted {self.admitted_on:%d/%m/%Y}"

    def timeline_entry(self) -> tuple[str, str]:
        what = "ended" if self.ends else "paused"
        return (f"Readmitted to hospital: reablement {what}", self.reason)
