"""Each concern's next due date, stored so the open concerns page sorts,
counts and pages in the database; worked out for the open concerns already
recorded."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    # The clock is the app's own (safeguarding.selectors.concern_clock): the
    # stored dates must be exactly those the pages show, so the same code
    # works them out. Only open concerns have one; a database with none (a
    # new one) runs no app code here.
    Concern = apps.get_model("safeguarding", "Concern")
    ids = list(Concern.objects.filter(status="NEW").values_list("pk", flat=True))
    if ids:
        from safeguarding.services import concerns_due_refresh

        concerns_due_refresh(concern_ids=ids)


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0003_sac_return_and_procedures"),
    ]

    operations = [
        migrations.AddField(
            model_name="concern",
            name="next_due_on",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True),
    ]
