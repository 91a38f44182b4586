"""Writes of the rota's people and plans: absences, competencies, visit
plans and the day's visits. Planning, recording and timesheets have their
own modules (planning.py, recording.py, timesheets.py)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.models import DischargeCase, Pathway
from cases.services import _save

from .models import Absence, Assistant, Competency, PlannedCall, Team, Visit, VisitPlan


def team_lock(team: Team) -> None:
    """Hold the team's row until the transaction ends: what plans, publishes
    or works out a team's day or week runs one at a time, so a form sent
    twice (a double click) waits for the first instead of clashing with it."""
    Team.objects.select_for_update().filter(pk=team.pk).exists()


@transaction.atomic
def absence_record(
    *,
    assistant: Assistant,
    actor,
    kind: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    reported_today: bool = False,
    notes: str = "",
) -> Absence:
    """Record an absence; it may not overlap another active one of the same
    assistant (cancel that one first)."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The absence ends after it starts."})
    clash = Absence.objects.filter(
        assistant=assistant,
        status=Absence.Status.ACTIVE,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    ).first()
    if clash:
        raise ValidationError(
            f"{assistant} is already absent then ({clash.get_kind_display().lower()}"
            f" from {timezone.localtime(clash.starts_at):%d/%m/%Y %H:%M})."
        )
    absence = Absence(
        assistant=assistant,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        reported_today=reported_today,
        notes=notes,
        recorded_by=actor,
    )
    _save(absence, actor=actor, reason="Absence recorded")
    return absence


@transaction.atomic
def absence_cancel(*, absence: Absence, actor, reason: str) -> Absence:
    """Absences are never deleted: they are cancelled with a reason."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the absence is cancelled."})
    if absence.status == Absence.Status.CANCELLED:
        raise ValidationError("The absence is already cancelled.")
    absence.status, absence.cancel_reason = Absence.Status.CANCELLED, reason
    _save(absence, actor=actor, reason=f"Cancelled: {reason}")
    return absence


@transaction.atomic
def competency_record(
    *,
    assistant: Assistant,
    actor,
    skill: str,
    obtained_on: datetime.date,
    expires_on: datetime.date,
) -> Competency:
    """Record (or renew) a competency; the old dates stay in its history."""
    competency = Competency.objects.filter(assistant=assistant, skill=skill).first()
    competency = competency or Competency(assistant=assistant, skill=skill)
    competency.obtained_on, competency.expires_on = obtained_on, expires_on
    _save(competency, actor=actor, reason="Competency recorded")
    return competency


@transaction.atomic
def visit_plan_create(
    *, case: DischargeCase, team: Team, actor, access_notes: str = "", gender=""
) -> VisitPlan:
    """A pathway 1 case's visit plan, from its agreed reablement start: one
    planned call per call of the start, in its band's usual window."""
    start = getattr(case, "reablement_start", None)
    if case.pathway != Pathway.REABLEMENT or start is None:
        raise ValidationError("Only a pathway 1 case with an agreed start has visits.")
    if hasattr(case, "visit_plan"):
        raise ValidationError("This case already has a visit plan.")
    plan = VisitPlan(
        case=case,
        team=team,
        start_date=start.start_date,
        end_date=start.end_date,
        access_notes=access_notes,
        gender_preference=gender,
        updated_by=actor,
    )
    _save(plan, actor=actor, reason="Visit plan made from the reablement start")
    for call in start.visits:
        opens, closes = BAND_WINDOWS[call["band"]]
        planned_call_save(
            call=PlannedCall(plan=plan),
            actor=actor,
            band=call["band"],
            window_start=opens,
            window_end=closes,
            minutes=int(call["minutes"]),
            carers=int(call["carers"]),
        )
    return plan


# The usual window for each band's start, when a plan says no more.
BAND_WINDOWS = {
    "morning": (datetime.time(7, 30), datetime.time(9, 30)),
    "lunch": (datetime.time(12, 0), datetime.time(13, 30)),
    "tea": (datetime.time(16, 30), datetime.time(18, 0)),
    "bed": (datetime.time(19, 30), datetime.time(21, 0)),
}


@transaction.atomic
def planned_call_save(*, call: PlannedCall, actor, reason: str = "", **fields):
    """Add or change a planned call; visits not yet planned follow it."""
    for name, value in fields.items():
        setattr(call, name, value)
    _save(call, actor=actor, reason=reason or "Planned call changed")
    return call


@transaction.atomic
def visits_generate(*, team: Team, day: datetime.date, actor) -> list[Visit]:
    """The day's visits from every active plan of the team: new calls add a
    visit; a call changed or stopped changes the day's visit while nobody is
    assigned to it yet and nothing is recorded."""
    made = []
    plans = team.plans.filter(active=True, start_date__lte=day, end_date__gte=day)
    calls = PlannedCall.objects.filter(plan__in=plans).order_by("follows_id", "pk")
    existing = {v.call_id: v for v in Visit.objects.filter(team=team, date=day)}
    by_call: dict[int, Visit] = {}
    for call in sorted(calls, key=lambda c: (c.follows_id is not None, c.pk)):
        visit = existing.get(call.pk)
        if visit is None and not call.active:
            continue
        if visit is None:
            visit = Visit(team=team, plan=call.plan, call=call, date=day)
        elif visit.assistant_id or hasattr(visit, "record"):
            by_call[call.pk] = visit
            continue
        _copy_call(visit, call, by_call.get(call.follows_id))
        _save(visit, actor=actor, reason="Visit made from the plan")
        by_call[call.pk] = visit
        made.append(visit)
    return made


def _copy_call(visit: Visit, call: PlannedCall, follows: Visit | None) -> None:
    visit.band, visit.minutes, visit.carers = call.band, call.minutes, call.carers
    visit.window_start, visit.window_end = call.window_start, call.window_end
    visit.skills, visit.cancelled = list(call.skills), not call.active
    visit.follows, visit.gap_min, visit.gap_max = follows, call.gap_min, call.gap_max


@transaction.atomic
def visit_plan_update(
    *, plan: VisitPlan, actor, gender_preference: str, access_notes: str
) -> VisitPlan:
    plan.gender_preference, plan.access_notes = gender_preference, access_notes
    plan.updated_by = actor
    _save(plan, actor=actor, reason="Visit plan changed")
    return plan


@transaction.atomic
def visit_plans_sync(*, team: Team, actor) -> list[VisitPlan]:
    """A visit plan for every agreed reablement start booked with the team
    that has none yet; a cancelled start's plan stops."""
    from pathways.models import ReablementStart

    if team.provider is None:
        return []
    made = []
    starts = ReablementStart.objects.filter(
        provider=team.provider,
        status=ReablementStart.Status.AGREED,
        case__visit_plan__isnull=True,
    ).select_related("case")
    for start in starts:
        made.append(visit_plan_create(case=start.case, team=team, actor=actor))
    stopped = team.plans.filter(active=True).exclude(
        case__reablement_start__status=ReablementStart.Status.AGREED
    )
    for plan in stopped:
        plan.active = False
        _save(plan, actor=actor, reason="The reablement start was cancelled")
    return made
