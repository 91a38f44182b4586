"""The simulation as background work: the page queues it, the task worker
runs it (minutes, with the allocator) and stores the report as the run's
result, which the result page reads."""

from django.db import transaction
from django.urls import reverse
from django_tasks import task

from background.models import BackgroundRun
from background.services import run_execute, run_finish, run_progress

from .. import run as simulate_run
from ..params import Params
from .forms import POLICY_NAMES

KIND = "simulation"


@task()
def simulation_task(run_id: int) -> str:
    return run_execute(run_id, _simulate)


def _simulate(run: BackgroundRun) -> None:
    params = Params.from_json(run.params["params"])
    policies = tuple(run.params["policies"])
    # A policy's days may take (limit + 1) s each; the sweep's runs are greedy.
    quiet = int(params.days * (params.time_limit_s + 1) * 2) + 120

    def progress(percent: int, step: str) -> None:
        run_progress(run, percent, step, quiet_seconds=quiet)

    report = simulate_run(
        params, policies, what_if=run.params.get("what_if", True), progress=progress
    )
    figures = [
        f"{POLICY_NAMES.get(name, name)}: "
        f"{summary['delayed_bed_days']} delayed bed-days"
        for name, summary in report["policies"].items()
    ]
    with transaction.atomic():
        run_finish(
            run,
            result={
                "url": reverse("hub:simulation_result", args=[run.pk]),
                "link": "See the results",
                "summary": "; ".join(figures) + ".",
                "report": report,
            },
        )
