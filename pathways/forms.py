from django import forms

from cases.forms import DATE, PlausibleDates
from cases.models import Pathway
from cases.widgets import Radios

from .models import Band, Placement, Provider


class VisitPatternMixin:
    """One row per time band: minutes per call and carers (blank = no call)."""

    def add_visit_fields(self, visits: list[dict]) -> None:
        by_band = {v["band"]: v for v in visits or []}
        for band in Band:
            visit = by_band.get(band.value, {})
            self.fields[f"{band.value}_minutes"] = forms.IntegerField(
                label=f"{band.label} call (minutes)",
                required=False,
                min_value=15,
                max_value=120,
                initial=visit.get("minutes"),
            )
            self.fields[f"{band.value}_carers"] = forms.TypedChoiceField(
                label="Carers",
                choices=[(1, "1"), (2, "2")],
                coerce=int,
                initial=visit.get("carers", 1),
            )

    def visit_rows(self):
        for band in Band:
            yield (
                band.label,
                self[f"{band.value}_minutes"],
                self[f"{band.value}_carers"],
            )

    def cleaned_visits(self) -> list[dict]:
        return [
            {
                "band": band.value,
                "minutes": self.cleaned_data[f"{band.value}_minutes"],
                "carers": self.cleaned_data.get(f"{band.value}_carers") or 1,
            }
            for band in Band
            if self.cleaned_data.get(f"{band.value}_minutes")
        ]


class PathwayDecisionForm(VisitPatternMixin, forms.Form):
    chosen = forms.TypedChoiceField(
        label="Pathway", choices=Pathway.choices, coerce=int, widget=Radios
    )
    override_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when you choose a pathway other than the recommendation.",
    )
    length_days = forms.IntegerField(
        label="Planned reablement length (days)", initial=42, min_value=1, max_value=42
    )

    def __init__(self, *args, case=None, recommended: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].initial = recommended
        review = getattr(case, "ot_review", None)
        carers = review.carers_per_visit if review else 1
        self.add_visit_fields([{"band": "morning", "minutes": 45, "carers": carers}])


class ReablementStartForm(PlausibleDates, VisitPatternMixin, forms.Form):
    provider = forms.ModelChoiceField(queryset=Provider.objects.none())
    start_date = forms.DateField(widget=DATE)
    length_days = forms.IntegerField(label="Length (days)", min_value=1, max_value=42)

    def __init__(
        self,
        *args,
        case=None,
        providers=None,
        visits=(),
        length_days=42,
        earliest=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields[
            "provider"
        ].help_text = "Providers covering the locality with the skills the case needs."
        self.fields["length_days"].initial = length_days
        self.fields["start_date"].initial = earliest
        self.add_visit_fields(list(visits))

    def clean(self):
        data = super().clean()
        if not self.errors and not self.cleaned_visits():
            raise forms.ValidationError("Add at least one call to the visit pattern.")
        return data


class PlacementForm(PlausibleDates, forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["setting", "provider", "setting_name", "start_date", "notes"]
        widgets = {"start_date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}
        labels = {"provider": "Setting on the hub (offered a published vacancy)"}
        help_texts = {
            "provider": "Choose a setting that publishes its vacancies: it is "
            "offered the bed and accepts or declines. Leave empty for a setting "
            "off the hub and type its name below.",
            "setting_name": "Only for a setting off the hub.",
        }

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .beds import bed_providers_for_case

        self.fields["setting_name"].required = False
        self.fields["provider"].queryset = Provider.objects.filter(
            pk__in=[p.pk for p in bed_providers_for_case(case)] if case else []
        )
        if case is not None and case.pathway == Pathway.CARE_HOME:
            self.fields["setting"].choices = [
                c for c in Placement.Setting.choices if c[0].startswith("care_home")
            ]

    def clean(self):
        data = super().clean()
        if not data.get("provider") and not data.get("setting_name", "").strip():
            self.add_error(
                "setting_name", "Choose a setting on the hub, or type the name."
            )
        return data


class AnswerByTelephoneForm(forms.Form):
    """The provider's (or, for a bed, the setting's) answer to an offer as the
    coordinator heard it."""

    answer = forms.ChoiceField(
        choices=[("accept", "Accepted"), ("decline", "Declined")],
        widget=forms.RadioSelect,
    )
    who = forms.CharField(
        max_length=120,
        help_text="Name and role, e.g. Sam Patel, care co-ordinator.",
    )
    reason = forms.CharField(
        label="Why they declined",
        required=False,
        max_length=500,
        help_text="Needed only when they declined.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, party: str = "provider", **kwargs):
        super().__init__(*args, **kwargs)
        self.party = party
        self.fields["answer"].label = f"The {party}'s answer"
        self.fields["who"].label = f"Who at the {party} gave it"

    def clean(self):
        data = super().clean()
        if data.get("answer") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", f"Say why the {self.party} declined.")
        return data
