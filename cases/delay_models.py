"""Delays as NHS England measures them: the discharge ready date's changes,
the national reasons for delay, and the reason (with an owner) that covers
each delayed day. Imported by cases.models, so these are the cases app's.

Sources, cited where they are used:
- NHS England, "Discharge Ready Date guidance, examples and frequently asked
  questions" (2023): the DRD is the date a patient no longer met the
  criteria to reside; if they meet them again, the DRD of an unfinished
  episode is the start of the current period of not meeting them.
- NHS England, acute discharge situation report (sitrep), "reasons for
  discharge delay" (2023/24 collection): the reasons a patient who no
  longer meets the criteria to reside is still in hospital.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .models import EARLIEST_ADMISSION, LATEST_READY, DischargeCase, Referral


class DischargeReadyDateChange(models.Model):
    """One change of a referral's discharge ready date or of whether the
    person meets the criteria to reside: set, moved, or reset because they
    meet the criteria again. Kept in full; never edited or deleted."""

    class Kind(models.TextChoices):
        SET = "set", "Discharge ready date set"
        MOVED = "moved", "Discharge ready date moved"
        RESET = "reset", "Meets the criteria to reside again: date cleared"
        NOT_MEETING = "not_meeting", "No longer meets the criteria to reside"

    class Source(models.TextChoices):
        HUB = "hub", "Hub (case page)"
        WARD = "ward", "Ward (referral API)"

    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="ready_date_changes"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    previous_date = models.DateField("previous date", null=True, blank=True)
    new_date = models.DateField("new date", null=True, blank=True)
    reason = models.TextField()
    source = models.CharField(max_length=10, choices=Source.choices, default="hub")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = "discharge ready date change"

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def summary(self) -> str:
        def day(value):
            return f"{value:%d/%m/%Y}" if value else "none"

        if self.kind in (self.Kind.SET, self.Kind.MOVED):
            return f"{day(self.previous_date)} → {day(self.new_date)}"
        if self.kind == self.Kind.RESET:
            return f"{day(self.previous_date)} cleared"
        return "a discharge ready date is needed"


class DelayReason(models.Model):
    """A reason for discharge delay from the national list (reference data:
    the administrator adds, rewords or retires reasons in the admin; a
    retired reason stays on the days it covered)."""

    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=200, unique=True)
    group = models.CharField(
        max_length=80,
        help_text="The sitrep's heading, e.g. 'Pathway 1' or 'Hospital process'.",
    )
    pathway = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The discharge pathway the reason waits for, if one.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(
        default=True, help_text="Untick to retire a reason: it stays on old records."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class DelayRecord(models.Model):
    """Why the person is still in hospital on each day from `from_date` to
    `to_date` (open while it is the current reason), and who owns getting it
    sorted. Together a case's records cover every delayed day (gaps are
    shown); a record is never deleted: a wrong one is marked in error."""

    case = models.ForeignKey(
        DischargeCase, on_delete=models.PROTECT, related_name="delay_records"
    )
    reason = models.ForeignKey(DelayReason, on_delete=models.PROTECT)
    from_date = models.DateField("from")
    to_date = models.DateField("to", null=True, blank=True)
    owner_team = models.CharField(
        "owner (organisation or team)",
        max_length=120,
        help_text="E.g. 'Hub coordinators', 'Ward 7 therapy', 'Care home'.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delays_owned",
        verbose_name="owner (person)",
    )
    next_action = models.TextField("next action", blank=True)
    next_action_due = models.DateField("next action by", null=True, blank=True)
    entered_in_error = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_date", "pk"]
        verbose_name = "reason for delay"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_date__isnull=True)
                | models.Q(to_date__gte=models.F("from_date")),
                name="delay_record_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    from_date__gte=EARLIEST_ADMISSION, from_date__lte=LATEST_READY
                ),
                name="delay_record_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason} from {self.from_date:%d/%m/%Y}"

    @property
    def owner_display(self) -> str:
        if self.owner is None:
            return self.owner_team
        name = self.owner.get_full_name() or self.owner.get_username()
        return f"{name} ({self.owner_team})"

    def timeline_entry(self) -> tuple[str, str]:
        until = f" to {self.to_date:%d/%m/%Y}" if self.to_date else ""
        title = f"Reason for delay from {self.from_date:%d/%m/%Y}{until}: {self.reason}"
        action = f"Next: {self.next_action}" if self.next_action else ""
        if action and self.next_action_due:
            action += f" by {self.next_action_due:%d/%m/%Y}"
        return title, f"Owner: {self.owner_display}. {action}".strip()
