"""Indexes for the management information's period (mi.registry.Scope.during):
equipment delivered in the period, found by a range of instants rather than by reading every row
the county ever had."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('equipment', '0001_initial'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='equipmentorder',
            index=models.Index(fields=['delivered_at'], name='order_delivered_idx'),
        ),
    ]
