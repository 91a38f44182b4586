"""The leads' and managers' dashboard of open concerns, on the clock.

Sorted, counted and paged in the database by each concern's stored next due
date (`Concern.next_due_on`); the clocks shown are worked out for the page's
rows only."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When

from .filters import ConcernFilter
from .flows import Section42Flow
from .models import ClockPause, Concern
from .selectors import (
    concern_lead,
    concern_queryset,
    concern_scope_q,
    concern_stage,
    concern_status,
)
from .timescales import (
    DUE_SOON,
    ON_TIME,
    OVERDUE,
    PAUSED,
    STATUS_LABELS,
    due_soon_before,
)


@dataclass
class Row:
    concern: Concern
    stage: str
    lead: object
    status: object  # timescales.Status, or None when nothing is due


def concern_dashboard(*, user, params, today: datetime.date) -> dict:
    """Open concerns, most overdue first (then by due date; those whose clock
    is stopped or with nothing due last), filtered by locality, type of risk,
    lead and status (values that are not valid are ignored, and listed in
    `filter_form.errors`); with counts by status."""
    # The flow as well as the status: the open processes' index is by flow.
    open_concerns = concern_queryset().filter(
        concern_scope_q(user), status="NEW", flow_class=Section42Flow
    )
    concerns = concerns_on_the_clock(open_concerns, today)
    filters = ConcernFilter(params, queryset=concerns)
    found = filters.qs
    counts = found.aggregate(
        total=Count("pk"),
        **{key: Count("pk", filter=Q(clock=key)) for key in STATUS_LABELS},
    )
    wanted = filters.status_wanted
    if wanted:
        found = found.filter(clock=wanted)
    keys = (ON_TIME, DUE_SOON, OVERDUE, PAUSED)
    return {
        "concerns": found.order_by(F("due").asc(nulls_last=True), *DUE_ORDER[1:], "pk"),
        "total": counts["total"],
        "counts": [(key, STATUS_LABELS[key], counts[key]) for key in keys],
        "filter_form": filters.form,
    }


# Most overdue first is earliest due first; stopped clocks have no due date
# (nulls last); then the longest waiting.
DUE_ORDER = ("due", "received_at")


def concerns_on_the_clock(concerns: QuerySet, today: datetime.date) -> QuerySet:
    """Each concern's status today (`clock`, as `timescales.clock_status` gives
    it) and the date it is due by (`due`, None while the clock is stopped),
    from its stored next due date."""
    stopped = ClockPause.objects.filter(concern=OuterRef("pk"), resumed_on=None)
    return concerns.annotate(
        stopped=Exists(stopped),
        due=Case(When(stopped=True, then=None), default=F("next_due_on")),
        clock=Case(
            When(next_due_on=None, then=Value("")),
            When(stopped=True, then=Value(PAUSED)),
            When(next_due_on__lt=today, then=Value(OVERDUE)),
            When(next_due_on__lt=due_soon_before(today), then=Value(DUE_SOON)),
            default=Value(ON_TIME),
        ),
    )


def concern_rows(concerns, today: datetime.date) -> list[Row]:
    """A page of concerns with their stage, lead and clock status."""
    return [
        Row(
            concern,
            concern_stage(concern),
            concern_lead(concern),
            concern_status(concern, today),
        )
        for concern in concerns
    ]
