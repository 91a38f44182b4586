"""The section 42 clock: due dates, elapsed working days and status.

Pure functions of dates and a policy, built on `cases.workdays` (England's
bank holidays from the `holidays` library), so they are tested without the
database or a frozen clock: "today" is always passed in.

The policy's timescales depend on the concern's urgency (immediate risk,
urgent, routine: `URGENT_FIELDS`). The clock stops while the police
investigate (`Pause`): paused working days count neither towards a stage's
elapsed days nor against its due date. A plan review that keeps the plan
restarts the review clock, due on the next review date it set.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from cases.workdays import (
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
)


@dataclass(frozen=True)
class Stage:
    key: str
    title: str
    days_field: str  # the TimescalePolicy field holding its target
    after: tuple[str, ...]  # the events it is counted from, first present wins


STAGES = (
    Stage("screening", "Screening", "screening_days", ("received",)),
    Stage("decision", "Section 42 decision", "decision_days", ("received",)),
    Stage("strategy", "Strategy discussion", "strategy_days", ("decision",)),
    Stage("enquiry", "Enquiry", "enquiry_days", ("strategy", "decision")),
    Stage("outcome", "Outcome", "outcome_days", ("enquiry",)),
    Stage("plan", "Safeguarding plan", "plan_days", ("enquiry",)),
    Stage("review", "Plan review", "review_days", ("plan",)),
    Stage("closure", "Closure", "closure_days", ()),  # from the last stage done
)
STAGE_TITLES = {stage.key: stage.title for stage in STAGES}
# The policy fields that replace a stage's routine timescale, by urgency.
URGENT_FIELDS = {
    "immediate": {
        "screening": "immediate_screening_days",
        "decision": "immediate_decision_days",
        "strategy": "immediate_strategy_days",
    },
    "urgent": {
        "screening": "urgent_screening_days",
        "decision": "urgent_decision_days",
        "strategy": "urgent_strategy_days",
    },
}


def targets_for(policy, urgency: str) -> dict[str, int]:
    """Each stage's target in working days for a concern of this urgency."""
    fields = {stage.key: stage.days_field for stage in STAGES}
    fields.update(URGENT_FIELDS.get(urgency, {}))
    return {key: getattr(policy, name) for key, name in fields.items()}


@dataclass(frozen=True)
class Pause:
    """The clock stopped from `start` (inclusive) until `end` (exclusive: the
    day it restarts); `end` None while it is still stopped."""

    start: datetime.date
    end: datetime.date | None


def paused_days(pauses, after: datetime.date, upto: datetime.date) -> int:
    """Working days after `after` up to and including `upto` on which the
    clock was stopped."""
    count = 0
    day = after + datetime.timedelta(days=1)
    while day <= upto:
        if is_working_day(day) and any(
            p.start <= day and (p.end is None or day < p.end) for p in pauses
        ):
            count += 1
        day += datetime.timedelta(days=1)
    return count


def due_with_pauses(begun: datetime.date, days: int, pauses) -> datetime.date:
    """`days` working days after `begun`, not counting stopped days (while
    the clock is still stopped, as if it restarted tomorrow)."""
    due = due_date(begun, days)
    for _ in range(100):  # each pass can only push the date later
        later = due_date(begun, days + paused_days(pauses, begun, due))
        if later == due:
            break
        due = later
    return due


def clock_start(received_at: datetime.datetime, day_ends_at: datetime.time):
    """The working day a concern's clock starts: the day it was received, or
    the next working day when received after the day's end or on a non-working
    day (weekends and England's bank holidays)."""
    local = timezone.localtime(received_at)
    day = local.date()
    if local.time() >= day_ends_at:
        day += datetime.timedelta(days=1)
    return next_working_day(day)


def due_date(start: datetime.date, days: int) -> datetime.date:
    """`days` working days after `start` (0: the same working day)."""
    return add_working_days(start, days)


@dataclass(frozen=True)
class StageClock:
    key: str
    title: str
    target_days: int
    starts: datetime.date | None
    due: datetime.date | None
    done: datetime.date | None
    elapsed: int | None  # working days from the start to done, or to today

    @property
    def breached(self) -> bool:
        return (
            self.due is not None
            and self.elapsed is not None
            and (self.elapsed > self.target_days)
        )


def stages_for(route: str | None, plan_needed: bool | None) -> list[Stage]:
    """The stages a concern passes through on its route (as far as known)."""
    keys = ["screening", "decision"]
    if route in (None, "s42"):
        keys.append("strategy")
    if route in (None, "s42", "other"):
        keys += ["enquiry", "outcome"]
        if plan_needed is not False:
            keys += ["plan", "review"]
    keys.append("closure")
    return [stage for stage in STAGES if stage.key in keys]


def concern_clock(
    *,
    start: datetime.date,
    targets: dict[str, int],
    done: dict[str, datetime.date],
    route: str | None,
    plan_needed: bool | None,
    today: datetime.date,
    stopped: bool = False,
    pauses=(),
    review_restart: tuple[datetime.date, datetime.date] | None = None,
) -> list[StageClock]:
    """Each stage's due date, the day it was done, and working days elapsed.

    A stage's clock runs from the event it depends on; a stage whose event has
    not happened yet has no due date. When the concern is closed (`stopped`),
    stages not reached stay without a clock. Stopped days (`pauses`) do not
    count. `review_restart` (last review, next review date) restarts the
    review clock when the last review kept the plan.
    """
    events = {"received": start, **done}
    clocks: list[StageClock] = []
    for stage in stages_for(route, plan_needed):
        finished = done.get(stage.key)
        target = targets[stage.key]
        begun = _clock_begins(stage, events, clocks, route)
        if stage.key == "review" and review_restart and finished is None:
            begun = review_restart[0]
            target = max(working_days_between(begun, review_restart[1]), 0)
        if begun is None or (stopped and finished is None):
            clock = StageClock(
                stage.key, stage.title, target, None, None, finished, None
            )
        else:
            end = finished or today
            elapsed = working_days_between(begun, end) - paused_days(pauses, begun, end)
            clock = StageClock(
                stage.key,
                stage.title,
                target,
                begun,
                due_with_pauses(begun, target, pauses),
                finished,
                max(elapsed, 0),
            )
        clocks.append(clock)
    return clocks


def _clock_begins(stage, events, earlier, route) -> datetime.date | None:
    if stage.key == "closure":
        # From the last stage done, once every stage is (or it closed early).
        days = [events["received"]] + [c.done for c in earlier if c.done]
        if "closure" in events or all(c.done for c in earlier):
            return next_working_day(max(days))
        return None
    if stage.key == "enquiry" and route == "s42":
        begun = events.get("strategy")
    else:
        begun = next((events[key] for key in stage.after if key in events), None)
    return next_working_day(begun) if begun else None


ON_TIME, DUE_SOON, OVERDUE = "on_time", "due_soon", "overdue"
PAUSED = "paused"
STATUS_LABELS = {
    PAUSED: "Clock stopped: police investigation",
    ON_TIME: "On time",
    DUE_SOON: "Due within a working day",
    OVERDUE: "Overdue",
}


@dataclass(frozen=True)
class Status:
    level: str  # "ok", "warn" or "bad": the badge colour
    label: str  # ON_TIME, DUE_SOON or OVERDUE
    stage: str
    due: datetime.date | None
    days_overdue: int = 0

    def __str__(self) -> str:
        if self.label == OVERDUE:
            days = self.days_overdue
            return f"Overdue by {days} working day{'' if days == 1 else 's'}"
        return STATUS_LABELS[self.label]


def next_due(clocks: list[StageClock]) -> StageClock | None:
    """The earliest-due stage still open (None: nothing is due)."""
    open_stages = [c for c in clocks if c.done is None and c.due is not None]
    return min(open_stages, key=lambda c: c.due, default=None)


def due_soon_before(today: datetime.date) -> datetime.date:
    """A due date from today up to (not including) this day is due within a
    working day: at most one working day after today up to it."""
    tomorrow = datetime.timedelta(days=1)
    return next_working_day(next_working_day(today + tomorrow) + tomorrow)


def clock_status(
    clocks: list[StageClock], today: datetime.date, *, paused: bool = False
) -> Status | None:
    """The status of the earliest-due open stage: on time, due within a working
    day (due today or on the next working day), or overdue by N working days;
    while the clock is stopped, just that. (dashboard.py counts the same in SQL
    from the stored next due date.)"""
    clock = next_due(clocks)
    if clock is None:
        return None
    if paused:
        return Status("ok", PAUSED, clock.title, None)
    if today > clock.due:
        days = working_days_between(clock.due, today)
        return Status("bad", OVERDUE, clock.title, clock.due, max(days, 1))
    if clock.due < due_soon_before(today):
        return Status("warn", DUE_SOON, clock.title, clock.due)
    return Status("ok", ON_TIME, clock.title, clock.due)
