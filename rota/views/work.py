"""Recording visits, and the weekly timesheets for payroll."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ..forms import RecordForm, SignOffForm
from ..models import Timesheet
from ..recording import visit_record
from ..rules import SIGN_OFF
from ..selectors import team_scope, visit_get_for_user
from ..timesheets import timesheet_sign_off, timesheets_csv, timesheets_prepare, week_of
from .board import _team, board_url
from .common import day_from, rota_page


@rota_page
def record(request, pk):
    visit = visit_get_for_user(user=request.user, pk=pk)
    _team(request, visit.team_id)
    existing = getattr(visit, "record", None)
    initial = (
        {
            "outcome": existing.outcome,
            "actual_start": existing.actual_start,
            "actual_end": existing.actual_end,
            "notes": existing.notes,
        }
        if existing
        else {"actual_start": visit.start, "outcome": "done"}
    )
    form = RecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            visit_record(visit=visit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Visit recorded.")
            return redirect(board_url(visit.team, visit.date))
    return render(
        request,
        "rota/record.html",
        {
            "visit": visit,
            "form": form,
            "person": visit.plan.case.person,
            "title": "Record a visit",
            "button": "Save the record",
            "back": board_url(visit.team, visit.date),
        },
        status=400 if form.errors else 200,
    )


def _week(request) -> datetime.date:
    return week_of(day_from(request, "week"))


@rota_page
def timesheets(request, pk):
    """The team's week; a POST works it out again from the recorded visits
    (signed-off timesheets stay as signed)."""
    team = _team(request, pk)
    monday = _week(request)
    if request.method == "POST":
        timesheets_prepare(team=team, monday=monday, actor=request.user)
        messages.success(request, "Worked out from the recorded visits.")
        return redirect(request.get_full_path())
    sheets = Timesheet.objects.filter(
        assistant__team=team, week_start=monday
    ).select_related("assistant", "signed_off_by")
    return render(
        request,
        "rota/timesheets.html",
        {
            "team": team,
            "monday": monday,
            "sheets": sheets,
            "previous_week": monday - datetime.timedelta(7),
            "next_week": monday + datetime.timedelta(7),
            "may_sign": request.user.has_perm(SIGN_OFF, team),
            "form": SignOffForm(),
        },
    )


@rota_page
def timesheets_download(request, pk):
    team = _team(request, pk)
    monday = _week(request)
    sheets = Timesheet.objects.filter(
        assistant__team=team, week_start=monday
    ).select_related("assistant__team", "signed_off_by")
    response = HttpResponse(timesheets_csv(sheets), content_type="text/csv")
    response["Content-Disposition"] = (
        f'attachment; filename="timesheets-{team.pk}-{monday.isoformat()}.csv"'
    )
    return response


@rota_page
def sign_off(request, pk):
    try:
        sheet = Timesheet.objects.select_related("assistant__team").get(
            pk=pk, assistant__team__in=team_scope(request.user)
        )
    except Timesheet.DoesNotExist:
        raise Http404("No such timesheet") from None
    if not request.user.has_perm(SIGN_OFF, sheet.assistant.team):
        raise PermissionDenied
    form = SignOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            timesheet_sign_off(sheet=sheet, actor=request.user, **_sign_fields(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Timesheet of {sheet.assistant} signed off.")
            url = reverse("rota:timesheets", args=[sheet.assistant.team_id])
            return redirect(f"{url}?week={sheet.week_start.isoformat()}")
    return render(
        request,
        "rota/sign_off.html",
        {
            "sheet": sheet,
            "form": form,
            "title": "Sign off a timesheet",
            "button": "Sign off",
            "back": reverse("rota:timesheets", args=[sheet.assistant.team_id]),
        },
        status=400 if form.errors else 200,
    )


def _sign_fields(form) -> dict:
    return {
        "adjustment_minutes": form.cleaned_data["adjustment_minutes"],
        "reason": form.cleaned_data["adjustment_reason"],
    }
