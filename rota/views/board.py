"""The rota board for a team and day, and the actions taken from it:
plan the day, re-plan after a sickness, reassign a visit, publish."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import planning
from ..board import board_runs
from ..capacity import team_capacity_update
from ..forms import ReassignForm, SicknessForm
from ..pdf import day_sheet_pdf
from ..rules import PLAN
from ..selectors import (
    assistant_get_for_user,
    competencies_expiring,
    team_get_for_user,
    team_scope,
    visit_get_for_user,
)
from ..services import visit_plans_sync
from .common import day_from, rota_page


def _team(request, pk):
    team = team_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm(PLAN, team):
        raise PermissionDenied
    return team


def board_url(team, day: datetime.date) -> str:
    return f"{reverse('rota:board', args=[team.pk])}?day={day.isoformat()}"


@rota_page
def index(request):
    """The teams the user plans, and competencies expiring within 30 days."""
    teams = team_scope(request.user).select_related("locality")
    return render(
        request,
        "rota/index.html",
        {
            "teams": teams,
            "expiring": competencies_expiring(teams),
            "today": timezone.localdate(),
        },
    )


@rota_page
def board(request, pk):
    team = _team(request, pk)
    day = day_from(request)
    runs, uncovered, visits = board_runs(team, day)
    return render(
        request,
        "rota/board.html",
        {
            "team": team,
            "day": day,
            "previous_day": day - datetime.timedelta(days=1),
            "next_day": day + datetime.timedelta(days=1),
            "runs": runs,
            "uncovered": uncovered,
            "visit_count": len(visits),
            "versions": team.versions.filter(date=day)[:5],
            "sickness_form": SicknessForm(team=team),
            "is_today": day == timezone.localdate(),
            "is_past": day < timezone.localdate(),
        },
    )


@rota_page
@require_POST
def plan_day(request, pk):
    team = _team(request, pk)
    day = day_from(request)
    try:
        planning.day_not_past(day, "its rota cannot be planned any more")
        visit_plans_sync(team=team, actor=request.user)
        result = planning.rota_plan(team=team, day=day, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(board_url(team, day))
    team_capacity_update(team=team, days=[day], actor=request.user)
    covered = result["objective"].get("covered", 0)
    messages.success(
        request,
        f"Day planned: {covered} of {result['objective'].get('visits', 0)} visits "
        f"covered, {len(result['uncovered'])} not.",
    )
    return redirect(board_url(team, day))


@rota_page
def sickness(request, pk):
    """An assistant reports sick: the rest of the day is re-planned."""
    team = _team(request, pk)
    day = day_from(request)
    form = SicknessForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            result = planning.rota_replan_sickness(
                team=team,
                day=day,
                assistant=form.cleaned_data["assistant"],
                at=form.cleaned_data["at"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            team_capacity_update(team=team, days=[day], actor=request.user)
            messages.success(
                request,
                f"Re-planned: {len(result['moved'])} visit(s) moved, "
                f"{len(result['uncovered'])} still not covered.",
            )
            return redirect(board_url(team, day))
    return render(
        request,
        "rota/sickness.html",
        {
            "team": team,
            "day": day,
            "form": form,
            "title": "Re-plan after a sickness",
            "button": "Record the sickness and re-plan",
            "back": board_url(team, day),
        },
        status=400 if form.errors else 200,
    )


@rota_page
def reassign(request, pk):
    visit = visit_get_for_user(user=request.user, pk=pk)
    _team(request, visit.team_id)
    initial = {
        "assistant": visit.assistant,
        "second_assistant": visit.second_assistant,
        "start": visit.start or visit.window_start,
    }
    form = ReassignForm(request.POST or None, visit=visit, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            planning.visit_reassign(
                visit=visit,
                actor=request.user,
                assistants=form.assistants(),
                start=form.cleaned_data["start"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Visit reassigned.")
            return redirect(board_url(visit.team, visit.date))
    return render(
        request,
        "rota/reassign.html",
        {
            "visit": visit,
            "form": form,
            "title": "Reassign a visit",
            "button": "Reassign",
            "back": board_url(visit.team, visit.date),
        },
        status=400 if form.errors else 200,
    )


@rota_page
@require_POST
def publish(request, pk):
    team = _team(request, pk)
    day = day_from(request)
    try:
        version = planning.rota_publish(
            team=team, day=day, actor=request.user, note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Published version {version.number}.")
    return redirect(board_url(team, day))


@rota_page
def day_sheet(request, pk):
    """An assistant's printable day sheet (PDF)."""
    assistant = assistant_get_for_user(user=request.user, pk=pk)
    _team(request, assistant.team_id)
    day = day_from(request)
    response = HttpResponse(
        day_sheet_pdf(assistant=assistant, day=day), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="day-sheet-{assistant.pk}-{day.isoformat()}.pdf"'
    )
    return response
