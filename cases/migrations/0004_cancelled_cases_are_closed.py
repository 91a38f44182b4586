"""Cases whose process was cancelled in Viewflow (its raw CANCEL, before
closing was a hub action) stayed "Open" with no task, in the open and delayed
lists for ever. They are closed, saying that no reason was recorded; each
change gets a history row, as a save through the service would."""

from django.db import migrations
from django.utils import timezone

REASON = "Cancelled in Viewflow before closing was a hub action; no reason recorded."


def close_cancelled_cases(apps, schema_editor):
    DischargeCase = apps.get_model("cases", "DischargeCase")
    History = apps.get_model("cases", "HistoricalDischargeCase")
    copied = [
        f.attname for f in History._meta.fields if not f.name.startswith("history_")
    ]
    for case in DischargeCase.objects.filter(status="CANCELED", outcome="open"):
        case.outcome, case.closed_because = "closed", "other"
        case.closure_reason = REASON
        case.closed_at = case.finished or timezone.now()
        case.save()
        History.objects.create(
            **{name: getattr(case, name) for name in copied},
            history_date=timezone.now(),
            history_type="~",
            history_change_reason="closed: process had been cancelled",
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_case_closed_because_and_by")]

    operations = [
        migrations.RunPython(close_cancelled_cases, migrations.RunPython.noop)
    ]
