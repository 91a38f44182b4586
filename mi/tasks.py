"""The figures' PDF pack as a background task: WeasyPrint and matplotlib
take seconds (3–10 s for a week at 100,000 cases), too long for a request.
Read in the scope of the person who asked, at the time the worker runs it."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from background.models import BackgroundRun
from background.services import RunFailed, run_execute, run_finish, run_progress

from . import export
from .rules import VIEW_MI
from .selectors import figures_scope


@task()
def figures_pack_task(run_id: int) -> str:
    return run_execute(run_id, _figures_pack)


def _figures_pack(run: BackgroundRun) -> None:
    user = run.started_by
    if not user.has_perm(VIEW_MI):
        raise RunFailed("You may no longer see the figures: nothing was printed.")
    form, scope = figures_scope(
        user=user, params=run.params["figures"], today=timezone.localdate()
    )
    if scope is None:
        raise RunFailed(
            "The period or locality is no longer one you may see: "
            + form.errors.as_text()
        )
    run_progress(run, 10, "Working out the figures and printing the pack")
    content = export.pack_pdf(scope=scope, printed_by=user)
    name = f"figures-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}.pdf"
    places = ", ".join(str(locality) for locality in scope.localities)
    with transaction.atomic():
        run_finish(
            run,
            result={
                "summary": (
                    f"The figures from {scope.start:%d/%m/%Y} to "
                    f"{scope.end:%d/%m/%Y}, {places or 'no locality'}."
                ),
                "file": name,
            },
            file=(name, "application/pdf", content),
        )
