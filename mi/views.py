"""Management information: the figures page, each table as CSV, the pack
as PDF. Thin: the figures are in mi.sections, the scope in mi.selectors."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from background.services import run_queue

from . import export, tasks
from .forms import CUSTOM
from .registry import tables
from .rules import VIEW_MI
from .selectors import figures_scope


def _scope(request):
    if not request.user.has_perm(VIEW_MI):
        raise PermissionDenied
    return figures_scope(
        user=request.user, params=request.GET, today=timezone.localdate()
    )


@require_GET
def figures(request):
    form, scope = _scope(request)
    sections = export.with_charts(scope) if scope else []
    return render(
        request,
        "mi/figures.html",
        {
            "form": form,
            "scope": scope,
            "sections": sections,
            "query": request.GET.urlencode(),
        },
        status=200 if scope else 400,
    )


def _refused(form) -> HttpResponse:
    return HttpResponse(
        "The period or locality is not valid: " + form.errors.as_text(),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def table_csv(request):
    form, scope = _scope(request)
    if scope is None:
        return _refused(form)
    slug = request.GET.get("table", "")
    for _section, section_tables in tables(scope):
        for table in section_tables:
            if table.slug == slug:
                response = HttpResponse(
                    export.table_csv(table), content_type="text/csv; charset=utf-8"
                )
                name = f"{slug}-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}.csv"
                response["Content-Disposition"] = f'attachment; filename="{name}"'
                return response
    raise Http404("No such table.")


@require_POST
def pack(request):
    """The page's figures as a PDF pack, made in the background (mi.tasks):
    queued here, followed and downloaded on the run's page. The run prints
    the dates the page showed (a week asked for on Sunday night is that
    week, whenever the worker gets to it)."""
    form, scope = _scope(request)
    if scope is None:
        return _refused(form)
    locality = form.cleaned_data["locality"]
    run = run_queue(
        kind="figures-pack",
        title=f"Figures {scope.start:%d/%m/%Y} to {scope.end:%d/%m/%Y} (PDF pack)",
        actor=request.user,
        task=tasks.figures_pack_task,
        params={
            "figures": {
                "period": CUSTOM,
                "date_from": scope.start.isoformat(),
                "date_to": scope.end.isoformat(),
                "locality": locality.pk if locality else "",
            }
        },
    )
    return redirect("hub:background_run", pk=run.pk)
