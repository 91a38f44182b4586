"""The allocator's background tasks: a page queues a run (background.services
.run_queue) and the task worker solves it, reporting progress, outside any
request and outside any transaction while the solver runs."""

from django.urls import reverse
from django_tasks import task

from background.models import BackgroundRun
from background.services import RunFailed, run_execute, run_finish, run_progress

from . import allocator
from .allocation.model import ProblemError
from .allocation.parse import problem_from_json
from .selectors import planning_localities, run_entries_in_scope


@task()
def allocation_run_task(run_id: int) -> str:
    return run_execute(run_id, _allocate)


@task()
def what_if_task(run_id: int) -> str:
    return run_execute(run_id, _what_if)


def _reporter(run: BackgroundRun):
    def progress(percent: int, step: str, quiet_seconds: int) -> None:
        run_progress(run, percent, step, quiet_seconds=quiet_seconds)

    return progress


def _allocate(run: BackgroundRun) -> None:
    actor = run.started_by
    if actor is not None and not planning_localities(actor).exists():
        raise RunFailed("You have no localities to plan for; ask an admin.")

    def saved(allocation) -> None:
        placed, unplaced = run_entries_in_scope(allocation, actor)
        run_finish(
            run,
            result={
                "url": reverse("hub:allocation_run_detail", args=[allocation.pk]),
                "link": "See the proposals",
                "summary": f"{len(placed)} proposed, {len(unplaced)} could not "
                "be placed.",
                "allocation_run": allocation.pk,
            },
        )

    allocator.allocation_run(
        actor=actor,
        time_limit_s=run.params.get("time_limit_s", 10.0),
        progress=_reporter(run),
        on_saved=saved,
    )


def _what_if(run: BackgroundRun) -> None:
    data = run.params["problem"]
    try:
        problem = problem_from_json(data)
    except ProblemError as error:  # checked on upload; a changed schema since?
        raise RunFailed(
            "The problem is not valid: " + "; ".join(error.errors)
        ) from error

    def saved(allocation) -> None:
        result = allocation.result
        run_finish(
            run,
            result={
                "url": reverse("hub:allocation_what_if_result", args=[allocation.pk]),
                "link": "See the result",
                "summary": f"{len(result['assignments'])} placed, "
                f"{len(result['unassigned'])} not placed.",
                "allocation_run": allocation.pk,
            },
        )

    allocator.what_if_run(
        actor=run.started_by,
        data=data,
        problem=problem,
        time_limit_s=run.params.get("time_limit_s", 5.0),
        progress=_reporter(run),
        on_saved=saved,
    )
