"""The offers still awaiting an answer, by deadline (offer_services.
offers_expire on every page load: 8 → 0.5 ms at 100,000 cases)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0008_start_overlap_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="placement",
            index=models.Index(
                condition=models.Q(("status", "offered")),
                fields=["offer_deadline"],
                name="placement_offer_due",
            ),
        ),
        migrations.AddIndex(
            model_name="reablementstart",
            index=models.Index(
                condition=models.Q(("status", "offered")),
                fields=["offer_deadline"],
                name="start_offer_due",
            ),
        ),
    ]
