"""Big exports, asked for here and made in the background (hub/tasks.py)."""

from django.shortcuts import redirect, render

from background.services import run_queue
from cases.pages import case_filter

from . import tasks

KINDS = {
    "csv": ("case-export", "Cases as CSV", tasks.case_export_task),
    "timelines": (
        "timeline-pack",
        "Case timelines (PDF pack)",
        tasks.timeline_pack_task,
    ),
}


def case_export(request):
    """The case list's filters, exported: the CSV of every matching case, or
    their timelines as one PDF (at most PACK_MAX_CASES). GET says what would
    be exported; POST (the filters in the address) queues it."""
    filters = case_filter(request.user, request.GET)
    choice = request.POST.get("what") if request.method == "POST" else None
    error = None
    if choice is not None and not filters.errors:
        if choice not in KINDS:
            error = "Choose the CSV or the timelines."
        else:
            kind, title, task = KINDS[choice]
            run = run_queue(
                kind=kind,
                title=title,
                actor=request.user,
                task=task,
                params={"filters": dict(request.GET.lists())},
            )
            return redirect("hub:background_run", pk=run.pk)
    count = filters.qs.count() if not filters.errors else 0
    return render(
        request,
        "hub/case_export.html",
        {
            "count": count,
            "filter_errors": filters.errors,
            "error": error,
            "pack_max": tasks.PACK_MAX_CASES,
            "query": request.GET.urlencode(),
        },
        status=400 if filters.errors or error else 200,
    )
