"""Pathway decisions, reablement providers with their capacity, and the
arrangements made for each pathway (reablement start, bed-based placement)."""

import datetime

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from cases.models import DischargeCase, Locality, Pathway


class Band(models.TextChoices):
    MORNING = "morning", "Morning"
    LUNCH = "lunch", "Lunch"
    TEA = "tea", "Tea"
    BED = "bed", "Bed"


class Skill(models.TextChoices):
    DOUBLE_HANDED = "double_handed", "Double-handed care"
    DEMENTIA = "dementia", "Dementia"
    BARIATRIC = "bariatric", "Bariatric"
    CATHETER_CARE = "catheter_care", "Catheter care"


class PathwayDecision(models.Model):
    case = models.OneToOneField(
        DischargeCase, on_delete=models.PROTECT, related_name="pathway_decision"
    )
    recommended = models.PositiveSmallIntegerField(choices=Pathway.choices)
    recommendation_reasons = models.JSONField(default=list)
    chosen = models.PositiveSmallIntegerField(choices=Pathway.choices)
    override_reason = models.TextField(blank=True)
    visit_pattern = models.JSONField(
        default=list,
        blank=True,
        help_text="Planned reablement calls: [{band, minutes, carers}] (pathway 1).",
    )
    length_days = models.PositiveSmallIntegerField(
        "planned reablement length (days)", default=42
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Pathway {self.chosen}"

    def timeline_entry(self) -> tuple[str, str]:
        title = f"Pathway decision: {self.get_chosen_display()}"
        if self.overridden:
            title += f" (the system recommended {self.get_recommended_display()})"
        return title, self.override_reason

    @property
    def overridden(self) -> bool:
        return self.chosen != self.recommended


class Provider(models.Model):
    class Kind(models.TextChoices):
        HOME_CARE = "home_care", "Home care (publishes carer-minutes)"
        BEDS = "beds", "Bed-based setting, pathway 2/3 (publishes bed vacancies)"

    name = models.CharField(max_length=120, unique=True)
    code = models.SlugField(max_length=40, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.HOME_CARE)
    localities = models.ManyToManyField(Locality, related_name="providers")
    skills = models.JSONField(
        default=list, blank=True, help_text=f"Any of: {', '.join(Skill.values)}."
    )
    phone = models.CharField(max_length=30, blank=True)
    active = models.BooleanField(default=True)
    history = HistoricalRecords(m2m_fields=[localities])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProviderCapacity(models.Model):
    """Carer-minutes a provider publishes for one day and time band."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="capacity"
    )
    date = models.DateField()
    band = models.CharField(max_length=10, choices=Band.choices)
    minutes = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["provider", "date", "band"]
        verbose_name_plural = "provider capacity"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "date", "band"], name="one_capacity_per_band_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.date:%d/%m} {self.band}: {self.minutes}"


class ReablementStart(models.Model):
    """A start of reablement (pathway 1), booked against capacity: offered to
    the provider, then agreed by it, or released (declined, expired,
    cancelled). Offered and agreed starts hold the provider's carer-minutes."""

    class Status(models.TextChoices):
        OFFERED = "offered", "Offered"
        AGREED = "agreed", "Agreed"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"
        CANCELLED = "cancelled", "Cancelled"

    HOLDING = (Status.OFFERED, Status.AGREED)  # take capacity
    RELEASED = (Status.DECLINED, Status.EXPIRED, Status.CANCELLED)
    RETURNED = (Status.DECLINED, Status.EXPIRED)  # back on the waiting list

    class Source(models.TextChoices):
        MANUAL = "manual", "Chosen by hand"
        ALLOCATOR = "allocator", "Accepted from the allocator"

    case = models.OneToOneField(
        DischargeCase, on_delete=models.PROTECT, related_name="reablement_start"
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="starts"
    )
    start_date = models.DateField()
    length_days = models.PositiveSmallIntegerField(default=42)
    visits = models.JSONField(help_text="[{band, minutes, carers}]")
    status = models.CharField(  # booking sets OFFERED (services)
        max_length=10, choices=Status.choices, default=Status.AGREED
    )
    source = models.CharField(
        max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        help_text="Who booked it (offered it to the provider).",
    )
    agreed_at = models.DateTimeField(auto_now_add=True)
    offer_deadline = models.DateTimeField(
        null=True, blank=True, help_text="The provider answers by then, or it expires."
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [  # selectors.booked: a provider's agreed starts by date
            models.Index(
                fields=["provider", "status", "start_date"],
                name="start_provider_status_day",
            ),
            # offer_services.offers_expire, on every page load: the few
            # offers still unanswered, by deadline, among years of answers
            models.Index(
                fields=["offer_deadline"],
                condition=models.Q(status="offered"),
                name="start_offer_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} from {self.start_date:%d/%m/%Y}"

    def timeline_entry(self) -> tuple[str, str]:
        calls = ", ".join(
            f"{Band(v['band']).label.lower()} {v['minutes']} min × {v['carers']}"
            for v in self.visits
        )
        source = self.get_source_display().lower()
        title = f"Reablement start offered to {self} ({source})"
        return title, f"Visits: {calls}" if calls else ""

    @property
    def end_date(self) -> datetime.date:
        return self.start_date + datetime.timedelta(days=self.length_days - 1)

    def band_minutes(self) -> dict[str, int]:
        """Carer-minutes a day in each band: Σ minutes × carers."""
        return self.visits_band_minutes(self.visits)

    @staticmethod
    def visits_band_minutes(visits: list[dict]) -> dict[str, int]:
        load: dict[str, int] = {}
        for visit in visits:
            load[visit["band"]] = load.get(visit["band"], 0) + int(
                visit["minutes"]
            ) * int(visit["carers"])
        return load


class Placement(models.Model):
    """The bed-based (pathway 2) or long-term (pathway 3) setting arranged.

    With a provider on the hub it is an offer held against that provider's
    published vacancies until accepted (agreed), declined or expired (both
    release the bed); a setting off the hub is agreed as recorded."""

    Status = ReablementStart.Status
    HOLDING, RELEASED, RETURNED = (
        ReablementStart.HOLDING,
        ReablementStart.RELEASED,
        ReablementStart.RETURNED,
    )

    class Setting(models.TextChoices):
        D2A_BED = "d2a_bed", "Discharge to assess bed"
        COMMUNITY_HOSPITAL = "community_hospital", "Community hospital"
        CARE_HOME_RESIDENTIAL = "care_home_residential", "Care home – residential"
        CARE_HOME_NURSING = "care_home_nursing", "Care home – nursing"

    case = models.OneToOneField(
        DischargeCase, on_delete=models.PROTECT, related_name="placement"
    )
    setting = models.CharField(max_length=30, choices=Setting.choices)
    setting_name = models.CharField("name of the setting", max_length=160)
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        help_text="The setting on the hub whose vacancy is offered (none: a "
        "setting off the hub, recorded as arranged).",
    )
    start_date = models.DateField()
    notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.AGREED
    )
    arranged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    arranged_at = models.DateTimeField(auto_now_add=True)
    offer_deadline = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [  # as ReablementStart's start_offer_due
            models.Index(
                fields=["offer_deadline"],
                condition=models.Q(status="offered"),
                name="placement_offer_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_setting_display()}: {self.setting_name}"

    def timeline_entry(self) -> tuple[str, str]:
        verb = "offered" if self.status == self.Status.OFFERED else "arranged"
        return f"Placement {verb}: {self} from {self.start_date:%d/%m/%Y}", self.notes


class AllocationRun(models.Model):
    """One run of the allocator: the problem as built, the result, the figures."""

    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    what_if = models.BooleanField(
        default=False, help_text="Solved from an uploaded problem: nothing to accept."
    )
    localities = models.ManyToManyField(
        Locality,
        blank=True,
        related_name="allocation_runs",
        help_text="The localities the run planned: only staff whose scope covers "
        "them all may open it (a what-if run plans none; it is its maker's).",
    )
    problem = models.JSONField()
    result = models.JSONField()
    greedy_result = models.JSONField()
    score = models.BigIntegerField()
    bound = models.BigIntegerField(null=True)
    greedy_score = models.BigIntegerField()
    seconds = models.FloatField()
    status = models.CharField(max_length=12)
    method = models.CharField(max_length=20)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Allocation run {self.pk} ({self.created_at:%d/%m/%Y %H:%M})"

    STATUS_WORDS = {"optimal": "the proven best", "feasible": "not proven best"}

    @property
    def status_text(self) -> str:
        return self.STATUS_WORDS.get(self.status, self.status)

    @property
    def gap_percent(self) -> float | None:
        if self.bound is None or self.bound == 0:
            return None
        return 100 * (self.bound - self.score) / self.bound

    @property
    def improvement_percent(self) -> float | None:
        if not self.greedy_score:
            return None
        return 100 * (self.score - self.greedy_score) / self.greedy_score


class AllocationProposal(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    run = models.ForeignKey(
        AllocationRun, on_delete=models.PROTECT, related_name="proposals"
    )
    case = models.ForeignKey(
        DischargeCase, on_delete=models.PROTECT, related_name="allocation_proposals"
    )
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT)
    start_date = models.DateField()
    greedy_start_date = models.DateField(
        null=True,
        blank=True,
        help_text="Where the manual, most-urgent-first way put it.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "pk"]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.provider} from {self.start_date:%d/%m}"

    @property
    def days_saved(self) -> int | None:
        """Days earlier than the greedy plan; None when greedy left it unplaced."""
        if self.greedy_start_date is None:
            return None
        return (self.greedy_start_date - self.start_date).days


from .bed_models import BedVacancy  # noqa: E402, F401  (a model of this app)
from .provider_models import ProviderStaff  # noqa: E402, F401  (a model of this app)
