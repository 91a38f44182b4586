from django import forms

from cases.models import Pathway
from cases.widgets import Radios

from .models import OTReview, RiskScreen, TriageDecision


class TriageForm(forms.ModelForm):
    class Meta:
        model = TriageDecision
        fields = ["outcome", "priority", "reason"]
        widgets = {
            "outcome": Radios,
            "priority": Radios,
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
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("safeguarding_indicator") and not data.get("safeguarding_notes"):
            self.add_error("safeguarding_notes", "Describe the safeguarding concern.")
        return data


class OTReviewForm(forms.ModelForm):
    """Whether the OT agrees with the system is not asked: the service
    compares the pathway chosen with the recommendation (ot_review_record)."""

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
            "change_reason",
            "moving_handling_notes",
            "carers_per_visit",
            "equipment_notes",
        ]
        labels = {
            "recommended_pathway": "Pathway the OT recommends",
            "change_reason": "Why it differs from the system's recommendation",
        }
        widgets = {
            "recommended_pathway": Radios,
            "change_reason": forms.Textarea(attrs={"rows": 2}),
            "moving_handling_notes": forms.Textarea(attrs={"rows": 3}),
            "equipment_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        from equipment.models import EquipmentItem

        self.fields["prescribed_items"].queryset = EquipmentItem.objects.filter(
            active=True
        )
        self.fields["recommended_pathway"].choices = Pathway.choices
