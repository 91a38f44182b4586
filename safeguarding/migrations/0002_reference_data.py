"""The national types of risk, and the default timescale policy."""

import datetime

from django.db import migrations

RISK_TYPES = [
    "physical",
    "sexual",
    "psychological",
    "financial",
    "discriminatory",
    "organisational",
    "neglect",
    "domestic_abuse",
    "sexual_exploitation",
    "modern_slavery",
    "self_neglect",
]


def forwards(apps, schema_editor):
    RiskTypeCode = apps.get_model("safeguarding", "RiskTypeCode")
    TimescalePolicy = apps.get_model("safeguarding", "TimescalePolicy")
    for code in RISK_TYPES:
        RiskTypeCode.objects.get_or_create(code=code)
    if not TimescalePolicy.objects.exists():
        TimescalePolicy.objects.create(
            name="Default local procedure",
            effective_from=datetime.date(2015, 4, 1),
            day_ends_at=datetime.time(17, 0),
            screening_days=0,
            decision_days=2,
            strategy_days=5,
            enquiry_days=20,
            outcome_days=5,
            plan_days=5,
            review_days=30,
            closure_days=5,
        )


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
