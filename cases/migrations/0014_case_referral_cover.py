"""A covering index for finding cases by their referral, on PostgreSQL only,
as pathways/0008's: a case by its referral with the case's id and locality
(the scope), so a name search's ids query (the people found → their
referrals → their cases) reads the case from the index alone, not the index
and then the table row (a manager's surname search at 100,000 cases: 241
cases, 2.1–4.1 → 1.6–2.6 ms).

The same for a person (by id, with the names) was tried and left out: with
the names in an index of every person, PostgreSQL chose to read that whole
index to match a short name ("Vera" 8 → 38 ms, "son" 10 → 49 ms) rather
than the trigram indexes.

SQLite has no INCLUDE; the queries are the same without it."""

from django.db import migrations

from ._postgresql import postgresql_index


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_case_open_referral_idx")]

    operations = [
        postgresql_index(
            "case_referral_cover",
            "ON cases_dischargecase (referral_id) INCLUDE (process_ptr_id, locality_id)",
        ),
    ]
