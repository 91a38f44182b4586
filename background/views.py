"""Pages that follow background work: your runs, one run's progress (polled
by static/hub/hub.js, announced in a live region) and its file."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from .models import BackgroundFile, BackgroundRun
from .selectors import run_get_for_user, run_list_for_user
from .services import runs_fail_stale

RECENT_RUNS = 20


def run_words(run: BackgroundRun) -> str:
    """Where the run stands, in one sentence for the live region."""
    if run.status == run.Status.QUEUED:
        queued = timezone.localtime(run.created_at)
        return (
            f"Waiting for the background worker since {queued:%H:%M:%S}. "
            "If nothing happens for a few minutes, the worker may not be running."
        )
    if run.status == run.Status.RUNNING:
        return f"{run.step or 'Running'}… ({run.progress}% done)"
    if run.status == run.Status.DONE:
        return "Done. " + run.result.get("summary", "")
    return "Failed: " + run.error


def _download_url(run: BackgroundRun) -> str | None:
    if run.status != run.Status.DONE or "file" not in run.result:
        return None
    return reverse("hub:background_run_download", args=[run.pk])


def run_list(request):
    """Your recent background runs: what they were, how they went."""
    runs_fail_stale()
    runs = run_list_for_user(request.user)[:RECENT_RUNS]
    return render(request, "background/run_list.html", {"runs": runs})


def run_detail(request, pk: int):
    runs_fail_stale()
    run = run_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "background/run_detail.html",
        {"run": run, "words": run_words(run), "download": _download_url(run)},
    )


def run_status(request, pk: int):
    """The run's state as JSON, for the page's polling script."""
    runs_fail_stale()
    run = run_get_for_user(user=request.user, pk=pk)
    return JsonResponse(
        {
            "status": run.status,
            "finished": run.finished,
            "progress": run.progress,
            "words": run_words(run),
            # Where the page goes when the run ends: its result, or itself
            # again (a failure, or a file to download, shows there).
            "next": run.result.get("url")
            or reverse("hub:background_run", args=[run.pk]),
        }
    )


def run_download(request, pk: int):
    run = run_get_for_user(user=request.user, pk=pk)
    file = BackgroundFile.objects.filter(run=run, run__status=run.Status.DONE).first()
    if file is None:
        raise Http404("This run has no file to download (yet).")
    response = HttpResponse(bytes(file.content), content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.name}"'
    return response
