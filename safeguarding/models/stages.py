"""The section 42 stage records: one history-tracked record per stage."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ..codes import (
    ActionResult,
    MspAchieved,
    MspAsked,
    RiskOutcome,
    Route,
)
from .concern import Concern

USER = settings.AUTH_USER_MODEL


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

    def timeline_entry(self) -> tuple[str, str]:
        return "Screening done", self.information_gathered


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
        # The figures' decisions in a period (mi.registry.Scope.during).
        indexes = [models.Index(fields=["recorded_at"], name="decision_recorded_idx")]

    def timeline_entry(self) -> tuple[str, str]:
        met = "met" if self.test_met else "not met"
        title = f"Section 42 decision: {self.get_route_display()} (the test is {met})"
        return title, self.reasons

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
    """The strategy discussion, or the lead's record that none is needed."""

    concern = models.OneToOneField(
        Concern, on_delete=models.PROTECT, related_name="strategy"
    )
    needed = models.BooleanField("a strategy discussion is needed", default=True)
    not_needed_reason = models.TextField(
        "why no strategy discussion is needed", blank=True
    )
    held_on = models.DateField(null=True, blank=True)
    attendees = models.TextField(blank=True, help_text="Names and roles.")
    agencies = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
    enquiry_lead = models.CharField(
        "who leads the enquiry",
        max_length=160,
        blank=True,
        help_text="Person and organisation.",
    )
    caused_enquiry = models.BooleanField(
        "enquiry caused to another organisation", default=False
    )
    caused_to = models.CharField(
        "organisation caused to make the enquiry", max_length=160, blank=True
    )

    @property
    def done_on(self) -> datetime.date:
        return self.held_on if self.needed else super().done_on

    def timeline_entry(self) -> tuple[str, str]:
        if not self.needed:
            return "No strategy discussion needed", self.not_needed_reason
        return f"Strategy discussion held {self.held_on:%d/%m/%Y}", self.decisions

    def clean(self) -> None:
        if not self.needed:
            if not self.not_needed_reason.strip():
                raise ValidationError(
                    {"not_needed_reason": "Say why no discussion is needed."}
                )
        else:
            required = ("held_on", "attendees", "decisions", "enquiry_lead")
            missing = {
                name: "Required when the discussion is held."
                for name in required
                if not getattr(self, name)
            }
            if missing:
                raise ValidationError(missing)
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

    def timeline_entry(self) -> tuple[str, str]:
        return f"Enquiry concluded {self.concluded_on:%d/%m/%Y}", self.findings

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

    def timeline_entry(self) -> tuple[str, str]:
        title = f"Outcome: {self.get_action_result_display().lower()}"
        if self.risk_outcome:
            title += f", {self.get_risk_outcome_display().lower()}"
        return title, self.summary

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

    def timeline_entry(self) -> tuple[str, str]:
        agreed = ", agreed with the adult" if self.agreed_with_adult else ""
        title = f"Safeguarding plan made{agreed}, review by {self.review_date:%d/%m/%Y}"
        return title, self.plan


class PlanReview(StageRecord):
    """One review of the safeguarding plan; reviews repeat until the risk is
    managed (the flow loops back to the review)."""

    concern = models.ForeignKey(
        Concern, on_delete=models.PROTECT, related_name="reviews"
    )
    reviewed_on = models.DateField()
    risk_now = models.CharField(max_length=10, choices=RiskOutcome.choices)
    risk_managed = models.BooleanField(
        "the risk is managed: the plan can end",
        default=True,
        help_text="Leave unticked to keep the plan and review it again.",
    )
    next_review_on = models.DateField(
        "next review by",
        null=True,
        blank=True,
        help_text="Required when the plan continues.",
    )
    notes = models.TextField()

    class Meta:
        verbose_name = "plan review"
        ordering = ["recorded_at", "pk"]

    @property
    def done_on(self) -> datetime.date:
        return self.reviewed_on

    def timeline_entry(self) -> tuple[str, str]:
        risk = self.get_risk_now_display().lower()
        then = "risk managed" if self.risk_managed else "the plan continues"
        return f"Plan reviewed {self.reviewed_on:%d/%m/%Y}: {risk}, {then}", self.notes

    def clean(self) -> None:
        if self.reviewed_on and self.reviewed_on > timezone.localdate():
            raise ValidationError({"reviewed_on": "This date is in the future."})
        if not self.risk_managed and not self.next_review_on:
            raise ValidationError(
                {"next_review_on": "The plan continues: when is the next review?"}
            )
        if (
            self.next_review_on
            and self.reviewed_on
            and self.next_review_on <= self.reviewed_on
        ):
            raise ValidationError(
                {"next_review_on": "The next review comes after this one."}
            )


class Closure(StageRecord):
    concern = models.OneToOneField(
        Concern, on_delete=models.PROTECT, related_name="closure"
    )
    reason = models.TextField()
    early = models.BooleanField("closed before the end of the procedure", default=False)
    stage_at_closure = models.CharField(max_length=160, blank=True)
    adult_view = models.TextField("the adult's view", blank=True)
    referrer_told = models.BooleanField("the referrer was told", default=False)

    def timeline_entry(self) -> tuple[str, str]:
        title = "Concern closed early" if self.early else "Concern closed"
        if self.stage_at_closure:
            title += f" at {self.stage_at_closure}"
        return title, self.reason
