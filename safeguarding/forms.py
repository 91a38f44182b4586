from django import forms
from django.contrib.auth import get_user_model

from cases.forms import DATE, DATETIME, PlausibleDates
from cases.models import Person

from . import models
from .selectors import lead_users

CHECKBOXES = forms.CheckboxSelectMultiple
TEXT = forms.Textarea(attrs={"rows": 3})
CODING_FIELDS = [
    "location_of_risk",
    "source_of_risk",
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


class RaiseForm(PlausibleDates, forms.ModelForm):
    """A concern, raised in seconds: what happened and what was done."""

    risk_types = _risk_types_field()

    class Meta:
        model = models.Concern
        fields = [
            "description",
            "risk_types",
            "immediate_actions",
            "police_called",
            "other_adults_at_risk",
            "children_at_risk",
            "received_via",
            "received_at",
            "reported_by",
            "location_of_risk",
            "source_of_risk",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "immediate_actions": TEXT,
            "received_at": DATETIME,
        }
        help_texts = {
            "received_at": "When the concern reached the hub.",
            "location_of_risk": "If known; the lead confirms it at screening.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_at"].input_formats = ["%Y-%m-%dT%H:%M"]


class PersonLookupForm(forms.Form):
    nhs_number = forms.CharField(
        label="NHS number", max_length=12, help_text="Of the adult at risk."
    )


class NewPersonForm(PlausibleDates, forms.ModelForm):
    """For an adult the hub has no record of yet."""

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
        ]
        widgets = {"date_of_birth": DATE}


class ScreeningForm(forms.ModelForm):
    risk_types = _risk_types_field()

    class Meta:
        model = models.Screening
        fields = ["information_gathered"]
        widgets = {"information_gathered": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, concern, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.concern = concern
        coding = forms.fields_for_model(models.Concern, fields=CODING_FIELDS)
        for name in CODING_FIELDS[:-1]:
            coding[name].required = True
        coding["capacity_support"].required = False
        coding["msp_outcomes_wanted"].widget = TEXT
        self.fields.update(coding)
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
            "held_on",
            "attendees",
            "agencies",
            "decisions",
            "enquiry_lead",
            "caused_enquiry",
            "caused_to",
        ]
        widgets = {"held_on": DATE}


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
    class Meta:
        model = models.PlanReview
        fields = ["reviewed_on", "risk_now", "notes"]
        widgets = {"reviewed_on": DATE}


class ClosureForm(StageForm):
    class Meta:
        model = models.Closure
        fields = ["reason", "adult_view", "referrer_told"]


class EarlyClosureForm(forms.Form):
    reason = forms.CharField(widget=TEXT, help_text="Why the concern closes now.")
    adult_view = forms.CharField(label="The adult's view", widget=TEXT, required=False)
    referrer_told = forms.BooleanField(label="The referrer was told", required=False)


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
