"""The settings a manager may change before a run; the rest keep their
defaults (pathways/simulate/params.py)."""

from django import forms

from ..params import BANDS, POLICIES, Params

DEFAULTS = Params()
# "Bed" is the bedtime call, not a bed in a care home or hospital.
CALL_NAMES = {"bed": "Bedtime call"}
POLICY_NAMES = {
    "greedy": "By hand: longest waiting first, first provider with room",
    "allocator": "The allocator, every day",
    "allocator-declines": "The allocator, with providers declining some offers",
}


class SimulationForm(forms.Form):
    days = forms.IntegerField(
        label="Days to simulate", min_value=7, max_value=180, initial=DEFAULTS.days
    )
    seed = forms.IntegerField(
        label="Seed",
        min_value=0,
        max_value=1_000_000,
        initial=DEFAULTS.seed,
        help_text="The same seed gives the same referrals, sickness and result.",
    )
    referrals_per_weekday = forms.DecimalField(
        label="Referrals a weekday (county)",
        min_value=0,
        max_value=200,
        decimal_places=1,
        initial=DEFAULTS.referrals_per_weekday,
        help_text="Weekends have 40% of a weekday's referrals.",
    )
    weekend_capacity = forms.IntegerField(
        label="Weekend capacity (% of a weekday)",
        min_value=0,
        max_value=100,
        initial=round(DEFAULTS.weekend_capacity * 100),
    )
    sickness_chance = forms.IntegerField(
        label="Chance a provider has carers off sick on a day (%)",
        min_value=0,
        max_value=100,
        initial=round(DEFAULTS.sickness_chance * 100),
    )
    decline_share = forms.IntegerField(
        label="Offers declined by providers (%)",
        min_value=0,
        max_value=100,
        initial=round(DEFAULTS.decline_share * 100),
        help_text="Used by the policy in which providers decline some offers.",
    )
    time_limit_s = forms.DecimalField(
        label="At most this many seconds for each day's allocator solve",
        help_text="Each solve normally stops sooner, after a fixed amount of "
        "work, so the same seed gives the same figures.",
        min_value=0.2,
        max_value=30,
        decimal_places=1,
        initial=DEFAULTS.time_limit_s,
    )
    policies = forms.MultipleChoiceField(
        label="Policies to compare",
        choices=[(name, POLICY_NAMES[name]) for name in POLICIES],
        widget=forms.CheckboxSelectMultiple,
        initial=list(POLICIES),
    )
    what_if = forms.BooleanField(
        label="Also find what extra capacity would halve the delays",
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        capacity = DEFAULTS.capacity_of
        for band in BANDS:
            self.fields[f"capacity_{band}"] = forms.IntegerField(
                label=f"{CALL_NAMES.get(band, band.title())} capacity "
                "(carer-minutes a weekday, per provider)",
                min_value=0,
                max_value=20_000,
                initial=capacity[band],
            )

    def params(self) -> Params:
        data = self.cleaned_data
        return DEFAULTS.with_(
            days=data["days"],
            seed=data["seed"],
            referrals_per_weekday=float(data["referrals_per_weekday"]),
            weekend_capacity=data["weekend_capacity"] / 100,
            sickness_chance=data["sickness_chance"] / 100,
            decline_share=data["decline_share"] / 100,
            time_limit_s=float(data["time_limit_s"]),
            capacity=tuple((band, data[f"capacity_{band}"]) for band in BANDS),
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            for message in self.params().errors():
                self.add_error(None, message)
        return cleaned
