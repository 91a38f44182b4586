"""Management information at a year's volume: time and queries per view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench python bench/mi.py [CASES]

Creates a throw-away test database (test_<name>), fills it with CASES cases
(default 6000, about a county's year) spread over the last 365 days — each
with a referral, most with a triage decision and a discharge ready date,
some with reasons for delay and equipment orders — then computes every
section for a week, a month and the year, twice each, and prints the time
and the number of queries of the second run. The database is dropped after.
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
                date_of_birth=datetime.date(1940, 1, 1),
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


def measure(scope) -> tuple[float, float, int]:
    """Seconds for the figures alone, seconds with the charts drawn, queries."""
    from mi.export import with_charts
    from mi.registry import tables

    with_charts(scope)  # warm
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        tables(scope)
        figures = time.perf_counter() - began
    began = time.perf_counter()
    with_charts(scope)
    return figures, time.perf_counter() - began, len(queries)


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
        everywhere = tuple(Locality.objects.all())
        one = everywhere[:1]
        rows = [
            ("week, all localities", *period_for("week", today), everywhere),
            ("month, all localities", *period_for("month", today), everywhere),
            ("month, one locality", *period_for("month", today), one),
            ("year, all localities", today - 364 * DAY, today, everywhere),
        ]
        print(
            f"{'every section':24} {'figures s':>10} {'+charts s':>10} {'queries':>8}"
        )
        for label, start, end, places in rows:
            figures, charts, queries = measure(Scope(start, end, places, today))
            print(f"{label:24} {figures:10.2f} {charts:10.2f} {queries:8d}")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
