"""Today's problem reads only today's work at any size (issue 8): on
PostgreSQL its queries can be answered from indexes of the few rows they keep
(pathways/migrations/0008), not by reading every case or start ever recorded.
Each plan is asked for with sequential scans priced out and the table's other
indexes dropped (inside the test's transaction), so an index whose expression
the query does not use shows up as a plan without it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pathways import allocator
from pathways.models import Provider
from pathways.selectors import booked, horizon

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's plans and indexes"
    ),
]


# A start's indexes other than its keys (a one-to-one case is a constraint).
OTHER_START_INDEXES = (
    "start_provider_status_day",
    "pathways_reablementstart_provider_id_5cc78602",
)


def _plan(sql: str, dropping: tuple[str, ...] = ()) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for index in dropping:
            cursor.execute(f"DROP INDEX {index}")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def _sql(containing: str, run) -> str:
    with CaptureQueriesContext(connection) as captured:
        run()
    return next(q["sql"] for q in captured if containing in q["sql"])


def test_the_starts_overlapping_the_horizon_are_found_by_their_last_day():
    Provider.objects.create(name="Home Care North", code="hcn")
    days = horizon()
    sql = _sql("pathways_reablementstart", lambda: booked(Provider.objects.all(), days))
    plan = _plan(sql, dropping=OTHER_START_INDEXES)
    assert "start_holding_last_day" in plan, plan


def test_the_waiting_cases_are_looked_up_by_key_not_read_to_be_tested():
    sql = _sql("reablement", lambda: allocator.problem_build(None))
    plan = _plan(sql)
    # the cases are joined to the union of waiting and returned ids, not each
    # case tested against two subqueries (`in waiting OR in returned`, which
    # reads every case ever recorded: "hashed SubPlan 1 OR hashed SubPlan 2")...
    assert "SubPlan" not in plan, plan
    # ...and the returned ones from their own index, not every start's
    assert "start_returned_case" in plan, plan
