from django import forms
from django.contrib.auth import get_user_model

from cases.forms import DATE, DATETIME, PlausibleDates
from cases.models import Person
from cases.validators import nhs_number_normalise, validate_nhs_number

from . import models
from .codes import (
    ActionResult,
    MspAchieved,
    RiskLocation,
    RiskOutcome,
    RiskSource,
    Urgency,
)
from .selectors import lead_users

CHECKBOXES = forms.CheckboxSelectMultiple
TEXT = forms.Textarea(attrs={"rows": 3})
SAC_PERSON_FIELDS = ["sex", "ethnicity", "primary_support_reason"]
CODING_FIELDS = [
    "risk_locations",
    "risk_sources",
    "lacked_capacity",
    "capacity_support",
    "msp_asked",
    "msp_outcomes_wanted",
]


def _risk_types_field(**kwargs) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        models.RiskTypeCode.objects.all(),
        widget=CHECKBOXES,
        label="Types of risk",
        help_text="Tick every type that applies.",
        **kwargs,
    )


def _codes_field(choices, label: str, **kwargs) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices,
        widget=CHECKBOXES,
        label=label,
        help_text="Tick every one that applies.",
        **kwargs,
    )


def _locations_field(**kwargs):
    return _codes_field(RiskLocation.choices, "Locations of risk", **kwargs)


def _sources_field(**kwargs):
    return _codes_field(RiskSource.choices, "Sources of risk", **kwargs)


def _either(yes: str, no: str) -> forms.TypedChoiceField:
    """A yes/no as two radio buttons; not sent means yes (older pages)."""
    return forms.TypedChoiceField(
        choices=[("yes", yes), ("no", no)],
        coerce=lambda value: value == "yes",
        empty_value=True,
        required=False,
        initial="yes",
        widget=forms.RadioSelect,
    )


class RaiseForm(PlausibleDates, forms.ModelForm):
    """A concern, raised in seconds: what happened and what was done."""

    risk_types = _risk_types_field()
    risk_locations = _locations_field(required=False)
    risk_sources = _sources_field(required=False)

    class Meta:
        model = models.Concern
        fields = [
            "urgency",
            "description",
            "risk_types",
            "immediate_actions",
            "police_called",
            "other_adults_at_risk",
            "children_at_risk",
            "received_via",
            "received_at",
            "reported_by",
            "risk_locations",
            "risk_sources",
        ]
        widgets = {
            "urgency": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "immediate_actions": TEXT,
            "received_at": DATETIME,
        }
        help_texts = {
            "received_at": "When the concern reached the hub.",
            "risk_locations": "If known; the lead confirms them at screening.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_at"].input_formats = ["%Y-%m-%dT%H:%M"]
        self.fields["urgency"].required = False  # not chosen: routine
        self.fields["urgency"].choices = Urgency.choices

    def clean_urgency(self) -> str:
        return self.cleaned_data["urgency"] or Urgency.ROUTINE


class PersonLookupForm(forms.Form):
    nhs_number = forms.CharField(
        label="NHS number",
        max_length=12,
        required=False,
        help_text="Of the adult at risk. Not known (a call from the public or "
        "the police)? Leave it blank and give their name and address below: "
        "a lead confirms who they are later.",
    )


class NewPersonForm(PlausibleDates, forms.ModelForm):
    """For an adult the hub has no record of yet (the date of birth may be
    unknown while their identity is unconfirmed)."""

    class Meta:
        model = Person
        fields = [
            "given_name",
            "family_name",
            "date_of_birth",
            "address_line_1",
            "town",
            "postcode",
            "locality",
            "phone",
            *SAC_PERSON_FIELDS,
        ]
        widgets = {"date_of_birth": DATE}
        help_texts = {"date_of_birth": "If known."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The NHS number is the lookup form's; the service confirms identity.
        self.instance.identity_confirmed = False


class IdentityForm(PlausibleDates, forms.ModelForm):
    """A lead confirms who the adult of a concern is: their NHS number links
    the concern to the hub's record when there is one."""

    class Meta:
        model = Person
        fields = ["nhs_number", "date_of_birth", *SAC_PERSON_FIELDS]
        widgets = {"date_of_birth": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nhs_number"].required = True
        self.fields["nhs_number"].max_length = 14
        self.fields["nhs_number"].validators = []
        self.fields["nhs_number"].help_text = "10 digits, with or without spaces."
        self.fields["date_of_birth"].required = False
        self.fields[
            "date_of_birth"
        ].help_text = (
            "Required unless the NHS number is of a record the hub already has."
        )

    def clean_nhs_number(self) -> str:
        value = self.cleaned_data["nhs_number"]
        validate_nhs_number(value)
        return nhs_number_normalise(value)

    def validate_unique(self) -> None:
        pass  # a known NHS number links to that record (the service decides)


class DemographicsForm(forms.ModelForm):
    """The national categories the return counts people by."""

    class Meta:
        model = Person
        fields = SAC_PERSON_FIELDS


class ScreeningForm(forms.ModelForm):
    risk_types = _risk_types_field()
    risk_locations = _locations_field()
    risk_sources = _sources_field()

    class Meta:
        model = models.Screening
        fields = ["information_gathered"]
        widgets = {"information_gathered": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, concern, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.concern = concern
        coding = forms.fields_for_model(models.Concern, fields=CODING_FIELDS[2:])
        for name in CODING_FIELDS[2:-1]:
            coding[name].required = True
        coding["capacity_support"].required = False
        coding["msp_outcomes_wanted"].widget = TEXT
        self.fields.update(coding)
        self.fields["capacity_support"].help_text = (
            "Where they lacked capacity: were they supported by an advocate, "
            "family or friend?"
        )
        self.fields["risk_types"].initial = list(concern.risk_types.all())
        for name in CODING_FIELDS:
            self.fields[name].initial = getattr(concern, name)

    @property
    def coding(self) -> dict:
        return {name: self.cleaned_data[name] for name in CODING_FIELDS}


class StageForm(PlausibleDates, forms.ModelForm):
    def __init__(self, *args, concern, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.concern = concern  # the model's rules read the concern
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3


class DecisionForm(StageForm):
    class Meta:
        model = models.Decision
        fields = [
            "has_care_needs",
            "experiencing_abuse",
            "unable_to_protect",
            "route",
            "reasons",
            "onward_action",
        ]
        widgets = {"route": forms.RadioSelect}


class StrategyForm(StageForm):
    class Meta:
        model = models.StrategyDiscussion
        fields = [
            "needed",
            "not_needed_reason",
            "held_on",
            "attendees",
            "agencies",
            "decisions",
            "enquiry_lead",
            "caused_enquiry",
            "caused_to",
        ]
        widgets = {"held_on": DATE}

    needed = _either(
        "Held: record it below", "Not needed: say why (nothing else to fill in)"
    )


class EnquiryForm(StageForm):
    class Meta:
        model = models.Enquiry
        fields = ["actions", "findings", "concluded_on"]
        widgets = {"concluded_on": DATE}


class OutcomeForm(StageForm):
    class Meta:
        model = models.Outcome
        fields = ["action_result", "risk_outcome", "msp_achieved", "summary"]
        widgets = {"action_result": forms.RadioSelect}


class PlanForm(StageForm):
    class Meta:
        model = models.SafeguardingPlan
        fields = ["plan", "agencies_involved", "agreed_with_adult", "review_date"]
        widgets = {"review_date": DATE, "plan": forms.Textarea(attrs={"rows": 5})}


class ReviewForm(StageForm):
    risk_managed = _either(
        "The risk is managed: the plan ends and the concern goes to closure",
        "The plan continues: review it again",
    )

    class Meta:
        model = models.PlanReview
        fields = ["reviewed_on", "risk_now", "risk_managed", "next_review_on", "notes"]
        widgets = {"reviewed_on": DATE, "next_review_on": DATE}


class ClosureForm(StageForm):
    class Meta:
        model = models.Closure
        fields = ["reason", "adult_view", "referrer_told"]


class EarlyClosureForm(forms.Form):
    reason = forms.CharField(widget=TEXT, help_text="Why the concern closes now.")
    adult_view = forms.CharField(label="The adult's view", widget=TEXT, required=False)
    referrer_told = forms.BooleanField(label="The referrer was told", required=False)
    action_result = forms.ChoiceField(
        label="How the enquiry concluded",
        choices=[("", "—")] + ActionResult.choices,
        required=False,
        help_text="Once an enquiry has started, closing it early concludes it: "
        "the return counts it with this result (e.g. ceased at the "
        "individual's request).",
    )
    risk_outcome = forms.ChoiceField(
        choices=[("", "—")] + RiskOutcome.choices,
        required=False,
        help_text="Where a risk was identified and action taken.",
    )
    msp_achieved = forms.ChoiceField(
        label="The adult's outcomes were",
        choices=[("", "—")] + MspAchieved.choices,
        required=False,
        help_text="Where the adult expressed the outcomes they want.",
    )


class PauseForm(PlausibleDates, forms.ModelForm):
    class Meta:
        model = models.ClockPause
        fields = ["paused_on", "reason"]
        widgets = {"paused_on": DATE, "reason": TEXT}


class ResumeForm(PlausibleDates, forms.ModelForm):
    class Meta:
        model = models.ClockPause
        fields = ["resumed_on", "resumed_note"]
        widgets = {"resumed_on": DATE, "resumed_note": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resumed_on"].required = True


class AdvocacyForm(PlausibleDates, forms.ModelForm):
    class Meta:
        model = models.AdvocacyReferral
        fields = [
            "referred_on",
            "organisation",
            "substantial_difficulty",
            "no_appropriate_person",
            "advocate_name",
            "notes",
        ]
        widgets = {"referred_on": DATE, "notes": TEXT}


class TrustForm(PlausibleDates, forms.ModelForm):
    class Meta:
        model = models.PositionOfTrustReferral
        fields = ["referred_on", "role", "employer", "referred_to", "notes"]
        widgets = {"referred_on": DATE, "notes": TEXT}


class SarForm(PlausibleDates, forms.ModelForm):
    risk_types = _codes_field(
        models.RiskTypeCode._meta.get_field("code").choices,
        "Types of risk reviewed",
        required=False,
    )

    class Meta:
        model = models.SafeguardingAdultsReview
        fields = ["basis", "started_on", "completed_on", "risk_types", "notes"]
        widgets = {
            "basis": forms.RadioSelect,
            "started_on": DATE,
            "completed_on": DATE,
            "notes": TEXT,
        }


class NoteForm(forms.ModelForm):
    class Meta:
        model = models.Note
        fields = ["text"]
        widgets = {"text": TEXT}
        labels = {"text": "Add a note"}


class ReassignForm(forms.Form):
    lead = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), label="Give the task to"
    )

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = lead_users().exclude(pk=task.owner_id)
        self.fields["lead"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )
