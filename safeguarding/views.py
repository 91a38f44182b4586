"""Safeguarding pages: raise a concern, the dashboard, a concern, its
timeline and PDF, early closure, reassignment and the return.

Every page that shows a concern's details logs the view.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task

from cases.listing import Column, Listing
from cases.models import Locality
from cases.taskviews import _add_errors
from cases.worklist import task_action

from . import forms, pdf, selectors, services
from .codes import RiskType
from .dashboard import DUE_ORDER, concern_dashboard, concern_rows
from .models import ViewLog
from .returns import sac_return, sac_return_csv
from .rules import CLOSE, MANAGE, RAISE, VIEW
from .timeline import concern_timeline


def index(request):
    if selectors.can_see_details(request.user):
        return dashboard(request)
    return mine(request)


@permission_required(VIEW, raise_exception=True)
def dashboard(request):
    today = timezone.localdate()
    context = concern_dashboard(user=request.user, params=request.GET, today=today)
    listing = Listing(
        request,
        context.pop("concerns"),
        columns=DASHBOARD_COLUMNS,
        default="due",
        noun="concern",
        few=True,
    )
    context.update(listing=listing, rows=concern_rows(listing, today))
    context.update(
        filters=request.GET,
        localities=Locality.objects.all(),
        risk_types=RiskType.choices,
        leads=selectors.lead_users(),
        today=today,
    )
    status = 400 if context["filter_form"].errors else 200
    return render(request, "safeguarding/dashboard.html", context, status=status)


DASHBOARD_COLUMNS = (
    Column("concern", "Concern", ("pk",)),
    Column("person", "Person", ("person__family_name",)),
    Column("locality", "Locality", ("person__locality__name",)),
    Column("risk", "Types of risk"),
    Column("received", "Received", ("received_at",)),
    Column("stage", "Stage"),
    Column("lead", "Lead"),
    Column("due", "Next due", DUE_ORDER),
    Column("status", "Status"),
)


@permission_required(RAISE, raise_exception=True)
def mine(request):
    listing = Listing(
        request,
        selectors.concerns_raised_by(request.user),
        columns=MINE_COLUMNS,
        default="-raised",
        noun="concern",
    )
    concerns = list(listing)
    adults = selectors.concern_adults_for(request.user, concerns)
    rows = [
        (concern, adults[concern.pk], selectors.concern_stage(concern))
        for concern in concerns
    ]
    return render(request, "safeguarding/mine.html", {"rows": rows, "listing": listing})


MINE_COLUMNS = (
    Column("concern", "Concern", ("pk",)),
    Column("adult", "Adult"),
    Column("raised", "Raised", ("received_at",)),
    Column("case", "Case", ("case_id",)),
    Column("stage", "Stage"),
)


def _concern(request, pk: int, what: str, detail: str = ""):
    """The concern (for leads and managers: see the views' permission), with
    the view logged."""
    concern = selectors.concern_get_for_user(user=request.user, pk=pk)
    services.concern_view_record(
        concern=concern, user=request.user, what=what, detail=detail
    )
    return concern


@permission_required(VIEW, raise_exception=True)
def concern_detail(request, pk: int):
    concern = _concern(request, pk, ViewLog.What.DETAILS)
    today = timezone.localdate()
    tasks = [
        (task, task_action(task, request.user))
        for task in concern.task_set.filter(
            flow_task_type="HUMAN", status__in=selectors.OPEN_TASK
        ).select_related("owner")
    ]
    return render(
        request,
        "safeguarding/concern_detail.html",
        {
            "concern": concern,
            "stage": selectors.concern_stage(concern),
            "status": selectors.concern_status(concern, today),
            "paused": selectors.concern_paused(concern),
            "clocks": selectors.concern_clock(concern, today),
            "tasks": tasks,
            "note_form": forms.NoteForm(),
            "notes": concern.notes.select_related("author"),
        },
    )


@permission_required(VIEW, raise_exception=True)
def concern_timeline_view(request, pk: int):
    concern = _concern(request, pk, ViewLog.What.TIMELINE)
    today = timezone.localdate()
    return render(
        request,
        "safeguarding/timeline.html",
        {
            "concern": concern,
            "clocks": selectors.concern_clock(concern, today),
            "events": concern_timeline(concern, today),
        },
    )


@permission_required(VIEW, raise_exception=True)
def concern_timeline_pdf(request, pk: int):
    concern = _concern(request, pk, ViewLog.What.PDF)
    content = pdf.concern_timeline_pdf(
        concern=concern, printed_by=request.user, today=timezone.localdate()
    )
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"{concern.reference}-timeline.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_POST
@permission_required(VIEW, raise_exception=True)
def note_add(request, pk: int):
    concern = selectors.concern_get_for_user(user=request.user, pk=pk)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        services.note_add(
            concern=concern, actor=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, "Note added.")
    else:
        messages.error(request, "Write the note before adding it.")
    return redirect(concern.get_absolute_url() + "#notes")


@permission_required(CLOSE, raise_exception=True)
def close_early(request, pk: int):
    concern = selectors.concern_get_for_user(user=request.user, pk=pk)
    form = forms.EarlyClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_close_early(
                concern=concern, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{concern.reference} closed.")
            return redirect(concern.get_absolute_url())
    return render(
        request,
        "safeguarding/close_early.html",
        {"concern": concern, "form": form, "stage": selectors.concern_stage(concern)},
        status=422 if form.errors else 200,
    )


@permission_required(MANAGE, raise_exception=True)
def task_reassign(request, pk: int, task_pk: int):
    concern = selectors.concern_get_for_user(user=request.user, pk=pk)
    task = get_object_or_404(
        Task, pk=task_pk, process_id=concern.pk, status__in=selectors.OPEN_TASK
    )
    form = forms.ReassignForm(request.POST or None, task=task)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_reassign(
                task=task, to_user=form.cleaned_data["lead"], actor=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Task reassigned.")
            return redirect(concern.get_absolute_url())
    return render(
        request,
        "safeguarding/reassign.html",
        {"concern": concern, "task": task, "form": form},
        status=422 if form.errors else 200,
    )


@permission_required(VIEW, raise_exception=True)
def sac_return_view(request):
    start, end = _period(request.GET)
    tables = sac_return(start=start, end=end)
    if request.GET.get("format") == "csv":
        response = HttpResponse(sac_return_csv(tables), content_type="text/csv")
        name = f"safeguarding-return-{start:%Y%m%d}-{end:%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(
        request,
        "safeguarding/return.html",
        {"tables": tables, "start": start, "end": end},
    )


def _period(params) -> tuple[datetime.date, datetime.date]:
    """The range asked for; by default the financial year to date."""
    today = timezone.localdate()
    year = today.year if today.month >= 4 else today.year - 1
    start, end = datetime.date(year, 4, 1), today
    try:
        start = datetime.date.fromisoformat(params.get("start") or start.isoformat())
        end = datetime.date.fromisoformat(params.get("end") or end.isoformat())
    except ValueError:
        pass
    return (start, end) if start <= end else (end, start)
