"""People, referrals and discharge cases: the core every stage builds on."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from viewflow.workflow.models import Process

from . import eligibility
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
        # Name search: trigram GIN indexes on PostgreSQL (migration 0008).
        indexes = [
            models.Index(fields=["family_name", "given_name"], name="person_name_idx")
        ]
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


class UsualResidence(models.TextChoices):
    OWN_HOME = "own_home", "Own home (owned or rented)"
    FAMILY_HOME = "family_home", "With family or a friend"
    SUPPORTED_HOUSING = "supported", "Supported or extra-care housing"
    CARE_HOME = "care_home", "Care home (residential)"
    NURSING_HOME = "nursing_home", "Care home with nursing"
    NO_FIXED_ABODE = "no_fixed_abode", "No fixed abode"


CARE_HOME_RESIDENCES = (UsualResidence.CARE_HOME, UsualResidence.NURSING_HOME)


class ExistingSupport(models.TextChoices):
    """Care before admission, as the guidance's pathways tell them apart: a
    package kept open while in hospital restarts at the same level on
    pathway 0; one that lapsed is restarted on pathway 1 (Annex B)."""

    NONE = "none", "None"
    HOME_CARE_PAUSED = "paused", "Home care, kept open (paused) while in hospital"
    HOME_CARE_LAPSED = "lapsed", "Home care that lapsed or was cancelled"
    LIVE_IN = "live_in", "Live-in or 24-hour care at home"
    INFORMAL = "informal", "Family or unpaid carer only"


class Referral(models.Model):
    class Source(models.TextChoices):
        ACUTE_WARD = "acute_ward", "Acute hospital ward"
        COMMUNITY_HOSPITAL = "community_hospital", "Community hospital"
        GP = "gp", "GP"
        SELF_FAMILY = "self_family", "Self or family"
        OTHER = "other", "Other"

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="referrals",
        db_index=False,  # referral_person_cover holds it
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
    meets_criteria_to_reside = models.BooleanField(
        "meets the criteria to reside",
        default=False,
        help_text="Yes while the person still needs a hospital bed (Annex D of the "
        "hospital discharge guidance); the discharge ready date is then cleared.",
    )
    usual_residence = models.CharField(
        "usual place of residence",
        max_length=20,
        choices=UsualResidence.choices,
        blank=True,
        help_text="Where the person lived before admission. A care home can be the "
        "usual place of residence: going back there is pathway 0.",
    )
    existing_support = models.CharField(
        "existing package of care",
        max_length=20,
        choices=ExistingSupport.choices,
        blank=True,
        help_text="Care the person had before admission, which may be restarted.",
    )
    existing_support_details = models.TextField(
        "existing care: who and how much",
        blank=True,
        help_text="E.g. the agency and the calls a day.",
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
        indexes = [
            models.Index(fields=["discharge_ready_date"], name="referral_drd_idx"),
            # The figures' period (mi.registry.Scope.during).
            models.Index(fields=["received_at"], name="referral_received_idx"),
            # A person's referrals by their key alone (the index holds both):
            # a name search goes from the people it found to their cases
            # without reading the referrals' rows (256 people at 100,000
            # cases: 1.5 → 0.5 ms).
            models.Index(fields=["person", "id"], name="referral_person_cover"),
        ]
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
    """Discharge to assess pathways, as the DHSC "Hospital discharge and
    community support guidance" defines them (PATHWAY_DEFINITIONS)."""

    HOME = 0, "0 – home, no new or additional support"
    REABLEMENT = 1, "1 – home with new, additional or restarted support"
    BED_BASED = 2, "2 – short-term bed-based rehabilitation or recovery"
    CARE_HOME = 3, "3 – care home, likely long-term care"


PATHWAY_DEFINITIONS = {
    Pathway.HOME: "Home, to the usual place of residence (which may be a care "
    "home), with no new or additional health or social care support. Equipment, "
    "voluntary-sector help or advice may still be given.",
    Pathway.REABLEMENT: "Home, to the usual place of residence, with new, "
    "additional or restarted support from health and/or social care: "
    "reablement, rehabilitation, home care or therapy, up to 24-hour care at home.",
    Pathway.BED_BASED: "A short-term stay in a bed-based setting for "
    "rehabilitation, reablement or recovery, before going home.",
    Pathway.CARE_HOME: "A care home placement for people likely to need "
    "long-term residential or nursing care, with their long-term needs assessed "
    "after discharge.",
}


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
        indexes = [
            models.Index(
                fields=["outcome", "locality"], name="case_outcome_locality_idx"
            ),
            models.Index(fields=["priority"], name="case_priority_idx"),
            # The figures' discharges in a period (mi.registry.Scope.during).
            models.Index(fields=["actual_discharge"], name="case_discharged_idx"),
            models.Index(
                fields=["locality"],
                condition=models.Q(outcome="open"),
                name="case_open_idx",
            ),
            # The open case list's page of ids, sorted by the referral's
            # discharge ready date (cases.listing.CappedPaginator).
            models.Index(
                fields=["referral"],
                condition=models.Q(outcome="open"),
                name="case_open_referral_idx",
            ),
        ]
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
        """Days in hospital after the CURRENT discharge ready date: the delay
        clock, as NHS England's discharge ready date measure counts it.

        NHS England, "Discharge Ready Date guidance, examples and frequently
        asked questions": the DRD is the date a patient no longer met the
        criteria to reside; the measure is the time from it to the actual
        discharge date. When a patient again meets the criteria to reside,
        the DRD of an unfinished episode is the start of the *current* period
        of not meeting them, so a moved or reset DRD restarts this clock
        (cases.delays). None while there is no DRD (still meets the criteria
        to reside, or not yet agreed) and for cases closed without discharge.
        """
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
    # The eligibility determination (Care Act s13, regulation 2(1)); condition
    # (b) is counted from the needs. Plans written before it was recorded
    # have None: "not yet determined".
    from_impairment = models.BooleanField(
        eligibility.ADULT_CONDITION_A, null=True, blank=True
    )
    impairment_detail = models.TextField("which impairment or illness", blank=True)
    wellbeing_impact = models.BooleanField(
        eligibility.ADULT_CONDITION_C, null=True, blank=True
    )
    determination_reasons = models.TextField(
        "reasons for the determination", blank=True
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Support plan for {self.case}"

    def timeline_entry(self) -> tuple[str, str]:
        agreed = " and agreed with the person" if self.agreed_with_person else ""
        title = f"Support plan written{agreed}, review on {self.review_date:%d/%m/%Y}"
        return title, f"Goals: {self.personal_goals}"

    @property
    def determination(self) -> eligibility.Determination:
        return eligibility.adult_determination(
            from_impairment=self.from_impairment,
            outcomes_unable=sum(1 for need in self.needs.all() if need.unable_because),
            wellbeing_impact=self.wellbeing_impact,
        )


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
    outcome = models.CharField(max_length=20, choices=eligibility.AdultOutcome.choices)
    need = models.TextField()
    met_by = models.CharField(max_length=20, choices=MetBy.choices)
    how = models.TextField("how the need is met", blank=True)
    # Regulation 2(3): the way the adult is unable to achieve the outcome;
    # blank when the adult can achieve it despite the need.
    unable_because = models.CharField(
        "unable to achieve it because the adult",
        max_length=20,
        choices=eligibility.AdultUnableBecause.choices,
        blank=True,
    )
    unable_why = models.TextField("why", blank=True)
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
        title = f"Need: {self.get_outcome_display()}, met by {met_by}"
        if self.unable_because:
            unable = f"Unable to achieve: the adult {self.get_unable_because_display()}"
            return title, f"{self.need}\n{unable}. {self.unable_why}"
        return title, self.need


class CarerAssessment(models.Model):
    """A carer's eligibility (Care Act s13, regulation 3), recorded with the
    support plan of the adult they care for when the carer is assessed."""

    plan = models.OneToOneField(
        SupportPlan, on_delete=models.PROTECT, related_name="carer_assessment"
    )
    carer_name = models.CharField("the carer's name", max_length=120)
    relationship = models.CharField("relationship to the person", max_length=60)
    assessed_on = models.DateField("assessed on")
    necessary_care = models.BooleanField(eligibility.CARER_CONDITION_A)
    health_at_risk = models.BooleanField(eligibility.CARER_HEALTH)
    wellbeing_impact = models.BooleanField(eligibility.CARER_CONDITION_C)
    reasons = models.TextField("reasons for the carer's determination")
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Carer's assessment of {self.carer_name}"

    def timeline_entry(self) -> tuple[str, str]:
        title = f"Carer's assessment: {self.carer_name} ({self.relationship})"
        return title, f"Reasons for the determination: {self.reasons}"

    @property
    def determination(self) -> eligibility.Determination:
        return eligibility.carer_determination(
            necessary_care=self.necessary_care,
            health_at_risk=self.health_at_risk,
            outcomes_unable=sum(1 for o in self.outcomes.all() if o.unable_because),
            wellbeing_impact=self.wellbeing_impact,
        )


class CarerOutcomeAssessed(models.Model):
    """One regulation 3(2)(b) outcome the carer is unable to achieve, and why."""

    assessment = models.ForeignKey(
        CarerAssessment, on_delete=models.PROTECT, related_name="outcomes"
    )
    outcome = models.CharField(max_length=20, choices=eligibility.CarerOutcome.choices)
    # Blank once the carer can achieve it again (rows are never deleted).
    unable_because = models.CharField(
        "unable to achieve it because the carer",
        max_length=20,
        choices=eligibility.CarerUnableBecause.choices,
        blank=True,
    )
    why = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "outcome"], name="one_row_per_carer_outcome"
            )
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()

    def timeline_entry(self) -> tuple[str, str]:
        title = f"Carer unable to achieve: {self.get_outcome_display()}"
        return title, f"The carer {self.get_unable_because_display()}. {self.why}"


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


# Delays as NHS England measures them live beside the case (cases.delay_models).
from .delay_models import (  # noqa: E402
    DelayReason,
    DelayRecord,
    DischargeReadyDateChange,
)

__all__ = [
    "CARE_HOME_RESIDENCES",
    "PATHWAY_DEFINITIONS",
    "Contact",
    "DelayReason",
    "DelayRecord",
    "Discharge",
    "DischargeCase",
    "DischargeReadyDateChange",
    "ExistingSupport",
    "Locality",
    "Pathway",
    "Person",
    "Priority",
    "Referral",
    "Staff",
    "SupportPlan",
    "SupportPlanNeed",
    "UsualResidence",
]
