"""Two people can never complete the same step twice, and the one who loses
the race is told so (PostgreSQL row locks).

The database's one-to-one constraint would stop a second triage decision
even without a lock, so these tests hold the winner inside its step while the
loser tries, and assert how the loser fails: the lock's clear refusal, never
an IntegrityError or a half-done second step.
"""

import threading

from django.db import connections

from cases.driver import open_task, task_complete
from cases.locking import BUSY, ProcessBusy
from testkit import ROW_LOCK_RACE
from triage.models import TriageDecision
from triage.services import triage_record

pytestmark = ROW_LOCK_RACE


def test_the_loser_of_a_race_for_one_step_is_told_someone_else_is_working(
    hub, coordinator, make_user, localities
):
    second = make_user("cara_north", "coordinator", [localities[0]])
    hub.as_user(coordinator)
    case = hub.start()
    task = open_task(case, "triage")
    inside, loser_done, outcomes = threading.Event(), threading.Event(), {}

    def triage(user, *, hold: bool):
        def perform(process):
            if hold:
                inside.set()  # the winner holds the lock until the loser has tried
                loser_done.wait(timeout=15)
            return triage_record(
                case=process,
                actor=user,
                outcome="accept",
                priority="high",
                reason=f"by {user.username}",
            )

        try:
            task_complete(task, actor=user, perform=perform)
            outcomes[user.username] = "done"
        except Exception as error:  # noqa: BLE001 - the failure is the result
            outcomes[user.username] = error
        finally:
            if not hold:
                loser_done.set()
            connections.close_all()

    winner = threading.Thread(target=triage, args=(coordinator,), kwargs={"hold": True})
    winner.start()
    assert inside.wait(timeout=15)
    loser = threading.Thread(target=triage, args=(second,), kwargs={"hold": False})
    loser.start()
    loser.join()
    winner.join()

    assert outcomes["cora_north"] == "done"
    lost = outcomes["cara_north"]
    assert isinstance(lost, ProcessBusy), repr(lost)
    assert str(lost) == BUSY
    assert TriageDecision.objects.get(case=case).reason == "by cora_north"
    assert case.task_set.filter(flow_task__endswith=".risk_screen").count() == 1
