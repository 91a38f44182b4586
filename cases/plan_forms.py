"""The support plan form: needs against the regulation 2(2) outcomes, the
eligibility determination and, when a carer was assessed, theirs.

The form parses; the rules are `support_plans.support_plan_validate`'s,
reported here next to the parsing errors so every one shows at once."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model

from . import eligibility
from .forms import DATE, PlausibleDates
from .models import CarerAssessment, SupportPlan, SupportPlanNeed
from .support_plans import UNANSWERED, support_plan_validate

YES_NO = [("yes", "Yes"), ("no", "No")]
CARER_FIELDS = ["carer_name", "relationship", "assessed_on", "reasons"]
CARER_QUESTIONS = ["necessary_care", "health_at_risk", "wellbeing_impact"]


def yes_no_field(
    label: str, *, required: bool, unanswered: str = "This field is required."
) -> forms.Field:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"required": unanswered},
    )


def _ways(ways, who: str) -> list[tuple[str, str]]:
    """No, or which way of regulation 2(3) / 3(3) applies, in its words."""
    return [("", "No: can achieve it")] + [
        (value, f"{eligibility.WAY_SHORT[value]}: {who} {label}")
        for value, label in ways.choices
    ]


def _yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "")


class SupportPlanForm(PlausibleDates, forms.ModelForm):
    DETERMINATION_FIELDS = [
        "from_impairment",
        "impairment_detail",
        "wellbeing_impact",
        "determination_reasons",
    ]

    carer_assessed = forms.BooleanField(
        label="A carer was assessed (Care Act s10)",
        required=False,
        help_text="Then record the carer's eligibility below.",
    )

    class Meta:
        model = SupportPlan
        fields = [
            "personal_goals",
            "visit_pattern",
            "family_support",
            "community_resources",
            "review_date",
            "agreed_with_person",
            "agreed_on",
            "agreed_how",
            "from_impairment",
            "impairment_detail",
            "wellbeing_impact",
            "determination_reasons",
        ]
        widgets = {
            "review_date": DATE,
            "agreed_on": DATE,
            "impairment_detail": forms.Textarea(attrs={"rows": 2}),
            "determination_reasons": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "determination_reasons": "Written on the plan the person receives "
            "(Care Act s13(2)).",
        }

    PLAN_FIELDS = Meta.fields[:8]

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance
        for name in ("from_impairment", "wellbeing_impact"):
            label = SupportPlan._meta.get_field(name).verbose_name
            self.fields[name] = yes_no_field(
                label[0].upper() + label[1:],
                required=True,
                unanswered=UNANSWERED[name],
            )
            self.initial[name] = _yes_no(getattr(plan, name))
        self.fields["determination_reasons"].required = True
        self._add_outcome_fields(plan)
        self._add_carer_fields(getattr(plan, "carer_assessment", None))

    def _add_outcome_fields(self, plan) -> None:
        existing = {n.outcome: n for n in plan.needs.all()} if plan.pk else {}
        for outcome in eligibility.AdultOutcome:
            row = existing.get(outcome.value)
            key = outcome.value
            self.fields[f"{key}_need"] = forms.CharField(
                label=outcome.label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.need if row else "",
                help_text="Leave blank when there is no need in this outcome.",
            )
            self.fields[f"{key}_unable"] = forms.ChoiceField(
                label=f"{outcome.label}: unable to achieve it?",
                required=False,
                choices=_ways(eligibility.AdultUnableBecause, "the adult"),
                initial=row.unable_because if row else "",
            )
            self.fields[f"{key}_unable_why"] = forms.CharField(
                label=f"{outcome.label}: why unable",
                required=False,
                initial=row.unable_why if row else "",
            )
            self.fields[f"{key}_met_by"] = forms.ChoiceField(
                label=f"{outcome.label}: met by",
                required=False,
                choices=[("", "—")] + list(SupportPlanNeed.MetBy.choices),
                initial=row.met_by if row else "",
            )
            self.fields[f"{key}_how"] = forms.CharField(
                label=f"{outcome.label}: how",
                required=False,
                initial=row.how if row else "",
            )

    def _add_carer_fields(self, assessment) -> None:
        self.initial["carer_assessed"] = assessment is not None
        model_fields = fields_for_model(CarerAssessment, CARER_FIELDS)
        model_fields["assessed_on"].widget = DATE
        model_fields["reasons"].widget = forms.Textarea(attrs={"rows": 3})
        for name, field in model_fields.items():
            field.required = False
            self.fields[f"carer_{name}"] = field
            self.initial[f"carer_{name}"] = getattr(assessment, name, None)
        for name in CARER_QUESTIONS:
            label = CarerAssessment._meta.get_field(name).verbose_name
            self.fields[f"carer_{name}"] = yes_no_field(
                label[0].upper() + label[1:], required=False
            )
            self.initial[f"carer_{name}"] = _yes_no(getattr(assessment, name, None))
        rows = {r.outcome: r for r in assessment.outcomes.all()} if assessment else {}
        for outcome in eligibility.CarerOutcome:
            row = rows.get(outcome.value)
            self.fields[f"carer_{outcome.value}_unable"] = forms.ChoiceField(
                label=f"{outcome.label}: unable to achieve it?",
                required=False,
                choices=_ways(eligibility.CarerUnableBecause, "the carer"),
                initial=row.unable_because if row else "",
            )
            self.fields[f"carer_{outcome.value}_why"] = forms.CharField(
                label=f"{outcome.label}: why unable",
                required=False,
                initial=row.why if row else "",
            )

    # What the template lays out.
    def outcome_rows(self):
        parts = {
            "need": "need",
            "unable": "unable to achieve it?",
            "unable_why": "why unable",
            "met_by": "met by",
            "how": "how",
        }
        for outcome in eligibility.AdultOutcome:
            yield (
                outcome.label,
                [
                    (self[f"{outcome.value}_{name}"], part)
                    for name, part in parts.items()
                ],
            )

    def carer_outcome_rows(self):
        for outcome in eligibility.CarerOutcome:
            key = f"carer_{outcome.value}"
            yield (
                outcome.label,
                [
                    (self[f"{key}_unable"], "unable to achieve it?"),
                    (self[f"{key}_why"], "why unable"),
                ],
            )

    def plan_fields(self):
        return [self[name] for name in self.PLAN_FIELDS]

    def determination_fields(self):
        return [self[name] for name in self.DETERMINATION_FIELDS]

    def carer_fields(self):
        names = ["carer_assessed", *(f"carer_{n}" for n in CARER_FIELDS[:3])]
        names += [f"carer_{n}" for n in CARER_QUESTIONS] + ["carer_reasons"]
        return [self[name] for name in names]

    # Parsed values, as the service takes them.
    def clean(self):
        data = super().clean()
        if data.get("agreed_with_person") and not data.get("agreed_on"):
            self.add_error("agreed_on", "Give the date the person agreed the plan.")
        self.needs = [self._need(outcome.value) for outcome in eligibility.AdultOutcome]
        self.needs = [n for n in self.needs if n["need"] or n["unable_because"]]
        self.carer = self._carer() if data.get("carer_assessed") else None
        try:
            support_plan_validate(
                plan_fields=self.plan_values(),
                needs=self.needs,
                carer=self.carer,
                had_carer=hasattr(self.instance, "carer_assessment"),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:  # a parsing error says it already
                    self.add_error(field if field in self.fields else None, messages)
        return data

    def plan_values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}

    def _need(self, key: str) -> dict:
        data = self.cleaned_data
        return {
            "outcome": key,
            "need": data.get(f"{key}_need", "").strip(),
            "met_by": data.get(f"{key}_met_by", ""),
            "how": data.get(f"{key}_how", ""),
            "unable_because": data.get(f"{key}_unable", ""),
            "unable_why": data.get(f"{key}_unable_why", "").strip(),
        }

    def _carer(self) -> dict:
        data, fields = self.cleaned_data, {}
        for name in CARER_FIELDS + CARER_QUESTIONS:
            value = data.get(f"carer_{name}")
            if value in (None, "") and f"carer_{name}" not in self.errors:
                self.add_error(f"carer_{name}", "This field is required.")
            fields[name] = value
        outcomes = [
            {
                "outcome": o.value,
                "unable_because": data.get(f"carer_{o.value}_unable", ""),
                "why": data.get(f"carer_{o.value}_why", "").strip(),
            }
            for o in eligibility.CarerOutcome
        ]
        return {"fields": fields, "outcomes": outcomes}
