"""Writes of background runs: queue, start, report progress, finish, fail.

The rules: a run is finished (done or failed) exactly once; its result and
the status `done` are saved in one transaction (`run_finish` inside the
work's own last transaction), so a crash leaves no half-written result; a
run whose worker stops reporting for longer than the step said it might is
marked failed (`runs_fail_stale`).
"""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from .models import BackgroundFile, BackgroundRun

GRACE = datetime.timedelta(seconds=60)


class RunFailed(Exception):
    """Work that cannot be done, said in words for the person who asked."""


class RunAbandoned(Exception):
    """The run is no longer running (marked failed meanwhile): stop working."""


def run_queue(
    *, kind: str, title: str, actor, task, params: dict | None = None
) -> BackgroundRun:
    """Store the run and put its task on the queue in the same transaction,
    so a run is never queued without its task, nor a task without its run."""
    with transaction.atomic():
        run = BackgroundRun(
            kind=kind, title=title, started_by=actor, params=params or {}
        )
        run._history_user = actor
        run.save()
        run.task_id = str(task.enqueue(run.pk).id)
        run.save(update_fields=["task_id"])
    return run


def run_start(run_id: int) -> BackgroundRun | None:
    """Queued → running; None when the run is not waiting (already failed)."""
    with transaction.atomic():
        run = BackgroundRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != BackgroundRun.Status.QUEUED:
            return None
        now = timezone.now()
        run.status, run.started_at, run.heartbeat_at = run.Status.RUNNING, now, now
        run.step = "Starting"
        run._history_user = run.started_by
        run.save()
    return run


def run_progress(
    run: BackgroundRun, percent: int, step: str, *, quiet_seconds: int = 120
) -> None:
    """Report how far the run has got and how long the next step may be quiet.

    A tick is an update, not a history row: history keeps the status changes.
    Raises RunAbandoned when the run was marked failed meanwhile."""
    now = timezone.now()
    changed = BackgroundRun.objects.filter(
        pk=run.pk, status=BackgroundRun.Status.RUNNING
    ).update(progress=percent, step=step, heartbeat_at=now, quiet_seconds=quiet_seconds)
    if not changed:
        raise RunAbandoned(run.pk)
    run.progress, run.step, run.heartbeat_at = percent, step, now
    run.quiet_seconds = quiet_seconds


def run_finish(
    run: BackgroundRun,
    *,
    result: dict,
    file: tuple[str, str, bytes] | None = None,
) -> None:
    """Mark the run done with its result (and file: name, type, bytes). Call it
    inside the transaction that writes the work's results: if the run was
    marked failed meanwhile, RunAbandoned rolls every one of them back."""
    locked = BackgroundRun.objects.select_for_update().filter(pk=run.pk).first()
    if locked is None or locked.status != BackgroundRun.Status.RUNNING:
        raise RunAbandoned(run.pk)
    if file is not None:
        name, content_type, content = file
        BackgroundFile.objects.create(
            run=run,
            name=name,
            content_type=content_type,
            size=len(content),
            content=content,
        )
    run.status, run.progress, run.step = run.Status.DONE, 100, "Done"
    run.result, run.finished_at = result, timezone.now()
    run._history_user = run.started_by
    run.save()


def run_fail(run: BackgroundRun, error: str) -> None:
    """Mark a running or queued run failed with the reason in words."""
    with transaction.atomic():
        locked = BackgroundRun.objects.select_for_update().filter(pk=run.pk).first()
        if locked is None or locked.finished:
            return
        locked.status, locked.error = BackgroundRun.Status.FAILED, error
        locked.finished_at = timezone.now()
        locked._history_user = locked.started_by
        locked.save()
    run.status, run.error = locked.status, locked.error


def runs_fail_stale(now: datetime.datetime | None = None) -> int:
    """Mark failed every running run whose worker has not reported for longer
    than its step allowed (plus a minute's grace): the worker died."""
    now = now or timezone.now()
    stale = [
        run
        for run in BackgroundRun.objects.filter(status=BackgroundRun.Status.RUNNING)
        if run.heartbeat_at is None
        or run.heartbeat_at + datetime.timedelta(seconds=run.quiet_seconds) + GRACE
        < now
    ]
    for run in stale:
        heard = timezone.localtime(run.heartbeat_at or run.created_at)
        run_fail(
            run,
            "The background worker stopped while this was running (last heard "
            f"from at {heard:%H:%M:%S}); nothing was saved. Start it again.",
        )
    return len(stale) + _fail_unstarted(now)


def _fail_unstarted(now: datetime.datetime) -> int:
    """Queued runs whose task the worker took but never started (it died in
    between, or could not load the task): their task is no longer waiting."""
    from django_tasks_db.models import DBTaskResult

    queued = {
        run.task_id: run
        for run in BackgroundRun.objects.filter(status=BackgroundRun.Status.QUEUED)
    }
    if not queued:
        return 0
    taken = DBTaskResult.objects.filter(pk__in=[k for k in queued if k]).exclude(
        status="READY"
    )
    failed = 0
    for task in taken:
        began = task.started_at or task.enqueued_at
        if task.status == "RUNNING" and began + GRACE + GRACE > now:
            continue  # just taken: run_start follows at once
        run_fail(
            queued[str(task.pk)],
            "The background worker could not start this; nothing was saved. "
            "Start it again.",
        )
        failed += 1
    return failed


def run_execute(run_id: int, work: Callable[[BackgroundRun], None]) -> str:
    """Run `work` for a queued run, outside any transaction.

    `work(run)` reports with run_progress and ends by calling run_finish
    inside the transaction that saves its results. A RunFailed is the
    person's to read; any other error fails the run too and is raised
    again for the worker's log."""
    runs_fail_stale()
    run = run_start(run_id)
    if run is None:
        return "not queued"
    try:
        work(run)
    except RunAbandoned:
        return "abandoned"
    except RunFailed as error:
        run_fail(run, str(error))
        return "failed"
    except Exception as error:
        run_fail(
            run,
            "Something went wrong and nothing was saved; try again, and if it "
            f"fails again tell the service desk ({type(error).__name__}: "
            f"{str(error)[:200]}).",
        )
        raise
    except BaseException:  # the worker told to stop at once (a second Ctrl-C)
        run_fail(run, "The background worker was stopped; nothing was saved.")
        raise
    run.refresh_from_db(fields=["status"])
    if run.status != BackgroundRun.Status.DONE:
        run_fail(run, "The work ended without a result; nothing was saved.")
        return "failed"
    return "done"
