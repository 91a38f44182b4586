"""The section 42 clock: due dates, elapsed working days and status.

Pure functions of dates and a policy, built on `cases.workdays` (England's
bank holidays from the `holidays` library), so they are tested without the
database or a frozen clock: "today" is always passed in.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from cases.workdays import add_working_days, next_working_day, working_days_between


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
) -> list[StageClock]:
    """Each stage's due date, the day it was done, and working days elapsed.

    A stage's clock runs from the event it depends on; a stage whose event has
    not happened yet has no due date. When the concern is closed (`stopped`),
    stages not reached stay without a clock.
    """
    events = {"received": start, **done}
    clocks: list[StageClock] = []
    for stage in stages_for(route, plan_needed):
        finished = done.get(stage.key)
        begun = _clock_begins(stage, events, clocks, route)
        if begun is None or (stopped and finished is None):
            clock = StageClock(
                stage.key, stage.title, targets[stage.key], None, None, finished, None
            )
        else:
            clock = StageClock(
                stage.key,
                stage.title,
                targets[stage.key],
                begun,
                due_date(begun, targets[stage.key]),
                finished,
                max(working_days_between(begun, finished or today), 0),
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
STATUS_LABELS = {
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


def clock_status(clocks: list[StageClock], today: datetime.date) -> Status | None:
    """The status of the earliest-due open stage: on time, due within a working
    day (due today or on the next working day), or overdue by N working days."""
    open_stages = [c for c in clocks if c.done is None and c.due is not None]
    if not open_stages:
        return None
    clock = min(open_stages, key=lambda c: c.due)
    if today > clock.due:
        days = working_days_between(clock.due, today)
        return Status("bad", OVERDUE, clock.title, clock.due, max(days, 1))
    if working_days_between(today, clock.due) <= 1:
        return Status("warn", DUE_SOON, clock.title, clock.due)
    return Status("ok", ON_TIME, clock.title, clock.due)
