"""Big exports as background tasks: the case list as CSV and a pack of case
timelines as one PDF, read in the scope of the person who asked, at the time
the worker runs them."""

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django_tasks import task

from background.models import BackgroundRun
from background.services import RunFailed, run_execute, run_finish, run_progress
from cases import exports, pdf
from cases.pages import case_filter

PACK_MAX_CASES = 50


@task()
def case_export_task(run_id: int) -> str:
    return run_execute(run_id, _case_csv)


@task()
def timeline_pack_task(run_id: int) -> str:
    return run_execute(run_id, _timeline_pack)


def export_cases(run: BackgroundRun):
    """The cases the run's filters select, in its starter's scope now."""
    params = QueryDict(mutable=True)
    for key, values in run.params.get("filters", {}).items():
        params.setlist(key, values)
    filters = case_filter(run.started_by, params)
    if filters.errors:
        raise RunFailed("Some filters were not valid: " + filters.errors.as_text())
    return filters.qs


def _case_csv(run: BackgroundRun) -> None:
    cases = export_cases(run)
    run_progress(run, 5, "Counting the cases")
    total = cases.count()

    def written(rows: int) -> None:
        run_progress(
            run, 5 + 90 * rows // max(total, 1), f"{rows:,} of {total:,} cases"
        )

    content = exports.case_list_csv(cases, on_rows=written).encode("utf-8")
    name = f"cases-{timezone.localdate():%Y%m%d}.csv"
    with transaction.atomic():
        run_finish(
            run,
            result={
                "summary": f"{total:,} case{'s' if total != 1 else ''}.",
                "file": name,
            },
            file=(name, "text/csv; charset=utf-8", content),
        )


def _timeline_pack(run: BackgroundRun) -> None:
    # every field of each case (the list's rows read only what its table
    # shows: cases.pages.CASE_ROW_READS), as a timeline prints much more
    cases = export_cases(run).defer(None).select_related("coordinator", "ot")
    cases = list(cases[: PACK_MAX_CASES + 1])
    if not cases:
        raise RunFailed("No cases match these filters: there is nothing to print.")
    if len(cases) > PACK_MAX_CASES:
        raise RunFailed(
            f"More than {PACK_MAX_CASES} cases match these filters: narrow them "
            "(a locality, a stage) and ask again."
        )
    total = len(cases)

    def printed(done: int) -> None:
        run_progress(run, 5 + 85 * done // total, f"{done} of {total} timelines")

    content = pdf.timeline_pack_pdf(
        cases=cases, printed_by=run.started_by, on_case=printed
    )
    name = f"timelines-{timezone.localdate():%Y%m%d}.pdf"
    with transaction.atomic():
        run_finish(
            run,
            result={
                "summary": f"{total} timeline{'s' if total != 1 else ''}.",
                "file": name,
            },
            file=(name, "application/pdf", content),
        )
