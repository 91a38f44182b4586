"""Working days, due dates and status on chosen dates: pure functions, with
"today" passed in. England's bank holidays come from the holidays library."""

import datetime

import pytest
from django.utils import timezone

from cases.workdays import add_working_days, is_working_day, working_days_between
from safeguarding.timescales import (
    DUE_SOON,
    ON_TIME,
    OVERDUE,
    clock_start,
    clock_status,
    concern_clock,
    due_date,
)

D = datetime.date
FIVE_PM = datetime.time(17, 0)
TARGETS = {
    "screening": 0,
    "decision": 2,
    "strategy": 5,
    "enquiry": 20,
    "outcome": 5,
    "plan": 5,
    "review": 30,
    "closure": 5,
}
# Friday 1 May 2026; Monday 4 May 2026 is the Early May bank holiday.
FRIDAY, BANK_HOLIDAY, TUESDAY = D(2026, 5, 1), D(2026, 5, 4), D(2026, 5, 5)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


def test_england_bank_holidays_and_weekends_are_not_working_days():
    assert not is_working_day(BANK_HOLIDAY)
    assert not is_working_day(D(2026, 5, 2)) and not is_working_day(D(2026, 5, 3))
    assert not is_working_day(D(2025, 12, 25)) and not is_working_day(D(2025, 12, 26))
    assert not is_working_day(D(2026, 4, 3))  # Good Friday
    assert not is_working_day(D(2026, 4, 6))  # Easter Monday (England, not Scotland)
    assert is_working_day(D(2026, 1, 2))  # a Scottish holiday only
    assert is_working_day(FRIDAY) and is_working_day(TUESDAY)


def test_working_day_arithmetic_across_a_weekend_and_bank_holiday():
    assert add_working_days(FRIDAY, 1) == TUESDAY
    assert add_working_days(FRIDAY, 2) == D(2026, 5, 6)
    assert add_working_days(D(2026, 5, 2), 0) == TUESDAY  # Saturday rolls forward
    assert working_days_between(FRIDAY, TUESDAY) == 1
    assert working_days_between(TUESDAY, FRIDAY) == -1
    assert due_date(D(2025, 12, 24), 2) == D(2025, 12, 30)  # over Christmas


def test_concern_at_1655_on_the_friday_before_a_bank_holiday_monday():
    start = clock_start(at(FRIDAY, 16, 55), FIVE_PM)
    assert start == FRIDAY
    assert due_date(start, 0) == FRIDAY  # screening: the same working day
    assert due_date(start, 2) == D(2026, 5, 6)  # decision: Wednesday
    clocks = concern_clock(
        start=start,
        targets=TARGETS,
        done={},
        route=None,
        plan_needed=None,
        today=FRIDAY,
    )
    assert [(c.key, c.due) for c in clocks if c.due] == [
        ("screening", FRIDAY),
        ("decision", D(2026, 5, 6)),
    ]


def test_after_the_days_end_or_on_a_holiday_the_clock_starts_next_working_day():
    assert clock_start(at(FRIDAY, 17, 5), FIVE_PM) == TUESDAY
    assert clock_start(at(BANK_HOLIDAY, 9), FIVE_PM) == TUESDAY
    assert clock_start(at(FRIDAY, 16, 5), datetime.time(16, 0)) == TUESDAY
    assert due_date(TUESDAY, 2) == D(2026, 5, 7)


def test_each_stage_is_counted_from_the_event_it_depends_on():
    done = {
        "screening": FRIDAY,
        "decision": TUESDAY,
        "strategy": D(2026, 5, 14),  # 7 working days after the decision: late
        "enquiry": D(2026, 6, 5),
        "outcome": D(2026, 6, 8),
    }
    clocks = {
        c.key: c
        for c in concern_clock(
            start=FRIDAY,
            targets=TARGETS,
            done=done,
            route="s42",
            plan_needed=True,
            today=D(2026, 6, 9),
        )
    }
    assert clocks["decision"].elapsed == 1 and not clocks["decision"].breached
    assert clocks["strategy"].due == D(2026, 5, 12)
    assert clocks["strategy"].elapsed == 7 and clocks["strategy"].breached
    # 25 May 2026 is the Spring bank holiday: 20 working days from 14 May
    assert clocks["enquiry"].due == D(2026, 6, 12)
    assert clocks["plan"].due == D(2026, 6, 12) and clocks["plan"].done is None
    assert clocks["review"].due is None  # waits for the plan
    assert clocks["closure"].due is None  # waits for every stage


def test_other_enquiry_counts_from_the_decision_and_no_enquiry_skips_to_closure():
    other = concern_clock(
        start=FRIDAY,
        targets=TARGETS,
        done={"screening": FRIDAY, "decision": TUESDAY},
        route="other",
        plan_needed=None,
        today=TUESDAY,
    )
    assert "strategy" not in [c.key for c in other]
    assert next(c for c in other if c.key == "enquiry").due == add_working_days(
        TUESDAY, 20
    )
    none = concern_clock(
        start=FRIDAY,
        targets=TARGETS,
        done={"screening": FRIDAY, "decision": TUESDAY},
        route="none",
        plan_needed=None,
        today=TUESDAY,
    )
    assert [c.key for c in none] == ["screening", "decision", "closure"]
    assert none[-1].due == D(2026, 5, 12)


@pytest.mark.parametrize(
    ("today", "label", "days_overdue"),
    [
        (FRIDAY, ON_TIME, 0),
        (BANK_HOLIDAY, ON_TIME, 0),
        (TUESDAY, DUE_SOON, 0),  # due on the next working day
        (D(2026, 5, 6), DUE_SOON, 0),  # due today
        (D(2026, 5, 7), OVERDUE, 1),
        (D(2026, 5, 11), OVERDUE, 3),  # Thu 7, Fri 8, Mon 11 (weekend skipped)
    ],
)
def test_status_of_the_decision_on_chosen_dates(today, label, days_overdue):
    clocks = concern_clock(
        start=FRIDAY,
        targets=TARGETS,
        done={"screening": FRIDAY},
        route=None,
        plan_needed=None,
        today=today,
    )
    status = clock_status(clocks, today)
    assert status.stage == "Section 42 decision"
    assert (status.label, status.days_overdue) == (label, days_overdue)
    if label == OVERDUE:
        assert str(status) == f"Overdue by {days_overdue} working day" + (
            "s" if days_overdue > 1 else ""
        )


def test_a_closed_early_concern_has_no_clock_for_stages_not_reached():
    clocks = concern_clock(
        start=FRIDAY,
        targets=TARGETS,
        done={"screening": FRIDAY, "closure": TUESDAY},
        route=None,
        plan_needed=None,
        today=D(2026, 6, 1),
        stopped=True,
    )
    assert clock_status(clocks, D(2026, 6, 1)) is None
    closure = clocks[-1]
    assert closure.done == TUESDAY and closure.elapsed == 1
    assert all(c.due is None for c in clocks if c.key not in ("screening", "closure"))
