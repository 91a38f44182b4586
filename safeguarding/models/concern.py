"""The concern (the section 42 process), its timescale policy, notes and the
log of who looked at it."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from viewflow.workflow.models import Process

from cases.models import DischargeCase, Person

from ..codes import (
    CapacitySupport,
    CodesIn,
    MspAsked,
    RaisedFrom,
    ReceivedVia,
    RiskLocation,
    RiskSource,
    RiskType,
    Urgency,
    YesNoDontKnow,
)

USER = settings.AUTH_USER_MODEL


class TimescalePolicy(models.Model):
    """The local procedure's timescales, in working days, from a given date.

    A concern keeps the policy that was in force on the day it was received;
    to change timescales, add a policy with a later effective date.
    """

    name = models.CharField(max_length=120)
    effective_from = models.DateField(unique=True)
    day_ends_at = models.TimeField(
        default=datetime.time(17, 0),
        help_text="A concern received at or after this time (or on a non-working "
        "day) starts the clock on the next working day.",
    )
    screening_days = models.PositiveSmallIntegerField(
        default=0, help_text="From receipt; 0 means the same working day."
    )
    decision_days = models.PositiveSmallIntegerField(
        "section 42 decision days", default=2, help_text="From receipt."
    )
    strategy_days = models.PositiveSmallIntegerField(
        "strategy discussion days", default=5, help_text="From the decision."
    )
    enquiry_days = models.PositiveSmallIntegerField(
        default=20,
        help_text="From the strategy discussion (from the decision when an other "
        "enquiry has no strategy discussion).",
    )
    outcome_days = models.PositiveSmallIntegerField(
        default=5, help_text="From the end of the enquiry."
    )
    plan_days = models.PositiveSmallIntegerField(
        "safeguarding plan days", default=5, help_text="From the end of the enquiry."
    )
    review_days = models.PositiveSmallIntegerField(
        "plan review days", default=30, help_text="From the safeguarding plan."
    )
    closure_days = models.PositiveSmallIntegerField(
        default=5, help_text="From the last stage completed."
    )
    # Faster timescales for concerns that cannot wait (the fields above are
    # the routine ones); later stages keep the routine timescales.
    immediate_screening_days = models.PositiveSmallIntegerField(
        "screening days (immediate risk)", default=0
    )
    immediate_decision_days = models.PositiveSmallIntegerField(
        "section 42 decision days (immediate risk)", default=0
    )
    immediate_strategy_days = models.PositiveSmallIntegerField(
        "strategy discussion days (immediate risk)", default=0
    )
    urgent_screening_days = models.PositiveSmallIntegerField(
        "screening days (urgent)", default=0
    )
    urgent_decision_days = models.PositiveSmallIntegerField(
        "section 42 decision days (urgent)", default=1
    )
    urgent_strategy_days = models.PositiveSmallIntegerField(
        "strategy discussion days (urgent)",
        default=1,
        help_text="E.g. a strategy discussion within 1 working day when urgent.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name_plural = "timescale policies"

    def __str__(self) -> str:
        return f"{self.name} (from {self.effective_from:%d/%m/%Y})"


class RiskTypeCode(models.Model):
    """One row per national type of risk, so a concern can carry several."""

    code = models.CharField(max_length=30, choices=RiskType.choices, unique=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.get_code_display()


class Concern(Process):
    """A worry that an adult is being abused or neglected: the s42 process."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="safeguarding_concerns"
    )
    case = models.ForeignKey(
        DischargeCase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="safeguarding_concerns",
    )
    raised_from = models.CharField(max_length=20, choices=RaisedFrom.choices)
    # Looked up through the index of a user's concerns by when raised (Meta:
    # concern_raised_by_when), which begins with it: no index of its own.
    raised_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    received_at = models.DateTimeField(default=timezone.now)
    received_via = models.CharField(
        "how it came in", max_length=20, choices=ReceivedVia.choices
    )
    reported_by = models.CharField(
        "reported by", max_length=160, blank=True, help_text="If not you: who told you."
    )
    urgency = models.CharField(
        max_length=10,
        choices=Urgency.choices,
        default=Urgency.ROUTINE,
        help_text="Immediate risk: the adult is in danger now. Urgent: harm is "
        "likely within days. Each has its own timescales.",
    )
    description = models.TextField("what has happened")
    immediate_actions = models.TextField("immediate safety actions taken", blank=True)
    police_called = models.BooleanField("police called", default=False)
    other_adults_at_risk = models.BooleanField(default=False)
    children_at_risk = models.BooleanField(default=False)
    risk_types = models.ManyToManyField(
        RiskTypeCode, related_name="+", verbose_name="types of risk"
    )
    risk_locations = models.JSONField(
        "locations of risk",
        default=list,
        blank=True,
        validators=[CodesIn(RiskLocation)],
    )
    risk_sources = models.JSONField(
        "sources of risk",
        default=list,
        blank=True,
        validators=[CodesIn(RiskSource)],
    )
    lacked_capacity = models.CharField(
        "did the adult lack capacity",
        max_length=20,
        choices=YesNoDontKnow.choices,
        blank=True,
    )
    capacity_support = models.CharField(
        "support by an advocate, family or friend",
        max_length=20,
        choices=CapacitySupport.choices,
        blank=True,
    )
    msp_asked = models.CharField(
        "asked about the outcomes they want",
        max_length=20,
        choices=MspAsked.choices,
        blank=True,
    )
    msp_outcomes_wanted = models.TextField(
        "outcomes the adult wants", blank=True, help_text="In their own words."
    )
    policy = models.ForeignKey(
        TimescalePolicy, on_delete=models.PROTECT, related_name="concerns"
    )
    # The due date of the earliest-due stage still open, worked out from the
    # clock whenever a stage, a pause or the coding changes (services.py), so
    # the open concerns page sorts, counts and pages in the database. Derived
    # from the records, so not in the history. Read only while the concern is open.
    next_due_on = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords(
        m2m_fields=[risk_types], excluded_fields=["next_due_on"]
    )

    class Meta:
        verbose_name = "safeguarding concern"
        ordering = ["-received_at"]
        indexes = [
            # "Concerns I raised", newest first: the page's 25 from the end
            # of one person's index, not a sort of every concern they raised
            # (a coordinator's 12,000 at 100,000 cases: 65 ms, or 9 ms with
            # PostgreSQL's parallel workers, which the hub turns off)
            models.Index(
                fields=["raised_by", "received_at", "process_ptr"],
                name="concern_raised_by_when",
            ),
            # The figures' concerns received in a period (mi.registry.Scope.during).
            models.Index(fields=["received_at"], name="concern_received_idx"),
        ]
        permissions = [
            ("raise_concern", "Can raise a safeguarding concern"),
            ("work_concern", "Can work section 42 tasks (safeguarding lead)"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.person.full_name}"

    def get_absolute_url(self) -> str:
        return reverse("safeguarding:concern_detail", args=[self.pk])

    def timeline_entry(self) -> tuple[str, str]:
        how = self.get_received_via_display().lower()
        return f"Concern raised ({how})", self.description

    @property
    def reference(self) -> str:
        return f"SG-{self.pk:05d}"

    @property
    def is_open(self) -> bool:
        return self.status == "NEW"

    def get_risk_locations_display(self) -> str:
        labels = dict(RiskLocation.choices)
        return "; ".join(labels[code] for code in self.risk_locations)

    def get_risk_sources_display(self) -> str:
        labels = dict(RiskSource.choices)
        return "; ".join(labels[code] for code in self.risk_sources)

    def clean(self) -> None:
        if self.case_id and self.case.referral.person_id != self.person_id:
            raise ValidationError({"case": "The case is for a different person."})
        if self.capacity_support and self.lacked_capacity != YesNoDontKnow.YES:
            raise ValidationError(
                {"capacity_support": "Only where the adult lacked capacity."}
            )
        if self.lacked_capacity == YesNoDontKnow.YES and not self.capacity_support:
            raise ValidationError(
                {"capacity_support": "Say whether support was given, and by whom."}
            )
        if self.msp_asked == MspAsked.YES_EXPRESSED and not self.msp_outcomes_wanted:
            raise ValidationError(
                {"msp_outcomes_wanted": "Record the outcomes the adult wants."}
            )


class Note(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["written_at"]

    def __str__(self) -> str:
        return f"Note on {self.concern.reference}"


class ViewLog(models.Model):
    """Who looked at a concern, when, and at what (kept for audit)."""

    class What(models.TextChoices):
        DETAILS = "details", "details"
        TIMELINE = "timeline", "timeline"
        PDF = "pdf", "timeline PDF"
        TASK = "task", "task page"

    concern = models.ForeignKey(
        Concern, on_delete=models.PROTECT, related_name="view_logs"
    )
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=10, choices=What.choices)
    detail = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["viewed_at"]
        indexes = [models.Index(fields=["concern", "viewed_at"])]

    def __str__(self) -> str:
        return f"{self.user} viewed {self.concern.reference} {self.what}"
