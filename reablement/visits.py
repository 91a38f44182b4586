"""The visit plan as the episode sees it: hours of support a week, and the
changes a review or the end makes. Rota's models are changed here through
rota's own service (planned_call_save) or, for what rota has no service for
(ending a plan), saved the same way with history and the acting user."""

import decimal

from cases.services import _save


def plan_of(episode):
    return getattr(episode.case, "visit_plan", None)


def active_calls(episode) -> list:
    plan = plan_of(episode)
    if plan is None:
        return []
    return list(plan.calls.filter(active=True).order_by("window_start", "pk"))


def hours_per_week(episode) -> decimal.Decimal:
    """Carer hours a week: every active call of the visit plan, every day,
    minutes × carers × 7 / 60. Without a visit plan (a provider outside the
    in-house team), the agreed reablement start's calls the same way."""
    plan = plan_of(episode)
    if plan is not None:
        minutes = sum(c.minutes * c.carers for c in active_calls(episode))
    else:
        start = getattr(episode.case, "reablement_start", None)
        minutes = sum(start.band_minutes().values()) if start else 0
    hours = decimal.Decimal(minutes * 7) / 60
    return hours.quantize(decimal.Decimal("0.01"))


def calls_change(episode, *, changes: dict, actor, reason: str) -> list[str]:
    """Apply a review's changes {call pk: minutes, or 0 to stop the call};
    return what changed, in words."""
    from rota.services import planned_call_save

    said = []
    for call in active_calls(episode):
        minutes = changes.get(call.pk)
        if minutes is None or minutes == call.minutes:
            continue
        if minutes == 0:
            planned_call_save(call=call, actor=actor, reason=reason, active=False)
            said.append(f"{call} stopped")
        else:
            before = str(call)
            planned_call_save(call=call, actor=actor, reason=reason, minutes=minutes)
            said.append(f"{before} now {minutes} min")
    return said


def plan_end(episode, *, on, actor) -> None:
    """The visits stop the day the episode ends (rota has no service for it)."""
    plan = plan_of(episode)
    if plan is None or not plan.active:
        return
    plan.end_date = max(on, plan.start_date)
    plan.updated_by = actor
    _save(plan, actor=actor, reason="Reablement ended")
