"""Management information at a year's volume: time and queries per view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench python bench/mi.py [CASES]

Creates a throw-away test database (test_<name>), fills it with CASES cases
(default 6000, about a county's year) spread over the last 365 days — each
with a referral, most with a triage decision and a discharge ready date,
some with reasons for delay and equipment orders; every pathway 1 person
sent home has a reablement start booked with their locality's provider
(which publishes capacity every day of the year) and a reablement episode,
ended with a sequel and followed up at 91 days once those days have come —
then computes every section for a week, a month and the year, twice each,
and prints the time and the number of queries of the second run; then the
same for the reablement section alone and for the pathways section (whose
capacity table opens each start's calls in the database). The database is
dropped after.
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

DAY = datetime.timedelta(days=1)


def fill(cases: int, today: datetime.date) -> None:
    from django.contrib.auth.models import User

    from cases.delay_reasons import ensure_delay_reasons
    from cases.models import (
        DelayReason,
        DelayRecord,
        DischargeCase,
        Locality,
        Person,
        Referral,
    )
    from cases.validators import nhs_check_digit
    from hub.flows import DischargeFlow
    from triage.models import TriageDecision

    rng = random.Random(11)
    ensure_delay_reasons()
    reasons = list(DelayReason.objects.all())
    user = User.objects.create_user("bench")
    places = [
        Locality.objects.create(name=n, code=n.lower(), postcode_districts="")
        for n in ("Northfield", "Southbrook", "Eastvale", "Riverside")
    ]
    tz = timezone.get_current_timezone()
    # Their own generator, so the cases drawn above stay as they were.
    reablement_rng = random.Random(12)
    providers = providers_fill(places, today)
    with transaction.atomic():
        for i in range(cases):
            base = f"999{i:06d}"
            digit = nhs_check_digit(base)
            if digit is None:
                base = f"998{i:06d}"
                digit = nhs_check_digit(base) or 0
            received_day = today - rng.randrange(365) * DAY
            received = datetime.datetime.combine(
                received_day, datetime.time(8 + rng.randrange(10)), tzinfo=tz
            )
            person = Person.objects.create(
                nhs_number=f"{base}{digit}",
                given_name="Bench",
                family_name=f"Person{i}",
                date_of_birth=datetime.date(reablement_rng.randrange(1930, 1972), 3, 1),
                address_line_1="1 Lane",
                town="Town",
                postcode="NF1 1AA",
                locality=places[i % 4],
            )
            drd = received_day + rng.randrange(4) * DAY if rng.random() < 0.9 else None
            referral = Referral.objects.create(
                person=person,
                source=rng.choice(["acute_ward", "community_hospital", "gp"]),
                referrer_name="Ward",
                received_at=received,
                admission_date=received_day - 3 * DAY,
                discharge_ready_date=drd,
                presenting_needs="Needs",
            )
            home = None
            if drd and drd + 14 * DAY < today:
                home_day = drd + rng.randrange(10) * DAY
                home = datetime.datetime.combine(home_day, datetime.time(15), tzinfo=tz)
            case = DischargeCase.objects.create(
                flow_class=DischargeFlow,
                referral=referral,
                locality=places[i % 4],
                pathway=rng.choice([0, 0, 1, 1, 2, 3]),
                outcome="discharged" if home else "open",
                actual_discharge=home,
            )
            if home and case.pathway == 1:
                reable(
                    case,
                    home.date(),
                    today,
                    reablement_rng,
                    user,
                    providers[places[i % 4].pk],
                )
            if rng.random() < 0.95:
                decision = TriageDecision.objects.create(
                    case=case,
                    outcome=rng.choice(["accept"] * 8 + ["decline", "signpost"]),
                    priority="routine",
                    reason="r",
                    decided_by=user,
                )
                TriageDecision.objects.filter(pk=decision.pk).update(
                    decided_at=received + datetime.timedelta(minutes=rng.randrange(90))
                )
            if drd and rng.random() < 0.5:
                DelayRecord.objects.create(
                    case=case,
                    reason=rng.choice(reasons),
                    from_date=drd + DAY,
                    to_date=drd + 3 * DAY,
                    owner_team="Hub",
                    recorded_by=user,
                )


SEQUELS = [
    "low_level",
    "low_level",
    "no_needs",
    "universal",
    "universal",
    "sts_other",
    "lts",
    "lts",
    "early_nhs",
    "early_other",
    "early_lts",
    "self_funding",
    "declined",
]
WHERE = ["home"] * 7 + ["hospital", "care_home", "died", "not_known", ""]


def providers_fill(places, today: datetime.date) -> dict:
    """A provider per locality, publishing every band every day of the year."""
    from pathways.models import Band, Provider, ProviderCapacity

    providers = {}
    for place in places:
        provider = Provider.objects.create(name=place.name, code=place.code)
        provider.localities.add(place)
        providers[place.pk] = provider
        ProviderCapacity.objects.bulk_create(
            ProviderCapacity(
                provider=provider, date=today - n * DAY, band=band, minutes=1200
            )
            for n in range(365)
            for band in Band.values
        )
    return providers


def reable(case, home: datetime.date, today, rng, user, provider) -> None:
    """The start booked for a pathway 1 person sent home, and the episode."""
    from pathways.models import ReablementStart
    from reablement.flows import ReablementFlow
    from reablement.models import Episode

    ReablementStart.objects.create(
        case=case,
        provider=provider,
        start_date=home,
        visits=[
            {"band": "morning", "minutes": rng.choice([30, 45]), "carers": 1},
            {"band": "tea", "minutes": 30, "carers": rng.choice([1, 1, 2])},
        ],
        agreed_by=user,
    )
    days = rng.randrange(5, 50)
    ended = home + days * DAY if home + days * DAY <= today else None
    born = case.referral.person.date_of_birth
    aged = home.year - born.year - ((home.month, home.day) < (born.month, born.day))
    followup = home + 91 * DAY if aged >= 65 else None
    Episode.objects.create(
        flow_class=ReablementFlow,
        case=case,
        started_on=home,
        end_due=home + 42 * DAY,
        state=Episode.State.ENDED if ended else Episode.State.ACTIVE,
        ended_on=ended,
        sequel=rng.choice(SEQUELS) if ended else "",
        hours_at_start=rng.choice([7, 10.5, 14]),
        hours_at_end=rng.choice([0, 3.5, 7]) if ended else None,
        followup_due=followup,
        followup_where=rng.choice(WHERE) if followup and followup < today else "",
    )


def measure(scope, section=None) -> tuple[float, float, int]:
    """Seconds for the figures alone, seconds with the charts drawn, queries
    (every section, or the one named)."""
    from mi import charts
    from mi.registry import sections

    chosen = [s for s in sections() if section in (None, s.slug)]

    def figures():
        return [t for s in chosen for t in s.compute(scope)]

    figures()  # warm
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        figures()
        seconds = time.perf_counter() - began
    began = time.perf_counter()
    for table in figures():
        charts.render(table)
    return seconds, time.perf_counter() - began, len(queries)


def main() -> None:
    from cases.models import Locality
    from mi.forms import period_for
    from mi.registry import Scope

    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 6000
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        today = timezone.localdate()
        began = time.perf_counter()
        fill(cases, today)
        print(
            f"{connection.vendor}: {cases} cases over 365 days in "
            f"{time.perf_counter() - began:.0f} s ({name})"
        )
        from pathways.models import ReablementStart
        from reablement.models import Episode

        print(
            f"{Episode.objects.count()} reablement episodes "
            f"({Episode.objects.filter(ended_on__isnull=False).count()} ended), "
            f"{ReablementStart.objects.count()} starts booked"
        )
        everywhere = tuple(Locality.objects.all())
        one = everywhere[:1]
        rows = [
            ("week, all localities", *period_for("week", today), everywhere),
            ("month, all localities", *period_for("month", today), everywhere),
            ("month, one locality", *period_for("month", today), one),
            ("year, all localities", today - 364 * DAY, today, everywhere),
        ]
        for section in (None, "reablement", "pathways"):
            print(
                f"{section or 'every section':24} {'figures s':>10} "
                f"{'+charts s':>10} {'queries':>8}"
            )
            for label, start, end, places in rows:
                scope = Scope(start, end, places, today)
                figures, charts, queries = measure(scope, section)
                print(f"{label:24} {figures:10.2f} {charts:10.2f} {queries:8d}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
