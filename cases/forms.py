from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.urls import reverse
from django.utils.html import format_html

from .models import (
    Contact,
    Discharge,
    EligibilityOutcome,
    Person,
    Referral,
    SupportPlan,
)
from .selectors import (
    case_open_for_person,
    case_visible,
    locality_for_postcode,
    person_get_by_nhs_number,
)
from .validators import (
    nhs_number_normalise,
    postcode_district,
    postcode_normalise,
    validate_nhs_number,
    validate_postcode,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)

PERSON_FIELDS = [
    "nhs_number",
    "given_name",
    "family_name",
    "date_of_birth",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "locality",
    "phone",
    "lives_alone",
    "next_of_kin_name",
    "next_of_kin_relationship",
    "next_of_kin_phone",
    "gp_practice",
    "communication_needs",
    "interpreter_language",
    "consent_to_share",
    "consent_given_on",
    "consent_method",
]
REFERRAL_FIELDS = [
    "source",
    "hospital",
    "ward",
    "referrer_name",
    "referrer_contact",
    "admission_date",
    "discharge_ready_date",
    "reason_for_admission",
    "presenting_needs",
    "mobility_before",
    "mobility_now",
    "cognition",
    "ward_flags",
    "duplicate_reason",
]
DATE_FIELDS = (
    "date_of_birth",
    "consent_given_on",
    "admission_date",
    "discharge_ready_date",
)


class ReferralForm(forms.Form):
    """The referral from the ward: the person and the referral in one form.

    A known NHS number updates that person's record (history keeps the old
    values); a person with an open case needs a reason for a second one.
    """

    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user  # whose scope decides what the open-case message names
        self.fields.update(fields_for_model(Person, PERSON_FIELDS))
        self.fields.update(fields_for_model(Referral, REFERRAL_FIELDS))
        self.fields["nhs_number"].max_length = 14
        self.fields["nhs_number"].widget.attrs["maxlength"] = 14
        self.fields["nhs_number"].validators = []
        self.fields["nhs_number"].help_text = "10 digits, with or without spaces."
        self.fields["postcode"].max_length = 10
        self.fields["postcode"].validators = []
        self.fields["locality"].required = False
        self.fields["locality"].help_text = "Left blank, it is taken from the postcode."
        for name in DATE_FIELDS:
            self.fields[name].widget = DATE
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 2
        self.person = None
        self.referral = None

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        validate_postcode(value)
        return postcode_normalise(value)

    def clean_nhs_number(self) -> str:
        value = self.cleaned_data["nhs_number"]
        validate_nhs_number(value)
        return nhs_number_normalise(value)

    def clean(self):
        data = super().clean()
        bad = set(self.errors)  # fields already in error are left out below
        person = None
        if "nhs_number" not in bad:
            person = person_get_by_nhs_number(data["nhs_number"])
        person = person or Person()
        for name in PERSON_FIELDS:
            if name not in bad:
                setattr(person, name, data.get(name))
        if not data.get("locality") and "postcode" not in bad:
            person.locality = locality_for_postcode(data["postcode"])
            if person.locality_id is None:
                self.add_error(
                    "locality",
                    f"Postcode district {postcode_district(data['postcode'])} is in no "
                    "locality: choose the locality.",
                )
        referral = Referral(
            **{name: data.get(name) for name in REFERRAL_FIELDS if name not in bad}
        )
        self._validate(person, exclude=[*bad, "locality"])
        self._validate(referral, exclude=[*bad, "person"])
        if "nhs_number" not in bad:
            self._check_open_case(data)
        self.person, self.referral = person, referral
        return data

    def _check_open_case(self, data) -> None:
        open_case = case_open_for_person(nhs_number=data["nhs_number"])
        if open_case and not data.get("duplicate_reason", "").strip():
            url = reverse("hub:case_detail", args=[open_case.pk])
            visible = self.user is not None and case_visible(self.user, open_case)
            self.add_error(
                "duplicate_reason",
                format_html(
                    'This person already has an open case, <a href="{}">{}</a>. Give a '
                    "reason to open a second one.",
                    url,
                    open_case.reference,
                )
                if visible
                else "This person already has an open case with another team. "
                "Give a reason to open a second one.",
            )

    def _validate(self, obj, exclude) -> None:
        try:
            obj.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["kind", "with_whom", "occurred_at", "summary"]
        widgets = {"occurred_at": DATETIME}


class ContactErrorForm(forms.Form):
    error_reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


class SupportPlanForm(forms.ModelForm):
    """The plan, with one need row per Care Act eligibility outcome."""

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
        ]
        widgets = {"review_date": DATE, "agreed_on": DATE}

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import SupportPlanNeed

        existing = {}
        if self.instance.pk:
            existing = {n.outcome: n for n in self.instance.needs.all()}
        for outcome in EligibilityOutcome:
            row = existing.get(outcome.value)
            self.fields[f"{outcome.value}_need"] = forms.CharField(
                label=outcome.label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.need if row else "",
                help_text="Leave blank when there is no need in this outcome.",
            )
            self.fields[f"{outcome.value}_met_by"] = forms.ChoiceField(
                label="Met by",
                required=False,
                choices=[("", "—")] + list(SupportPlanNeed.MetBy.choices),
                initial=row.met_by if row else "",
            )
            self.fields[f"{outcome.value}_how"] = forms.CharField(
                label="How", required=False, initial=row.how if row else ""
            )

    def outcome_rows(self):
        for outcome in EligibilityOutcome:
            yield (
                outcome.label,
                self[f"{outcome.value}_need"],
                self[f"{outcome.value}_met_by"],
                self[f"{outcome.value}_how"],
            )

    def clean(self):
        data = super().clean()
        self.needs = []
        for outcome in EligibilityOutcome:
            need = data.get(f"{outcome.value}_need", "").strip()
            met_by = data.get(f"{outcome.value}_met_by", "")
            if need and not met_by:
                self.add_error(f"{outcome.value}_met_by", "Say how this need is met.")
            if need:
                self.needs.append(
                    {
                        "outcome": outcome.value,
                        "need": need,
                        "met_by": met_by,
                        "how": data.get(f"{outcome.value}_how", ""),
                    }
                )
        if not self.needs and not self.errors:
            raise ValidationError("Record at least one need against an outcome.")
        if data.get("agreed_with_person") and not data.get("agreed_on"):
            self.add_error("agreed_on", "Give the date the person agreed the plan.")
        return data


class DischargeForm(forms.ModelForm):
    override_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Managers only: why discharge goes ahead with a gate still open.",
    )

    class Meta:
        model = Discharge
        fields = ["discharged_at", "transport", "access_arrangements"]
        widgets = {
            "discharged_at": DATETIME,
            "access_arrangements": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class SearchForm(forms.Form):
    q = forms.CharField(label="NHS number or name", required=False)
