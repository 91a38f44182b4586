from django import forms

from cases.forms import DATE, DATETIME, PlausibleDates
from pathways.models import Band

from .models import Absence, Assistant, Gender, Skill, VisitRecord

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class DayForm(PlausibleDates, forms.Form):
    day = forms.DateField(widget=DATE)


class SicknessForm(forms.Form):
    assistant = forms.ModelChoiceField(queryset=Assistant.objects.none())
    at = forms.TimeField(label="Reported sick at", widget=TIME)

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assistant"].queryset = team.assistants.filter(active=True)


class AbsenceForm(PlausibleDates, forms.Form):
    assistant = forms.ModelChoiceField(queryset=Assistant.objects.none())
    kind = forms.ChoiceField(choices=Absence.Kind.choices)
    starts_at = forms.DateTimeField(label="From", widget=DATETIME)
    ends_at = forms.DateTimeField(label="Until", widget=DATETIME)
    reported_today = forms.BooleanField(label="Reported today", required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assistant"].queryset = team.assistants.filter(active=True)


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


class ReassignForm(forms.Form):
    assistant = forms.ModelChoiceField(queryset=Assistant.objects.none())
    second_assistant = forms.ModelChoiceField(
        queryset=Assistant.objects.none(),
        required=False,
        help_text="For a double-handed visit.",
    )
    start = forms.TimeField(widget=TIME)

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        people = visit.team.assistants.filter(active=True)
        self.fields["assistant"].queryset = people
        self.fields["second_assistant"].queryset = people
        if visit.carers == 2:
            self.fields["second_assistant"].required = True

    def assistants(self) -> list:
        return [
            a
            for a in (
                self.cleaned_data["assistant"],
                self.cleaned_data["second_assistant"],
            )
            if a is not None
        ]


class RecordForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=VisitRecord.Outcome.choices, widget=forms.RadioSelect
    )
    actual_start = forms.TimeField(label="Started at", required=False, widget=TIME)
    actual_end = forms.TimeField(label="Ended at", required=False, widget=TIME)
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed unless the visit was done.",
    )


class CallForm(forms.Form):
    band = forms.ChoiceField(choices=Band.choices)
    window_start = forms.TimeField(label="Earliest start", widget=TIME)
    window_end = forms.TimeField(label="Latest start", widget=TIME)
    minutes = forms.IntegerField(label="Duration (minutes)", min_value=5, max_value=240)
    carers = forms.TypedChoiceField(choices=[(1, "1"), (2, "2")], coerce=int)
    skills = forms.MultipleChoiceField(
        choices=Skill.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    follows = forms.ModelChoiceField(
        label="Linked: starts after this call",
        queryset=None,
        required=False,
        help_text="E.g. a medication prompt 30 to 60 minutes after personal care.",
    )
    gap_min = forms.IntegerField(
        label="Shortest gap after it ends (minutes)",
        min_value=0,
        max_value=240,
        initial=0,
    )
    gap_max = forms.IntegerField(
        label="Longest gap after it ends (minutes)",
        min_value=0,
        max_value=240,
        initial=0,
    )
    active = forms.BooleanField(label="Still needed", required=False, initial=True)

    def __init__(self, *args, plan, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        others = plan.calls.filter(active=True, follows__isnull=True)
        self.fields["follows"].queryset = others.exclude(pk=getattr(call, "pk", None))


class PlanForm(forms.Form):
    gender_preference = forms.ChoiceField(
        label="Carer gender preference", choices=Gender.choices, required=False
    )
    access_notes = forms.CharField(
        label="Key safe and access notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SignOffForm(forms.Form):
    adjustment_minutes = forms.IntegerField(
        label="Adjustment (minutes)", initial=0, min_value=-600, max_value=600
    )
    adjustment_reason = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
