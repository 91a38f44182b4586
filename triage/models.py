"""Triage decision, risk screen and OT review: the stage records of triage."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from cases.models import DischargeCase, Pathway, Priority


class TriageDecision(models.Model):
    class Outcome(models.TextChoices):
        ACCEPT = "accept", "Accept"
        SIGNPOST = "signpost", "Signpost – no service needed"
        DECLINE = "decline", "Decline (e.g. out of area)"
        REDIRECT = "redirect", "Redirect to another service"

    case = models.OneToOneField(
        DischargeCase, on_delete=models.PROTECT, related_name="triage"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    priority = models.CharField(max_length=10, choices=Priority.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    DECIDED = {
        Outcome.ACCEPT: "accepted",
        Outcome.SIGNPOST: "signposted, no service needed",
        Outcome.DECLINE: "declined",
        Outcome.REDIRECT: "redirected to another service",
    }

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.get_priority_display()})"

    def timeline_entry(self) -> tuple[str, str]:
        """What the case timeline says was decided, and why."""
        decided = self.DECIDED.get(self.outcome, self.get_outcome_display())
        priority = self.get_priority_display().lower()
        return f"Triage: {decided}, priority {priority}", self.reason

    @property
    def accepted(self) -> bool:
        return self.outcome == self.Outcome.ACCEPT


class RiskScreen(models.Model):
    class Skin(models.TextChoices):
        INTACT = "intact", "Intact"
        AT_RISK = "at_risk", "At risk"
        DAMAGE = "damage", "Pressure damage present"

    class Continence(models.TextChoices):
        CONTINENT = "continent", "Continent"
        OCCASIONAL = "occasional", "Occasional incontinence"
        INCONTINENT = "incontinent", "Incontinent"
        CATHETER = "catheter", "Catheter in place"

    class Level(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    case = models.OneToOneField(
        DischargeCase, on_delete=models.PROTECT, related_name="risk_screen"
    )
    falls_last_year = models.PositiveSmallIntegerField(
        "falls in the last year", default=0
    )
    lives_alone = models.BooleanField(default=False)
    cognitive_impairment = models.BooleanField(
        "cognitive impairment or dementia", default=False
    )
    capacity_concern = models.BooleanField("mental capacity concern", default=False)
    medication_support = models.BooleanField(
        "needs support with medication", default=False
    )
    skin_integrity = models.CharField(
        max_length=10, choices=Skin.choices, default=Skin.INTACT
    )
    stairs_to_access = models.BooleanField(
        "stairs to get in or to bed/toilet", default=False
    )
    key_safe_needed = models.BooleanField("key safe needed for carers", default=False)
    home_hazards = models.BooleanField("hazards in the home", default=False)
    continence = models.CharField(
        max_length=12, choices=Continence.choices, default=Continence.CONTINENT
    )
    nutrition_risk = models.BooleanField(
        "risk of malnutrition or dehydration", default=False
    )
    carer_strain = models.BooleanField("carer strain", default=False)
    carers_needed = models.PositiveSmallIntegerField(
        "carers needed for personal care",
        default=0,
        choices=[(0, "None"), (1, "One"), (2, "Two (double-handed)")],
    )
    hoist_needed = models.BooleanField(default=False)
    bariatric = models.BooleanField("bariatric care or equipment", default=False)
    needs_24_hour_care = models.BooleanField("needs 24-hour care", default=False)
    safeguarding_indicator = models.BooleanField(default=False)
    safeguarding_notes = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    score = models.PositiveSmallIntegerField(default=0, editable=False)
    level = models.CharField(max_length=6, choices=Level.choices, editable=False)
    flags_ot_review = models.BooleanField(default=False, editable=False)
    rules_fired = models.JSONField(default=list, editable=False)
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    screened_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Risk {self.get_level_display()} ({self.score})"

    def timeline_entry(self) -> tuple[str, str]:
        title = (
            f"Risk screen: {self.get_level_display().lower()} risk, score {self.score}"
        )
        if self.flags_ot_review:
            title += ", OT review needed"
        if self.safeguarding_indicator:
            title += ", safeguarding indicator"
        reasons = "; ".join(rule["label"] for rule in self.rules_fired)
        return title, reasons

    @property
    def ot_reasons(self) -> list[str]:
        return [rule["label"] for rule in self.rules_fired if rule.get("flags_ot")]

    # What `skills` reads (a list of many screens reads only these).
    SKILLS_READ = (
        "carers_needed",
        "hoist_needed",
        "cognitive_impairment",
        "bariatric",
        "continence",
    )

    @property
    def skills(self) -> list[str]:
        """The carer skills this screen asks for, in the allocator's words."""
        return self.skills_of(
            **{name: getattr(self, name) for name in self.SKILLS_READ}
        )

    @classmethod
    def skills_of(
        cls, *, carers_needed, hoist_needed, cognitive_impairment, bariatric, continence
    ) -> list[str]:
        """`skills` from a screen's values (`SKILLS_READ`), as a list of many
        cases reads them without loading each screen."""
        skills = []
        if carers_needed >= 2 or hoist_needed:
            skills.append("double_handed")
        if cognitive_impairment:
            skills.append("dementia")
        if bariatric:
            skills.append("bariatric")
        if continence == cls.Continence.CATHETER:
            skills.append("catheter_care")
        return skills


class OTReview(models.Model):
    case = models.OneToOneField(
        DischargeCase, on_delete=models.PROTECT, related_name="ot_review"
    )
    recommended_pathway = models.PositiveSmallIntegerField(choices=Pathway.choices)
    agrees_with_recommendation = models.BooleanField(default=True)
    change_reason = models.TextField(blank=True)
    moving_handling_notes = models.TextField("moving and handling notes")
    carers_per_visit = models.PositiveSmallIntegerField(
        choices=[(1, "One"), (2, "Two (double-handed)")], default=1
    )
    equipment_notes = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    reviewed_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"OT review: pathway {self.recommended_pathway}"

    def timeline_entry(self) -> tuple[str, str]:
        agrees = "agrees with" if self.agrees_with_recommendation else "differs from"
        title = (
            f"OT review: pathway {self.get_recommended_pathway_display()} "
            f"({agrees} the system's recommendation)"
        )
        return title, self.change_reason or self.moving_handling_notes
