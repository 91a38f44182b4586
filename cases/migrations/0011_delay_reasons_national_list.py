"""Seed the national reasons for discharge delay (cases/delay_reasons.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from cases.delay_reasons import ensure_delay_reasons

    ensure_delay_reasons(apps.get_model("cases", "DelayReason"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_referral_residence_drd")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
