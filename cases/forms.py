from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model

from . import services
from .models import (
    Contact,
    Discharge,
    DischargeCase,
    Person,
    Referral,
)
from .validators import (
    implausible_date_error,
    nhs_number_normalise,
    nhs_number_warning,
    postcode_normalise,
    validate_nhs_number,
    validate_postcode,
)
from .widgets import Radios

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)


class PlausibleDates:
    """Form mixin: every date and date-time typed lies within the plausible
    years, checked as each field is read, before the form's own checks and
    before a model instance is built. Every form with a date field uses it
    (tests/safeguarding/test_plausible_dates.py)."""

    def _clean_fields(self) -> None:
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            if error := implausible_date_error(value):
                self.add_error(name, error)


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
    "sex",
    "ethnicity",
    "primary_support_reason",
]
REFERRAL_FIELDS = [
    "source",
    "hospital",
    "ward",
    "referrer_name",
    "referrer_contact",
    "admission_date",
    "discharge_ready_date",
    "usual_residence",
    "existing_support",
    "existing_support_details",
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

    The form parses the fields; the rules (a known NHS number, a second open
    case, plausible dates) are the service's, `services.referral_receive`,
    whose ranges for each date are narrower than PlausibleDates'.
    """

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Person, PERSON_FIELDS))
        self.fields.update(fields_for_model(Referral, REFERRAL_FIELDS))
        # A referral always names the adult: only a safeguarding concern may
        # come in before their identity is confirmed.
        self.fields["nhs_number"].required = True
        self.fields["date_of_birth"].required = True
        self.fields["nhs_number"].max_length = 14
        self.fields["nhs_number"].widget.attrs["maxlength"] = 14
        self.fields["nhs_number"].validators = []
        self.fields["nhs_number"].help_text = "10 digits, with or without spaces."
        self.warnings: list[str] = []  # shown, but the referral is received
        self.fields["postcode"].max_length = 10
        self.fields["postcode"].validators = []
        self.fields["locality"].required = False
        self.fields["locality"].help_text = "Left blank, it is taken from the postcode."
        for name in DATE_FIELDS:
            self.fields[name].widget = DATE
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 2

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        validate_postcode(value)
        return postcode_normalise(value)

    def clean_nhs_number(self) -> str:
        value = self.cleaned_data["nhs_number"]
        validate_nhs_number(value)
        if warning := nhs_number_warning(value):
            self.warnings.append(warning)
        return nhs_number_normalise(value)

    def clean(self):
        """Report the service's checks on the fields that parsed alongside the
        parsing errors, so every broken rule shows at once."""
        data = super().clean()
        try:
            services.referral_validate(
                person_fields=self._given(PERSON_FIELDS),
                referral_fields=self._given(REFERRAL_FIELDS),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return data

    def _given(self, names) -> dict:
        exclude = {*self.errors, "duplicate_reason"}
        return {n: self.cleaned_data.get(n) for n in names if n not in exclude}

    def service_arguments(self) -> dict:
        """The keyword arguments of `services.referral_receive`."""
        return {
            "person_fields": self._given(PERSON_FIELDS),
            "referral_fields": self._given(REFERRAL_FIELDS),
            "duplicate_reason": self.cleaned_data.get("duplicate_reason", ""),
        }


class ContactForm(PlausibleDates, forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["kind", "with_whom", "occurred_at", "summary"]
        widgets = {"occurred_at": DATETIME}


class ContactErrorForm(forms.Form):
    error_reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


class DischargeForm(PlausibleDates, forms.ModelForm):
    MAIN_FIELDS = ["discharged_at", "transport", "access_arrangements"]
    # Whether these are needed is the service's rule (discharge_confirm): they
    # are asked for when a caution (cases.gates) is shown, e.g. an open
    # safeguarding concern.
    ACKNOWLEDGEMENT_FIELDS = ["consulted", "consulted_at", "consultation_agreed"]

    override_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Managers only: why discharge goes ahead with a gate still open.",
    )

    class Meta:
        model = Discharge
        fields = [
            "discharged_at",
            "transport",
            "access_arrangements",
            "consulted",
            "consulted_at",
            "consultation_agreed",
        ]
        widgets = {
            "discharged_at": DATETIME,
            "access_arrangements": forms.Textarea(attrs={"rows": 2}),
            "consulted_at": DATETIME,
            "consultation_agreed": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class TaskReassignForm(forms.Form):
    """Who a manager gives a task to; whether they may do it is the service's."""

    to_user = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True)
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="NHS number or name", required=False)


class CaseCloseForm(forms.Form):
    closed_because = forms.ChoiceField(
        label="Why is the case closing?",
        choices=DischargeCase.ClosedBecause.choices,
        widget=Radios,
    )
    reason = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded on the case with your name and the time.",
    )
