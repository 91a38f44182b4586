"""The simulator's pages, for managers: the form that queues a run, and a
finished run's result (its tables and charts)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from background.selectors import run_get_for_user, run_list_for_user
from background.services import run_queue

from . import charts, tasks
from .forms import POLICY_NAMES, SimulationForm
from .rules import SIMULATE

RECENT = 10


def _require_manager(user) -> None:
    if not user.has_perm(SIMULATE):
        raise PermissionDenied


def simulation(request):
    """The settings; a valid form queues the run and shows its progress."""
    _require_manager(request.user)
    form = SimulationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        params = form.params()
        run = run_queue(
            kind=tasks.KIND,
            title=f"Discharge simulation, {params.days} days, seed {params.seed}",
            actor=request.user,
            task=tasks.simulation_task,
            params={
                "params": params.to_json(),
                "policies": form.cleaned_data["policies"],
                "what_if": form.cleaned_data["what_if"],
            },
        )
        return redirect("hub:background_run", pk=run.pk)
    runs = run_list_for_user(request.user).filter(kind=tasks.KIND)[:RECENT]
    return render(
        request,
        "pathways/simulate/form.html",
        {"form": form, "runs": runs},
        status=422 if form.errors else 200,
    )


def simulation_result(request, pk: int):
    """A finished run's figures, charts and what-if (its starter's alone)."""
    _require_manager(request.user)
    run = run_get_for_user(user=request.user, pk=pk)
    if run.kind != tasks.KIND:
        raise Http404("No such simulation.")
    if run.status != run.Status.DONE:
        return redirect("hub:background_run", pk=run.pk)
    report = run.result["report"]
    waiting = charts.waiting_table(report)
    return render(
        request,
        "pathways/simulate/result.html",
        {
            "run": run,
            "report": report,
            "params": report["params"],
            "tables": charts.tables(report),
            "waiting": waiting,
            "waiting_svg": charts.waiting_svg(waiting),
            "waiting_summary": charts.waiting_summary(waiting),
            "sweep": report.get("sweep"),
            "policy_names": POLICY_NAMES,
        },
    )
