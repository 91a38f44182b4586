from django import forms

from .models import Band, Placement


def _name(day, band: str) -> str:
    return f"m_{day:%Y%m%d}_{band}"


def _minutes_field(day, cell) -> forms.IntegerField:
    label = f"{Band(cell['band']).label} {day:%a %d/%m}"
    return forms.IntegerField(
        label=f"{label} (carer-minutes)",
        min_value=0,
        max_value=100_000,
        initial=cell["minutes"],
        error_messages={
            "required": f"Enter the carer-minutes for {label} (0: none).",
            "invalid": f"{label}: enter a whole number of minutes.",
            "min_value": f"{label}: minutes cannot be negative.",
            "max_value": f"{label}: at most 100,000 minutes.",
        },
    )


def _beds_field(day, cell) -> forms.IntegerField:
    label = f"{Placement.Setting(cell['band']).label} {day:%a %d/%m}"
    return forms.IntegerField(
        label=f"{label} (empty beds)",
        min_value=0,
        max_value=500,
        initial=cell["minutes"],
        error_messages={
            "required": f"Enter the empty beds for {label} (0: none).",
            "invalid": f"{label}: enter a whole number of beds.",
            "min_value": f"{label}: beds cannot be negative.",
            "max_value": f"{label}: at most 500 beds.",
        },
    )


class CapacityGridForm(forms.Form):
    """Carer-minutes per day and band, one small box each, prefilled."""

    def __init__(self, *args, rows: list[dict], unit: str = "minutes", **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            for cell in row["cells"]:
                self.fields[_name(row["day"], cell["band"])] = (
                    _minutes_field(row["day"], cell)
                    if unit == "minutes"
                    else _beds_field(row["day"], cell)
                )

    def grid(self):
        """Rows of (day, [(bound field, cell)]) for the template."""
        for row in self.rows:
            yield (
                row["day"],
                [(self[_name(row["day"], c["band"])], c) for c in row["cells"]],
            )

    def cleaned_minutes(self) -> dict:
        return {
            (row["day"], c["band"]): self.cleaned_data[_name(row["day"], c["band"])]
            for row in self.rows
            for c in row["cells"]
        }


class OfferAnswerForm(forms.Form):
    """Accept, or decline saying why."""

    answer = forms.ChoiceField(
        choices=[("accept", "Accept"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose accept or decline."},
    )
    reason = forms.CharField(
        label="Reason for declining",
        required=False,
        help_text="Needed only when you decline; the hub's coordinators read it.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
