from django import forms

from cases.models import Pathway

from .models import OTReview, RiskScreen, TriageDecision


class TriageForm(forms.ModelForm):
    class Meta:
        model = TriageDecision
        fields = ["outcome", "priority", "reason"]
        widgets = {
            "outcome": forms.RadioSelect,
            "priority": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class RiskScreenForm(forms.ModelForm):
    class Meta:
        model = RiskScreen
        fields = [
            "falls_last_year",
            "lives_alone",
            "cognitive_impairment",
            "capacity_concern",
            "medication_support",
            "skin_integrity",
            "stairs_to_access",
            "key_safe_needed",
            "home_hazards",
            "continence",
            "nutrition_risk",
            "carer_strain",
            "carers_needed",
            "hoist_needed",
            "bariatric",
            "needs_24_hour_care",
            "safeguarding_indicator",
            "safeguarding_notes",
            "notes",
        ]
        widgets = {
            "safeguarding_notes": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, case=None, **kwargs):
        if case is not None and "data" not in kwargs:
            kwargs.setdefault("initial", {"lives_alone": case.person.lives_alone})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("safeguarding_indicator") and not data.get("safeguarding_notes"):
            self.add_error("safeguarding_notes", "Describe the safeguarding concern.")
        return data


class OTReviewForm(forms.ModelForm):
    prescribed_items = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each ticked item is ordered at once, marked as prescribed by OT.",
    )

    class Meta:
        model = OTReview
        fields = [
            "recommended_pathway",
            "agrees_with_recommendation",
            "change_reason",
            "moving_handling_notes",
            "carers_per_visit",
            "equipment_notes",
        ]
        labels = {"recommended_pathway": "Pathway the OT recommends"}
        widgets = {
            "change_reason": forms.Textarea(attrs={"rows": 2}),
            "moving_handling_notes": forms.Textarea(attrs={"rows": 3}),
            "equipment_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, case=None, system_pathway: int | None = None, **kwargs):
        self.system_pathway = system_pathway
        if system_pathway is not None and "data" not in kwargs:
            kwargs.setdefault("initial", {"recommended_pathway": system_pathway})
        super().__init__(*args, **kwargs)
        from equipment.models import EquipmentItem

        self.fields["prescribed_items"].queryset = EquipmentItem.objects.filter(
            active=True
        )
        self.fields["recommended_pathway"].choices = Pathway.choices

    def clean(self):
        data = super().clean()
        changed = (
            self.system_pathway is not None
            and data.get("recommended_pathway") != self.system_pathway
        )
        data["agrees_with_recommendation"] = not changed
        if changed and not data.get("change_reason", "").strip():
            self.add_error(
                "change_reason",
                "Say why the pathway differs from the system's recommendation.",
            )
        return data
