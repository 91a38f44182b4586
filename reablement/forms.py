"""The episode's forms. Goal and call fields are made per episode: one
score per goal, one duration per planned call."""

from django import forms
from django.utils import timezone

from cases.forms import DATE, PlausibleDates

from . import visits
from .codes import EARLY, GAS, LongTermSetting, Sequel, WhereAt91

SCORE_HELP = "Goal attainment scale: 0 is the level agreed as the goal."


def score_field(label: str, initial=None) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=GAS, coerce=int, initial=initial, help_text=SCORE_HELP
    )


class EpisodeForm(PlausibleDates, forms.Form):
    def __init__(self, *args, episode, **kwargs):
        super().__init__(*args, **kwargs)
        self.episode = episode
        self.goals = list(episode.goals.all())

    def goal_values(self, prefix: str) -> dict:
        return {g: self.cleaned_data[f"{prefix}{g.pk}"] for g in self.goals}


class GoalsForm(EpisodeForm):
    """Each goal in the person's words and where it starts on the scale."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}"] = forms.CharField(
                label=f"Goal: {goal.get_outcome_display()}",
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=goal.description,
            )
            self.fields[f"start_{goal.pk}"] = score_field(
                f"Score at the start: {goal.get_outcome_display()}", goal.start_score
            )

    def goal_map(self) -> dict:
        return {
            g: (self.cleaned_data[f"goal_{g.pk}"], self.cleaned_data[f"start_{g.pk}"])
            for g in self.goals
        }


class ReviewForm(EpisodeForm):
    held_on = forms.DateField(label="Review held on", widget=DATE)
    progress = forms.CharField(
        label="Progress: what the person can now do",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hours = forms.DecimalField(
        label="Hours of support a week after this review",
        min_value=0,
        max_value=168,
        decimal_places=2,
        required=False,
        help_text="The provider's visits are not planned in the hub: say the "
        "hours a week they now give.",
    )
    end_now = forms.BooleanField(
        label="The goals are met: end reablement now", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()
        for goal in self.goals:
            self.fields[f"score_{goal.pk}"] = score_field(
                f"Score now: {goal.get_outcome_display()}"
            )
        self.calls = visits.active_calls(self.episode)
        for call in self.calls:
            self.fields[f"call_{call.pk}"] = forms.IntegerField(
                label=f"Minutes: {call} (0 stops the call)",
                min_value=0,
                max_value=240,
                initial=call.minutes,
            )
        if visits.plan_of(self.episode) is not None:
            del self.fields["hours"]

    def clean(self):
        data = super().clean()
        if "hours" in self.fields and data.get("hours") is None:
            self.add_error("hours", "Say the hours a week the provider now gives.")
        return data

    def call_changes(self) -> dict:
        return {c.pk: self.cleaned_data[f"call_{c.pk}"] for c in self.calls}


class HandoverForm(EpisodeForm):
    lts_provider = forms.CharField(
        label="Long-term support provider", max_length=200, required=False
    )
    lts_setting = forms.ChoiceField(
        label="Long-term support setting",
        choices=[("", "—")] + LongTermSetting.choices,
        required=False,
    )
    lts_start = forms.DateField(
        label="Long-term support starts", widget=DATE, required=False
    )
    lts_hours = forms.DecimalField(
        label="Long-term support hours a week",
        min_value=0,
        max_value=168,
        decimal_places=2,
        required=False,
    )

    def handover(self) -> dict:
        names = ("lts_provider", "lts_setting", "lts_start", "lts_hours")
        return {n: self.cleaned_data.get(n) for n in names}


class EndForm(HandoverForm):
    ended_on = forms.DateField(label="Reablement ended on", widget=DATE)
    sequel = forms.ChoiceField(
        label="What follows (SALT STS002a sequel to short-term support)",
        choices=[("", "—")] + Sequel.choices,
    )
    note = forms.CharField(
        label="About the end", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    field_order = ["ended_on", "sequel", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate()
        for goal in self.goals:
            self.fields[f"end_{goal.pk}"] = score_field(
                f"Score at the end: {goal.get_outcome_display()}"
            )


class ReadmissionForm(HandoverForm):
    admitted_on = forms.DateField(label="Admitted on", widget=DATE)
    reason = forms.CharField(
        label="Reason for the admission", widget=forms.Textarea(attrs={"rows": 2})
    )
    ends = forms.TypedChoiceField(
        label="Reablement",
        choices=[("0", "Pauses until the person is home"), ("1", "Ends")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    sequel = forms.ChoiceField(
        label="If it ends: what follows (SALT STS002a)",
        choices=[("", "—")] + [(s.value, s.label) for s in Sequel if s in EARLY],
        required=False,
    )
    field_order = ["admitted_on", "reason", "ends", "sequel"]


class ResumeForm(PlausibleDates, forms.Form):
    resumed_on = forms.DateField(label="Home again on", widget=DATE)


class FollowUpForm(EpisodeForm):
    where = forms.ChoiceField(
        label="Where the person is 91 days after discharge",
        choices=[("", "—")] + WhereAt91.choices,
        help_text="Not known counts as not at home.",
    )
    followup_on = forms.DateField(label="Checked on", widget=DATE)
    note = forms.CharField(
        label="How it was checked",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["followup_on"].initial = timezone.localdate()
