"""Absences (the calendar, recording and cancelling) and visit plans."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from .. import services
from ..capacity import capacity_days, team_capacity_update
from ..forms import AbsenceForm, CallForm, PlanForm, ReasonForm
from ..models import Absence, PlannedCall, VisitPlan
from ..rules import PLAN
from ..selectors import (
    absences_active,
    day_bounds,
    team_scope,
    visits_for_person_week,
)
from .board import _team
from .common import day_from, rota_page

CALENDAR_DAYS = 14


@rota_page
def absences(request, pk):
    """Two weeks of the team's absences, one row per assistant; record one."""
    team = _team(request, pk)
    first = day_from(request, "from")
    days = [first + datetime.timedelta(days=i) for i in range(CALENDAR_DAYS)]
    form = AbsenceForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            absence = services.absence_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _capacity(team, absence, request.user)
            messages.success(request, "Absence recorded.")
            return redirect(f"{request.path}?from={first.isoformat()}")
    assistants = list(team.assistants.filter(active=True))
    start, _ = day_bounds(first)
    found = absences_active(
        assistants, start, start + datetime.timedelta(CALENDAR_DAYS)
    )
    rows = []
    for a in assistants:
        mine = [x for x in found if x.assistant_id == a.pk]
        rows.append((a, [_on(mine, day) for day in days]))
    return render(
        request,
        "rota/absences.html",
        {
            "team": team,
            "days": days,
            "rows": rows,
            "form": form,
            "listed": found.select_related("assistant").order_by("starts_at"),
            "earlier": first - datetime.timedelta(CALENDAR_DAYS),
            "later": first + datetime.timedelta(CALENDAR_DAYS),
        },
        status=400 if form.errors else 200,
    )


def _capacity(team, absence, actor) -> None:
    """The team's published capacity follows its absences."""
    days = capacity_days(absence.starts_at, absence.ends_at)
    team_capacity_update(team=team, days=days, actor=actor)


def _on(absences, day):
    for x in absences:
        last = timezone.localtime(x.ends_at - datetime.timedelta(seconds=1)).date()
        if timezone.localtime(x.starts_at).date() <= day <= last:
            return x
    return None


@rota_page
def absence_cancel(request, pk):
    try:
        absence = Absence.objects.select_related("assistant__team").get(
            pk=pk, assistant__team__in=team_scope(request.user)
        )
    except Absence.DoesNotExist:
        raise Http404("No such absence") from None
    team = _team(request, absence.assistant.team_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.absence_cancel(
                absence=absence, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _capacity(team, absence, request.user)
            messages.success(request, "Absence cancelled.")
            return redirect("rota:absences", team.pk)
    return render(
        request,
        "rota/absence_cancel.html",
        {
            "absence": absence,
            "team": team,
            "form": form,
            "title": "Cancel an absence",
            "button": "Cancel the absence",
            "back": reverse("rota:absences", args=[team.pk]),
        },
        status=400 if form.errors else 200,
    )


def _plan(request, pk) -> VisitPlan:
    try:
        plan = VisitPlan.objects.select_related("team", "case__referral__person").get(
            pk=pk, team__in=team_scope(request.user)
        )
    except VisitPlan.DoesNotExist:
        raise Http404("No such visit plan") from None
    if not request.user.has_perm(PLAN, plan.team):
        raise PermissionDenied
    return plan


@rota_page
def plan_detail(request, pk):
    """Who is coming when this week, the planned calls, the access notes."""
    plan = _plan(request, pk)
    day = day_from(request, "week")
    monday = day - datetime.timedelta(days=day.weekday())
    form = PlanForm(
        request.POST or None,
        initial={
            "gender_preference": plan.gender_preference,
            "access_notes": plan.access_notes,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.visit_plan_update(plan=plan, actor=request.user, **form.cleaned_data)
        messages.success(request, "Visit plan saved.")
        return redirect(request.get_full_path())
    return render(
        request,
        "rota/plan.html",
        {
            "plan": plan,
            "person": plan.case.person,
            "monday": monday,
            "previous_week": monday - datetime.timedelta(7),
            "next_week": monday + datetime.timedelta(7),
            "visits": visits_for_person_week(plan, monday),
            "calls": plan.calls.all(),
            "form": form,
        },
    )


CALL_FIELDS = (
    "band",
    "window_start",
    "window_end",
    "minutes",
    "carers",
    "skills",
    "follows",
    "gap_min",
    "gap_max",
    "active",
)


@rota_page
def call_edit(request, pk):
    try:
        call = PlannedCall.objects.select_related("plan").get(pk=pk)
    except PlannedCall.DoesNotExist:
        raise Http404("No such call") from None
    plan = _plan(request, call.plan_id)
    initial = {name: getattr(call, name) for name in CALL_FIELDS}
    return _call_page(request, plan, call, initial, f"Change the call: {call}")


@rota_page
def call_add(request, pk):
    plan = _plan(request, pk)
    return _call_page(request, plan, None, {"active": True}, "Add a call")


def _call_page(request, plan, call, initial, title):
    form = CallForm(request.POST or None, plan=plan, call=call, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.planned_call_save(
                call=call or PlannedCall(plan=plan),
                actor=request.user,
                reason="Planned call added" if call is None else "",
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Call saved: days not yet planned follow it.")
            return redirect("rota:plan", plan.pk)
    return render(
        request,
        "rota/call.html",
        {
            "plan": plan,
            "call": call,
            "form": form,
            "title": title,
            "button": "Save the call",
            "back": reverse("rota:plan", args=[plan.pk]),
        },
        status=400 if form.errors else 200,
    )


def plan_url(plan) -> str:
    return reverse("rota:plan", args=[plan.pk])
