"""Two people can never complete the same step twice (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from cases.driver import open_task, task_complete
from triage.models import TriageDecision
from triage.services import triage_record

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks (select_for_update is a no-op)",
    ),
]


def test_same_task_completed_by_two_coordinators_at_once_runs_once(
    hub, coordinator, make_user, localities
):
    second = make_user("cara_north", "coordinator", [localities[0]])
    hub.as_user(coordinator)
    case = hub.start()
    task = open_task(case, "triage")
    barrier, outcomes = threading.Barrier(2), []

    def complete(user):
        from django.db import connections

        try:
            barrier.wait()
            task_complete(
                task,
                actor=user,
                perform=lambda c: triage_record(
                    case=c,
                    actor=user,
                    outcome="accept",
                    priority="high",
                    reason=f"by {user.username}",
                ),
            )
            outcomes.append("done")
        except Exception as error:  # the loser fails in one of several ways
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=complete, args=(u,)) for u in (coordinator, second)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("done") == 1, outcomes
    assert TriageDecision.objects.filter(case=case).count() == 1
    assert case.task_set.filter(flow_task__endswith=".risk_screen").count() == 1
