"""Safeguarding concerns, the section 42 stage records, the timescale policy
and the log of who looked at a concern.

The concern is the section 42 flow's process (as DischargeCase is the
discharge flow's); each stage writes one history-tracked record.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from viewflow.workflow.models import Process

from cases.models import DischargeCase, Person

from .codes import (
    ActionResult,
    CapacitySupport,
    MspAchieved,
    MspAsked,
    RaisedFrom,
    ReceivedVia,
    RiskLocation,
    RiskOutcome,
    RiskSource,
    RiskType,
    Route,
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
    raised_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(default=timezone.now)
    received_via = models.CharField(
        "how it came in", max_length=20, choices=ReceivedVia.choices
    )
    reported_by = models.CharField(
        "reported by", max_length=160, blank=True, help_text="If not you: who told you."
    )
    description = models.TextField("what has happened")
    immediate_actions = models.TextField("immediate safety actions taken", blank=True)
    police_called = models.BooleanField("police called", default=False)
    other_adults_at_risk = models.BooleanField(default=False)
    children_at_risk = models.BooleanField(default=False)
    risk_types = models.ManyToManyField(
        RiskTypeCode, related_name="+", verbose_name="types of risk"
    )
    location_of_risk = models.CharField(
        max_length=30, choices=RiskLocation.choices, blank=True
    )
    source_of_risk = models.CharField(
        max_length=20, choices=RiskSource.choices, blank=True
    )
    lacked_capacity = models.CharField(
        "did the adult lack capacity",
        max_length=10,
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
    history = HistoricalRecords(m2m_fields=[risk_types])

    class Meta:
        verbose_name = "safeguarding concern"
        ordering = ["-received_at"]
        permissions = [
            ("raise_concern", "Can raise a safeguarding concern"),
            ("work_concern", "Can work section 42 tasks (safeguarding lead)"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.person.full_name}"

    def get_absolute_url(self) -> str:
        return reverse("safeguarding:concern_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"SG-{self.pk:05d}"

    @property
    def is_open(self) -> bool:
        return self.status == "NEW"

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


class StageRecord(models.Model):
    """What every stage record has: who recorded it, and when."""

    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name.capitalize()} for {self.concern.reference}"

    @property
    def done_on(self) -> datetime.date:
        """The day the stage was done: what its timescale is measured against."""
        return timezone.localtime(self.recorded_at).date()


class Screening(StageRecord):
    concern = models.OneToOneField(
        Concern, on_delete=models.PROTECT, related_name="screening"
    )
    information_gathered = models.TextField(
        help_text="Who you spoke to and what you found out."
    )


class Decision(StageRecord):
    """Whether the three-part section 42 test is met, and the route chosen."""

    concern = models.OneToOneField(
        Concern, on_delete=models.PROTECT, related_name="decision"
    )
    has_care_needs = models.BooleanField(
        "has needs for care and support", default=False
    )
    experiencing_abuse = models.BooleanField(
        "is experiencing, or at risk of, abuse or neglect", default=False
    )
    unable_to_protect = models.BooleanField(
        "is unable to protect themselves because of those needs", default=False
    )
    route = models.CharField(max_length=10, choices=Route.choices)
    reasons = models.TextField()
    onward_action = models.TextField(
        blank=True, help_text="Required when there is no enquiry: who does what next."
    )

    class Meta:
        verbose_name = "section 42 decision"

    @property
    def test_met(self) -> bool:
        return (
            self.has_care_needs and self.experiencing_abuse and self.unable_to_protect
        )

    def clean(self) -> None:
        if self.route == Route.S42 and not self.test_met:
            raise ValidationError(
                {"route": "A section 42 enquiry needs all three parts of the test."}
            )
        if self.route != Route.S42 and self.test_met:
            raise ValidationError(
                {"route": "All three parts are met: the section 42 duty applies."}
            )
        if self.route == Route.NONE and not self.onward_action.strip():
            raise ValidationError({"onward_action": "Say what onward action follows."})


class StrategyDiscussion(StageRecord):
    concern = models.OneToOneField(
        Concern, on_delete=models.PROTECT, related_name="strategy"
    )
    held_on = models.DateField()
    attendees = models.TextField(help_text="Names and roles.")
    agencies = models.TextField(blank=True)
    decisions = models.TextField()
    enquiry_lead = models.CharField(
        "who leads the enquiry", max_length=160, help_text="Person and organisation."
    )
    caused_enquiry = models.BooleanField(
        "enquiry caused to another organisation", default=False
    )
    caused_to = models.CharField(
        "organisation caused to make the enquiry", max_length=160, blank=True
    )

    @property
    def done_on(self) -> datetime.date:
        return self.held_on

    def clean(self) -> None:
        if self.caused_enquiry and not self.caused_to.strip():
            raise ValidationError({"caused_to": "Name the organisation."})
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError(
                {"held_on": "The discussion cannot be in the future."}
            )


class Enquiry(StageRecord):
    concern = models.OneToOneField(
        Concern, on_delete=models.PROTECT, related_name="enquiry"
    )
    actions = models.TextField("actions taken")
    findings = models.TextField()
    concluded_on = models.DateField()

    class Meta:
        verbose_name_plural = "enquiries"

    @property
    def done_on(self) -> datetime.date:
        return self.concluded_on

    def clean(self) -> None:
        if self.concluded_on and self.concluded_on > timezone.localdate():
            raise ValidationError({"concluded_on": "This date is in the future."})


class Outcome(StageRecord):
    concern = models.OneToOneField(
        Concern, on_delete=models.PROTECT, related_name="outcome"
    )
    action_result = models.CharField(
        "action taken and result", max_length=30, choices=ActionResult.choices
    )
    risk_outcome = models.CharField(
        max_length=10,
        choices=RiskOutcome.choices,
        blank=True,
        help_text="Required where a risk was identified and action taken.",
    )
    msp_achieved = models.CharField(
        "the adult's outcomes were",
        max_length=10,
        choices=MspAchieved.choices,
        blank=True,
        help_text="Required when the adult expressed the outcomes they want.",
    )
    summary = models.TextField(blank=True)

    @property
    def risk_remains(self) -> bool:
        return self.risk_outcome in (RiskOutcome.REMAINED, RiskOutcome.REDUCED)

    def clean(self) -> None:
        if self.action_result == ActionResult.RISK_ACTION and not self.risk_outcome:
            raise ValidationError(
                {"risk_outcome": "Say whether the risk remained, reduced or removed."}
            )
        wanted = self.concern.msp_asked == MspAsked.YES_EXPRESSED
        if wanted and not self.msp_achieved:
            raise ValidationError(
                {"msp_achieved": "The adult said what they want: was it achieved?"}
            )


class SafeguardingPlan(StageRecord):
    concern = models.OneToOneField(
        Concern, on_delete=models.PROTECT, related_name="plan"
    )
    plan = models.TextField("the safeguarding plan")
    agencies_involved = models.TextField(blank=True)
    agreed_with_adult = models.BooleanField(default=False)
    review_date = models.DateField()


class PlanReview(StageRecord):
    concern = models.OneToOneField(
        Concern, on_delete=models.PROTECT, related_name="review"
    )
    reviewed_on = models.DateField()
    risk_now = models.CharField(max_length=10, choices=RiskOutcome.choices)
    notes = models.TextField()

    class Meta:
        verbose_name = "plan review"

    @property
    def done_on(self) -> datetime.date:
        return self.reviewed_on

    def clean(self) -> None:
        if self.reviewed_on and self.reviewed_on > timezone.localdate():
            raise ValidationError({"reviewed_on": "This date is in the future."})


class Closure(StageRecord):
    concern = models.OneToOneField(
        Concern, on_delete=models.PROTECT, related_name="closure"
    )
    reason = models.TextField()
    early = models.BooleanField("closed before the end of the procedure", default=False)
    stage_at_closure = models.CharField(max_length=160, blank=True)
    adult_view = models.TextField("the adult's view", blank=True)
    referrer_told = models.BooleanField("the referrer was told", default=False)


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
