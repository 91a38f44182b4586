"""Forms for the discharge ready date, the criteria to reside and the
reasons for delay. They parse; the rules are the services' (cases.delays),
whose field errors come back onto these forms."""

from django import forms

from . import roles
from .delays import delay_reason_errors, ready_date_errors
from .forms import DATE, PlausibleDates
from .models import DelayReason


class ServiceChecks:
    """Form mixin: the service's checks on the fields that parsed are shown
    beside the parsing errors, so every field at fault shows at once."""

    def clean(self):
        data = super().clean()
        parsed = {k: v for k, v in data.items() if k not in self.errors}
        for field, messages in self.service_errors(parsed).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, messages)
        return data


class ReadyDateForm(ServiceChecks, PlausibleDates, forms.Form):
    prefix = "drd"
    discharge_ready_date = forms.DateField(
        label="New discharge ready date",
        widget=DATE,
        help_text="The day the person stopped meeting the criteria to reside.",
    )
    reason = forms.CharField(
        label="Why it is set or moved",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="E.g. 'Agreed at the board round', 'Was not ready: chest infection'.",
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def service_errors(self, parsed: dict) -> dict:
        if "discharge_ready_date" not in parsed:
            return {}
        return ready_date_errors(self.case, parsed["discharge_ready_date"])


class CriteriaToResideForm(forms.Form):
    prefix = "ctr"
    meets = forms.TypedChoiceField(
        label="Does the person meet the criteria to reside?",
        choices=[
            ("yes", "Yes, again: they need the hospital bed (clears the date)"),
            ("no", "No: they no longer need the hospital bed"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="What changed",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="E.g. 'Deteriorated overnight: new sepsis'.",
    )


def _staff(case):
    """Who may own a delay: the hub's staff of the case's locality."""
    staff = roles.users_with_role(roles.COORDINATOR, roles.OT, roles.MANAGER)
    return staff.filter(staff__localities=case.locality_id)


class DelayReasonForm(ServiceChecks, PlausibleDates, forms.Form):
    prefix = "delay"
    reason = forms.ModelChoiceField(
        label="Reason for delay",
        queryset=DelayReason.objects.filter(active=True),
        help_text="The national list of discharge delay reasons.",
    )
    from_date = forms.DateField(
        label="From (first delayed day it explains)",
        widget=DATE,
        help_text="It runs until the next reason recorded, or until today.",
    )
    owner_team = forms.CharField(
        label="Owner (organisation or team)",
        max_length=120,
        help_text="Who must act: e.g. 'Hub coordinators', 'Ward 7 therapy'.",
    )
    owner = forms.ModelChoiceField(
        label="Owner (person, optional)", queryset=None, required=False
    )
    next_action = forms.CharField(
        label="Next action",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_action_due = forms.DateField(label="By", widget=DATE, required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["owner"].queryset = _staff(case)
        self.fields["owner"].label_from_instance = _name

    def service_errors(self, parsed: dict) -> dict:
        errors = delay_reason_errors(
            self.case,
            reason=parsed.get("reason"),
            from_date=parsed.get("from_date"),
            owner_team=parsed.get("owner_team", ""),
            next_action_due=parsed.get("next_action_due"),
        )
        return {k: v for k, v in errors.items() if k in parsed}


class NextActionForm(PlausibleDates, forms.Form):
    next_action = forms.CharField(
        label="Next action", widget=forms.Textarea(attrs={"rows": 2})
    )
    next_action_due = forms.DateField(label="By", widget=DATE)
    owner = forms.ModelChoiceField(
        label="Owner (person, optional)", queryset=None, required=False
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff(case)
        self.fields["owner"].label_from_instance = _name


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


class HuddleFilterForm(forms.Form):
    hospital = forms.ChoiceField(required=False)
    ward = forms.ChoiceField(required=False)

    def __init__(self, *args, hospitals=(), wards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hospital"].choices = [("", "All hospitals")] + [
            (h, h) for h in hospitals
        ]
        self.fields["ward"].choices = [("", "All wards")] + [(w, w) for w in wards]


class SitrepForm(forms.Form):
    date = forms.DateField(required=False, widget=DATE, label="Day")
