"""People, referrals and discharge cases: the core every stage builds on."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from viewflow.workflow.models import Process

from .demographics import NOT_RECORDED, Ethnicity, Sex, SupportReason
from .validators import (
    age_on,
    date_of_birth_errors,
    nhs_number_format,
    nhs_number_normalise,
    postcode_district,
    postcode_normalise,
    referral_date_errors,
    validate_nhs_number,
    validate_postcode,
)

# Database backstops for the plausible ranges checked in validators.py, so no
# path round the services (admin, shell, bulk load) stores year 1 or 9999.
EARLIEST_BIRTH = datetime.date(1900, 1, 1)
EARLIEST_ADMISSION = datetime.date(2000, 1, 1)
LATEST_READY = datetime.date(2100, 12, 31)


class Locality(models.Model):
    name = models.CharField(max_length=80, unique=True)
    code = models.SlugField(max_length=40, unique=True)
    postcode_districts = models.CharField(
        max_length=400,
        blank=True,
        help_text="Outward codes served, separated by spaces, e.g. 'WR1 WR2 WR3'.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "localities"

    def __str__(self) -> str:
        return self.name

    def district_list(self) -> list[str]:
        return self.postcode_districts.upper().split()


class Staff(models.Model):
    """A user's place in the hub: the localities they work in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff"
    )
    localities = models.ManyToManyField(Locality, blank=True, related_name="staff")
    job_title = models.CharField(max_length=120, blank=True)
    history = HistoricalRecords(m2m_fields=[localities])

    class Meta:
        verbose_name_plural = "staff"

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Person(models.Model):
    class ConsentMethod(models.TextChoices):
        VERBAL = "verbal", "Verbally"
        WRITTEN = "written", "In writing"
        BEST_INTEREST = "best_interest", "Best-interest decision"
        LPA = "lpa", "By lasting power of attorney"

    nhs_number = models.CharField(
        "NHS number",
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_nhs_number],
        help_text="Only an adult whose identity is not yet confirmed (a "
        "safeguarding concern from the public) may be without one.",
    )
    identity_confirmed = models.BooleanField(
        default=True,
        help_text="False while a safeguarding concern's adult is known by name "
        "and address only.",
    )
    given_name = models.CharField(max_length=80)
    family_name = models.CharField(max_length=80)
    date_of_birth = models.DateField(null=True, blank=True)
    address_line_1 = models.CharField(max_length=120)
    address_line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80)
    postcode = models.CharField(max_length=8, validators=[validate_postcode])
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT)
    phone = models.CharField(max_length=30, blank=True)
    lives_alone = models.BooleanField(default=False)
    next_of_kin_name = models.CharField(max_length=120, blank=True)
    next_of_kin_relationship = models.CharField(max_length=60, blank=True)
    next_of_kin_phone = models.CharField(max_length=30, blank=True)
    gp_practice = models.CharField("GP practice", max_length=120, blank=True)
    communication_needs = models.TextField(blank=True)
    interpreter_language = models.CharField(
        max_length=60,
        blank=True,
        help_text="Leave blank when no interpreter is needed.",
    )
    consent_to_share = models.BooleanField(
        "consent to share information", default=False
    )
    consent_given_on = models.DateField(null=True, blank=True)
    consent_method = models.CharField(
        max_length=20, choices=ConsentMethod.choices, blank=True
    )
    # The national categories the Safeguarding Adults Collection (SG1) counts
    # people by (cases/demographics.py); "not recorded" is always allowed.
    sex = models.CharField(
        max_length=20, choices=Sex.choices, default=Sex.NOT_RECORDED, blank=True
    )
    ethnicity = models.CharField(
        max_length=20,
        choices=Ethnicity.choices,
        default=Ethnicity.NOT_RECORDED,
        blank=True,
    )
    primary_support_reason = models.CharField(
        max_length=30,
        choices=SupportReason.choices,
        default=SupportReason.NOT_RECORDED,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nhs_number__regex=r"^[0-9]{10}$"),
                name="person_nhs_number_ten_digits",
            ),
            models.CheckConstraint(
                condition=models.Q(date_of_birth__gte=EARLIEST_BIRTH),
                name="person_born_since_1900",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nhs_number_display})"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def nhs_number_display(self) -> str:
        if not self.nhs_number:
            return "not known yet"
        return nhs_number_format(self.nhs_number)

    @property
    def postcode_district(self) -> str:
        return postcode_district(self.postcode)

    @property
    def age(self) -> int | None:
        if self.date_of_birth is None:
            return None
        return age_on(self.date_of_birth, timezone.localdate())

    def clean(self) -> None:
        self.nhs_number = nhs_number_normalise(self.nhs_number) or None
        for name in ("sex", "ethnicity", "primary_support_reason"):
            if not getattr(self, name):
                setattr(self, name, NOT_RECORDED)  # left blank: not recorded
        self.postcode = postcode_normalise(self.postcode)
        if self.date_of_birth:
            errors = date_of_birth_errors(
                self.date_of_birth, today=timezone.localdate()
            )
            if errors:
                raise ValidationError({"date_of_birth": errors})
        if self.consent_to_share and not (
            self.consent_given_on and self.consent_method
        ):
            raise ValidationError(
                {"consent_method": "Say when and how consent to share was given."}
            )


class Referral(models.Model):
    class Source(models.TextChoices):
        ACUTE_WARD = "acute_ward", "Acute hospital ward"
        COMMUNITY_HOSPITAL = "community_hospital", "Community hospital"
        GP = "gp", "GP"
        SELF_FAMILY = "self_family", "Self or family"
        OTHER = "other", "Other"

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="referrals"
    )
    source = models.CharField(max_length=30, choices=Source.choices)
    hospital = models.CharField(max_length=120, blank=True)
    ward = models.CharField(max_length=80, blank=True)
    referrer_name = models.CharField(max_length=120)
    referrer_contact = models.CharField(
        max_length=120, help_text="Phone or secure email of the referrer."
    )
    received_at = models.DateTimeField(default=timezone.now)
    admission_date = models.DateField(null=True, blank=True)
    discharge_ready_date = models.DateField(
        "discharge ready date",
        null=True,
        blank=True,
        help_text="The day the ward agreed the person no longer needs a hospital bed.",
    )
    reason_for_admission = models.TextField(blank=True)
    presenting_needs = models.TextField()
    mobility_before = models.TextField("mobility before admission", blank=True)
    mobility_now = models.TextField("mobility now", blank=True)
    cognition = models.TextField(blank=True)
    ward_flags = models.TextField("anything the ward flags", blank=True)
    duplicate_reason = models.TextField(
        "reason for a second open case",
        blank=True,
        help_text="Required when this person already has an open case.",
    )
    details_given = models.JSONField(
        "person's details as given, not applied",
        default=dict,
        blank=True,
        help_text="Details typed with the referral that differ from the person's "
        "record, kept for the person's own locality to check: the referrer "
        "works elsewhere, so the record was left as it was.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discharge_ready_date__isnull=True)
                | models.Q(admission_date__isnull=True)
                | models.Q(discharge_ready_date__gte=models.F("admission_date")),
                name="referral_drd_not_before_admission",
            ),
            models.CheckConstraint(
                condition=models.Q(admission_date__isnull=True)
                | models.Q(admission_date__gte=EARLIEST_ADMISSION),
                name="referral_admission_since_2000",
            ),
            models.CheckConstraint(
                condition=models.Q(discharge_ready_date__isnull=True)
                | models.Q(
                    discharge_ready_date__gte=EARLIEST_ADMISSION,
                    discharge_ready_date__lte=LATEST_READY,
                ),
                name="referral_drd_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral for {self.person.full_name} ({self.received_at:%d/%m/%Y})"

    def timeline_entry(self) -> tuple[str, str]:
        where = ", ".join(part for part in (self.hospital, self.ward) if part)
        title = f"Referral received from {self.get_source_display().lower()}"
        drd = self.discharge_ready_date
        ready = f"Discharge ready date {drd:%d/%m/%Y}. " if drd else ""
        return (title + (f" ({where})" if where else ""), ready + self.presenting_needs)

    def clean(self) -> None:
        errors = referral_date_errors(
            received=timezone.localdate(self.received_at or timezone.now()),
            admission=self.admission_date,
            ready=self.discharge_ready_date,
        )
        if errors:
            raise ValidationError(errors)


class Priority(models.TextChoices):
    URGENT = "urgent", "Urgent"
    HIGH = "high", "High"
    ROUTINE = "routine", "Routine"


class Pathway(models.IntegerChoices):
    HOME = 0, "0 – home, no new support"
    REABLEMENT = 1, "1 – home with reablement"
    BED_BASED = 2, "2 – bed-based rehabilitation"
    CARE_HOME = 3, "3 – long-term care placement"


class DischargeCase(Process):
    """A referral's journey through the hub: the discharge flow's process."""

    class Outcome(models.TextChoices):
        OPEN = "open", "Open"
        DISCHARGED = "discharged", "Discharged"
        NOT_ACCEPTED = "not_accepted", "Not accepted at triage"
        CLOSED = "closed", "Closed"

    class ClosedBecause(models.TextChoices):
        """Why a case was closed or withdrawn before discharge."""

        DIED = "died", "The person died"
        READMITTED = "readmitted", "Readmitted, or stays in hospital"
        DECLINED = "declined", "The person declined the service"
        MOVED_AWAY = "moved_away", "Moved out of the area"
        NOT_NEEDED = "not_needed", "No longer needs the service"
        OTHER = "other", "Other"

    referral = models.OneToOneField(
        Referral, on_delete=models.PROTECT, related_name="case"
    )
    locality = models.ForeignKey(
        Locality, on_delete=models.PROTECT, related_name="cases"
    )
    priority = models.CharField(
        max_length=10, choices=Priority.choices, default=Priority.ROUTINE
    )
    pathway = models.PositiveSmallIntegerField(
        choices=Pathway.choices, null=True, blank=True
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_cases",
    )
    ot = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ot_cases",
        verbose_name="OT",
    )
    flagged_for_ot = models.BooleanField("flagged for OT review", default=False)
    safeguarding_indicator = models.BooleanField(default=False)
    planned_discharge = models.DateField(
        "planned discharge date", null=True, blank=True
    )
    actual_discharge = models.DateTimeField("discharged at", null=True, blank=True)
    outcome = models.CharField(
        max_length=20, choices=Outcome.choices, default=Outcome.OPEN
    )
    closure_reason = models.TextField(blank=True)
    closed_because = models.CharField(
        max_length=20, choices=ClosedBecause.choices, blank=True
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "discharge case"
        ordering = ["-created"]
        permissions = [
            ("work_case", "Can work discharge cases (coordinator tasks)"),
            ("review_case", "Can carry out OT reviews"),
            ("override_discharge_gate", "Can override the discharge gates"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.person.full_name}"

    def get_absolute_url(self) -> str:
        return reverse("hub:case_detail", args=[self.pk])

    def timeline_entry(self) -> tuple[str, str]:
        return "Case opened", ""

    @property
    def reference(self) -> str:
        return f"DC-{self.pk:05d}"

    @property
    def person(self) -> Person:
        return self.referral.person

    @property
    def is_open(self) -> bool:
        return self.outcome == self.Outcome.OPEN

    def delay_days(self, today: datetime.date | None = None) -> int | None:
        """Days in hospital after the discharge ready date (the delay clock)."""
        drd = self.referral.discharge_ready_date
        if drd is None:
            return None
        if self.actual_discharge:
            end = timezone.localtime(self.actual_discharge).date()
        elif self.is_open:
            end = today or timezone.localdate()
        else:
            return None
        return max((end - drd).days, 0)


class Contact(models.Model):
    class Kind(models.TextChoices):
        PHONE = "phone", "Phone call"
        VISIT = "visit", "Visit"
        MDT = "mdt", "MDT meeting"
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"

    case = models.ForeignKey(
        DischargeCase, on_delete=models.PROTECT, related_name="contacts"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    with_whom = models.CharField(max_length=160)
    occurred_at = models.DateTimeField(default=timezone.now)
    summary = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    entered_in_error = models.BooleanField(default=False)
    error_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.with_whom}"


class EligibilityOutcome(models.TextChoices):
    """The ten outcomes of the Care and Support (Eligibility Criteria)
    Regulations 2015."""

    NUTRITION = "nutrition", "Managing and maintaining nutrition"
    HYGIENE = "hygiene", "Maintaining personal hygiene"
    TOILET = "toilet", "Managing toilet needs"
    CLOTHED = "clothed", "Being appropriately clothed"
    HOME_SAFELY = "home_safely", "Being able to make use of the home safely"
    HABITABLE = "habitable", "Maintaining a habitable home environment"
    RELATIONSHIPS = (
        "relationships",
        "Developing and maintaining family or other personal relationships",
    )
    WORK = "work", "Accessing work, training, education or volunteering"
    COMMUNITY = "community", "Using facilities or services in the local community"
    CHILD = "child", "Carrying out caring responsibilities for a child"


class SupportPlan(models.Model):
    case = models.OneToOneField(
        DischargeCase, on_delete=models.PROTECT, related_name="support_plan"
    )
    personal_goals = models.TextField(
        "the person's own goals", help_text="In the person's words where possible."
    )
    visit_pattern = models.TextField(blank=True)
    family_support = models.TextField("family and informal support", blank=True)
    community_resources = models.TextField(blank=True)
    review_date = models.DateField()
    agreed_with_person = models.BooleanField(default=False)
    agreed_on = models.DateField(null=True, blank=True)
    agreed_how = models.CharField(max_length=120, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Support plan for {self.case}"

    def timeline_entry(self) -> tuple[str, str]:
        agreed = " and agreed with the person" if self.agreed_with_person else ""
        title = f"Support plan written{agreed}, review on {self.review_date:%d/%m/%Y}"
        return title, f"Goals: {self.personal_goals}"


class SupportPlanNeed(models.Model):
    class MetBy(models.TextChoices):
        REABLEMENT = "reablement", "Reablement visits"
        EQUIPMENT = "equipment", "Equipment"
        FAMILY = "family", "Family or informal support"
        COMMUNITY = "community", "Community resources"
        SELF = "self", "Managed independently"

    plan = models.ForeignKey(
        SupportPlan, on_delete=models.PROTECT, related_name="needs"
    )
    outcome = models.CharField(max_length=20, choices=EligibilityOutcome.choices)
    need = models.TextField()
    met_by = models.CharField(max_length=20, choices=MetBy.choices)
    how = models.TextField("how the need is met", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "outcome"], name="one_need_per_outcome"
            )
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()

    def timeline_entry(self) -> tuple[str, str]:
        met_by = self.get_met_by_display().lower()
        return f"Need: {self.get_outcome_display()}, met by {met_by}", self.need


class Discharge(models.Model):
    case = models.OneToOneField(
        DischargeCase, on_delete=models.PROTECT, related_name="discharge"
    )
    discharged_at = models.DateTimeField()
    transport = models.CharField(max_length=120)
    access_arrangements = models.TextField(
        "access and key safe",
        help_text="How carers get in (key safe location, who holds keys). "
        "Never record a key safe code here.",
    )
    gate_override_reason = models.TextField(blank=True)
    gate_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Cautions (cases.gates) do not block, but are acknowledged: what was shown,
    # who was consulted about it, when, and what was agreed.
    cautions_acknowledged = models.TextField(blank=True)
    consulted = models.CharField(
        "who you consulted",
        max_length=160,
        blank=True,
        help_text="Name and role, e.g. the safeguarding lead.",
    )
    consulted_at = models.DateTimeField("when", null=True, blank=True)
    consultation_agreed = models.TextField("what was agreed", blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Discharge of {self.case}"

    def timeline_entry(self) -> tuple[str, str]:
        when = timezone.localtime(self.discharged_at)
        title = f"Discharge confirmed: home {when:%d/%m/%Y %H:%M}, {self.transport}"
        override = self.gate_override_reason
        return title, f"Gates overridden: {override}" if override else ""
