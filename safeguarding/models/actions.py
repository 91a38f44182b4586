"""What happens alongside the section 42 stages: the clock paused for a
police investigation, an independent advocate, a position-of-trust referral,
and Safeguarding Adults Reviews (Care Act s44; the return's SG5)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from ..codes import RiskType
from .concern import Concern
from .stages import StageRecord


def _not_future(name: str, value) -> None:
    if value and value > timezone.localdate():
        raise ValidationError({name: "This date is in the future."})


class ClockPause(StageRecord):
    """The procedure's clock stops while the police investigate (so as not
    to prejudice a criminal investigation) and restarts when they say so.
    Paused working days do not count against any stage's timescale."""

    concern = models.ForeignKey(
        Concern, on_delete=models.PROTECT, related_name="pauses"
    )
    paused_on = models.DateField("clock stopped on")
    reason = models.TextField(
        help_text="E.g. the police asked the enquiry to wait; their reference."
    )
    resumed_on = models.DateField("clock restarted on", null=True, blank=True)
    resumed_note = models.TextField("why it restarts", blank=True)

    class Meta:
        ordering = ["paused_on", "pk"]
        verbose_name = "clock paused for a police investigation"

    def timeline_entry(self) -> tuple[str, str]:
        title = f"Clock stopped {self.paused_on:%d/%m/%Y} for a police investigation"
        if self.resumed_on:
            title += f", restarted {self.resumed_on:%d/%m/%Y}"
        return title, self.reason

    @property
    def active(self) -> bool:
        return self.resumed_on is None

    def clean(self) -> None:
        _not_future("paused_on", self.paused_on)
        _not_future("resumed_on", self.resumed_on)
        if self.resumed_on and self.paused_on and self.resumed_on < self.paused_on:
            raise ValidationError(
                {"resumed_on": "The clock restarts after it stopped."}
            )


class AdvocacyReferral(StageRecord):
    """A referral for an independent advocate (Care Act s68): the adult has
    substantial difficulty being involved in the enquiry and there is no
    appropriate person to support them."""

    concern = models.ForeignKey(
        Concern, on_delete=models.PROTECT, related_name="advocacy_referrals"
    )
    referred_on = models.DateField()
    organisation = models.CharField("advocacy service", max_length=160)
    substantial_difficulty = models.BooleanField(
        "the adult has substantial difficulty being involved", default=False
    )
    no_appropriate_person = models.BooleanField(
        "there is no appropriate person to support them", default=False
    )
    notes = models.TextField(blank=True)
    advocate_name = models.CharField("advocate allocated", max_length=160, blank=True)

    class Meta:
        ordering = ["referred_on", "pk"]
        verbose_name = "independent advocacy referral (s68)"

    def timeline_entry(self) -> tuple[str, str]:
        return (
            f"Independent advocate requested from {self.organisation} "
            f"({self.referred_on:%d/%m/%Y})",
            self.notes,
        )

    def clean(self) -> None:
        _not_future("referred_on", self.referred_on)
        if not (self.substantial_difficulty and self.no_appropriate_person):
            raise ValidationError(
                "Section 68 applies when the adult has substantial difficulty "
                "being involved and there is no appropriate person: confirm both."
            )


class PositionOfTrustReferral(StageRecord):
    """The person alleged to cause the risk works or volunteers with adults
    or children: referred to the employer and the local position-of-trust
    arrangements (Care and Support Statutory Guidance 14.120-14.132)."""

    concern = models.ForeignKey(
        Concern, on_delete=models.PROTECT, related_name="trust_referrals"
    )
    referred_on = models.DateField()
    role = models.CharField(
        "their role", max_length=160, help_text="Job or volunteering role."
    )
    employer = models.CharField("employer or organisation", max_length=160)
    referred_to = models.CharField(
        "referred to",
        max_length=160,
        help_text="E.g. the employer, the position-of-trust lead, the DBS, the "
        "regulator.",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["referred_on", "pk"]
        verbose_name = "position-of-trust referral"

    def timeline_entry(self) -> tuple[str, str]:
        return (
            f"Position-of-trust referral to {self.referred_to} "
            f"({self.referred_on:%d/%m/%Y})",
            self.notes,
        )

    def clean(self) -> None:
        _not_future("referred_on", self.referred_on)


class SafeguardingAdultsReview(StageRecord):
    """A Safeguarding Adults Review the Board arranged about this adult (Care
    Act s44), counted in the return's SG5."""

    class Basis(models.TextChoices):
        DIED = "died", "The adult died (s44(2))"
        SERIOUS = "serious", "Serious abuse or neglect, the adult alive (s44(3))"
        DISCRETIONARY = "discretionary", "Other (discretionary, s44(4))"

    concern = models.ForeignKey(
        Concern, on_delete=models.PROTECT, related_name="adults_reviews"
    )
    basis = models.CharField(max_length=20, choices=Basis.choices)
    started_on = models.DateField("review commissioned on")
    completed_on = models.DateField(null=True, blank=True)
    risk_types = models.JSONField("types of risk reviewed", default=list, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = "safeguarding adults review"

    def timeline_entry(self) -> tuple[str, str]:
        title = f"Safeguarding Adults Review commissioned {self.started_on:%d/%m/%Y}"
        if self.completed_on:
            title += f", completed {self.completed_on:%d/%m/%Y}"
        return title, self.notes

    def clean(self) -> None:
        _not_future("started_on", self.started_on)
        _not_future("completed_on", self.completed_on)
        if (
            self.completed_on
            and self.started_on
            and self.completed_on < self.started_on
        ):
            raise ValidationError({"completed_on": "Completed after it started."})
        known = set(RiskType.values)
        if not isinstance(self.risk_types, list) or not set(self.risk_types) <= known:
            raise ValidationError({"risk_types": "Choose from the list."})
