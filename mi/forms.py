import datetime

from django import forms

from cases.forms import PlausibleDates
from cases.models import Locality

WEEK, MONTH, CUSTOM = "week", "month", "custom"


def period_for(kind: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The week (Monday to Sunday) or calendar month containing `day`."""
    if kind == WEEK:
        start = day - datetime.timedelta(days=day.weekday())
        return start, start + datetime.timedelta(days=6)
    start = day.replace(day=1)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, following - datetime.timedelta(days=1)


class FiguresForm(PlausibleDates, forms.Form):
    """The period (a week, a month, or any dates) and the locality; the
    locality list holds only those the user may see."""

    period = forms.ChoiceField(
        choices=[(WEEK, "Week"), (MONTH, "Month"), (CUSTOM, "From and to dates")],
        initial=WEEK,
    )
    day = forms.DateField(
        label="Week or month containing",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    locality = forms.ModelChoiceField(
        queryset=Locality.objects.none(),
        required=False,
        empty_label="All my localities",
    )

    def __init__(self, *args, localities, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["locality"].queryset = localities

    def clean(self):
        data = super().clean()
        kind = data.get("period")
        if kind == CUSTOM:
            start, end = data.get("date_from"), data.get("date_to")
            if not start or not end:
                raise forms.ValidationError("Give both the from and the to date.")
            if end < start:
                self.add_error("date_to", "The to date is before the from date.")
            elif (end - start).days > 366:
                self.add_error("date_to", "Choose a period of at most a year.")
        elif kind:
            start, end = period_for(kind, data.get("day") or self.today)
        else:
            return data
        data["start"], data["end"] = start, end
        return data
