"""Indexes for the management information's period (mi.registry.Scope.during):
referrals received and cases discharged in the period, found by a range of instants rather than by reading every row
the county ever had."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0015_task_status_flow_index'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='dischargecase',
            index=models.Index(fields=['actual_discharge'], name='case_discharged_idx'),
        ),
        migrations.AddIndex(
            model_name='referral',
            index=models.Index(fields=['received_at'], name='referral_received_idx'),
        ),
    ]
