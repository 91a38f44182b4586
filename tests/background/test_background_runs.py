"""Long work in the background: a run is queued by the page, done by the
worker, followed on its page, and ends done with its result or failed with
the reason, never half-written."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.models import BackgroundRun
from background.services import RunAbandoned, run_finish, run_start, runs_fail_stale
from pathways import allocator
from pathways.models import AllocationProposal, AllocationRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(hub, coordinator, provider):
    return hub.as_user(coordinator).to_reablement_start(priority="urgent")


def test_a_run_is_followed_on_its_page_and_shows_its_result(client, waiting, run_tasks):
    response = client.post("/hub/allocation/run/")
    run = BackgroundRun.objects.get()
    assert response["Location"] == f"/hub/runs/{run.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'role="status" aria-live="polite"' in page
    assert "Waiting for the background worker" in page
    assert f'data-run-poll="/hub/runs/{run.pk}/status.json"' in page
    assert not AllocationRun.objects.exists()  # nothing solved in the request

    run_tasks()
    run.refresh_from_db()
    assert run.status == "done" and run.progress == 100
    assert run.started_by.username == "cora_north" and run.finished_at
    status = client.get(f"/hub/runs/{run.pk}/status.json").json()
    assert status["finished"] and status["words"].startswith("Done. 1 proposed")
    page = client.get(f"/hub/runs/{run.pk}/").content.decode()
    assert "See the proposals" in page and "data-run-poll" not in page
    proposals = client.get(status["next"]).context["proposals"]
    assert [p.case for p in proposals] == [waiting]
    assert [h.history_type for h in run.history.order_by("history_id")] == [
        "+",
        "~",  # task id
        "~",  # running
        "~",  # done
    ]
    listed = client.get("/hub/runs/").content.decode()
    assert "Allocation run" in listed and "1 proposed" in listed


def test_a_second_click_while_a_run_waits_shows_that_run(client, waiting):
    first = client.post("/hub/allocation/run/")["Location"]
    assert client.post("/hub/allocation/run/")["Location"] == first
    assert BackgroundRun.objects.count() == DBTaskResult.objects.count() == 1


def test_a_failing_run_is_marked_failed_with_the_reason(
    client, waiting, run_tasks, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("solver exploded")

    monkeypatch.setattr(allocator, "solve_problem", broken)
    client.post("/hub/allocation/run/")
    run_tasks()
    run = BackgroundRun.objects.get()
    assert run.status == "failed" and run.finished_at
    assert "nothing was saved" in run.error and "solver exploded" in run.error
    assert DBTaskResult.objects.get().status == "FAILED"  # in the worker's log
    page = client.get(f"/hub/runs/{run.pk}/").content.decode()
    assert "Failed: Something went wrong and nothing was saved" in page
    assert not AllocationRun.objects.exists()


def test_a_crash_while_saving_leaves_nothing_half_written(
    client, waiting, run_tasks, monkeypatch
):
    def crash(run, actor):
        raise RuntimeError("disk full")

    monkeypatch.setattr(allocator, "_proposals_create", crash)
    client.post("/hub/allocation/run/")
    run_tasks()
    assert BackgroundRun.objects.get().status == "failed"
    assert not AllocationRun.objects.exists()
    assert not AllocationProposal.objects.exists()


def test_a_run_whose_worker_died_is_marked_failed_and_its_late_result_refused(
    client, waiting, coordinator
):
    client.post("/hub/allocation/run/")
    run = run_start(BackgroundRun.objects.get().pk)  # a worker took it...
    BackgroundRun.objects.filter(pk=run.pk).update(  # ...and fell silent
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    page = client.get("/hub/runs/").content.decode()
    run.refresh_from_db()
    assert run.status == "failed"
    assert "The background worker stopped while this was running" in run.error
    assert "worker stopped" in page
    # Were it still alive after all, its result would not be kept.
    with pytest.raises(RunAbandoned):
        allocator.allocation_run(
            actor=coordinator,
            time_limit_s=1,
            on_saved=lambda a: run_finish(run, result={}),
        )
    assert not AllocationRun.objects.exists()


def test_a_quiet_run_within_its_steps_time_is_left_running(client, waiting):
    client.post("/hub/allocation/run/")
    run = run_start(BackgroundRun.objects.get().pk)
    assert runs_fail_stale(timezone.now() + datetime.timedelta(seconds=60)) == 0
    run.refresh_from_db()
    assert run.status == "running"


def test_a_run_whose_task_the_worker_could_not_start_is_marked_failed(client, waiting):
    client.post("/hub/allocation/run/")
    DBTaskResult.objects.update(status="FAILED")
    runs_fail_stale()
    run = BackgroundRun.objects.get()
    assert run.status == "failed" and "could not start" in run.error


def test_a_run_is_its_starters_alone(client, waiting, make_user, localities):
    client.post("/hub/allocation/run/")
    run = BackgroundRun.objects.get()
    client.force_login(make_user("cara_north", "coordinator", [localities[0]]))
    for url in ("", "status.json", "download/"):
        assert client.get(f"/hub/runs/{run.pk}/{url}").status_code == 404
    assert f"/hub/runs/{run.pk}/" not in client.get("/hub/runs/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_solves_with_no_transaction_open(
    client, hub, coordinator, provider, monkeypatch
):
    """manage.py db_worker, unchanged, runs the queued run; while the solver
    works no transaction is open (none holds locks for its seconds)."""
    hub.as_user(coordinator).to_reablement_start()
    seen = []
    solve = allocator.solve_problem

    def spy(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return solve(*args, **kwargs)

    monkeypatch.setattr(allocator, "solve_problem", spy)
    client.post("/hub/allocation/run/")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    run = BackgroundRun.objects.get()
    assert run.status == "done", run.error
    assert seen == [False]
    assert AllocationRun.objects.get().proposals.count() == 1
