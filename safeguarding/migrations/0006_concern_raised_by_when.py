"""A person's concerns by when they were raised ("Concerns I raised", newest
first): the page's rows from the end of one person's index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0005_open_process_index")]

    operations = [
        migrations.AddIndex(
            model_name="concern",
            index=models.Index(
                fields=["raised_by", "received_at", "process_ptr"],
                name="concern_raised_by_when",
            ),
        ),
    ]
