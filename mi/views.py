"""Management information: the figures page, each table as CSV, the pack
as PDF. Thin: the figures are in mi.sections, the scope in mi.selectors."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cases.selectors import localities_to_filter

from . import export
from .forms import FiguresForm
from .registry import tables
from .rules import VIEW_MI
from .selectors import scope_for


def _scope(request):
    if not request.user.has_perm(VIEW_MI):
        raise PermissionDenied
    today = timezone.localdate()
    form = FiguresForm(
        request.GET or {"period": "week"},
        localities=localities_to_filter(request.user),
        today=today,
    )
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    scope = scope_for(
        user=request.user,
        start=data["start"],
        end=data["end"],
        locality=data["locality"],
        today=today,
    )
    return form, scope


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


@require_GET
def pack_pdf(request):
    form, scope = _scope(request)
    if scope is None:
        return _refused(form)
    content = export.pack_pdf(scope=scope, printed_by=request.user)
    response = HttpResponse(content, content_type="application/pdf")
    name = f"figures-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
