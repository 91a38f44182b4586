"""A covering index for "is this case in my localities?" by the case's id,
on PostgreSQL only, as 0014's: every scoped list of tasks and the menu's
badges on every page ask for tasks whose process is one of the cases of the
user's localities, and PostgreSQL checks each task's case by its key. From
the primary key alone it read each case's row for its locality; with the
locality in the index it reads the index only (a coordinator's queue badge
at 100,000 cases, 496 open tasks checked to count 100 of theirs:
1.7 → 0.95 ms).

SQLite has no INCLUDE; the queries are the same without it."""

from django.db import migrations

from ._postgresql import postgresql_index


class Migration(migrations.Migration):
    dependencies = [("cases", "0017_referral_person_cover")]

    operations = [
        postgresql_index(
            "case_scope_cover",
            "ON cases_dischargecase (process_ptr_id) INCLUDE (locality_id)",
        ),
    ]
