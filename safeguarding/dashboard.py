"""The leads' and managers' dashboard of open concerns, on the clock."""

import datetime
from dataclasses import dataclass

from .filters import ConcernFilter
from .models import Concern
from .selectors import (
    concern_lead,
    concern_queryset,
    concern_scope_q,
    concern_stage,
    concern_status,
)
from .timescales import DUE_SOON, ON_TIME, OVERDUE, PAUSED, STATUS_LABELS


@dataclass
class Row:
    concern: Concern
    stage: str
    lead: object
    status: object  # timescales.Status, or None when nothing is due


def concern_dashboard(*, user, params, today: datetime.date) -> dict:
    """Open concerns with their stage, lead, next due date and status, filtered
    by locality, type of risk, lead and status (values that are not valid are
    ignored, and listed in `filter_form.errors`); with counts by status."""
    concerns = concern_queryset().filter(concern_scope_q(user), status="NEW")
    filters = ConcernFilter(params, queryset=concerns.order_by("received_at"))
    rows = []
    for concern in filters.qs:
        status = concern_status(concern, today)
        rows.append(Row(concern, concern_stage(concern), concern_lead(concern), status))
    counts = dict.fromkeys((ON_TIME, DUE_SOON, OVERDUE, PAUSED), 0)
    for row in rows:
        if row.status:
            counts[row.status.label] += 1
    total = len(rows)
    wanted = filters.status_wanted
    if wanted:
        rows = [row for row in rows if row.status and row.status.label == wanted]
    rows.sort(key=urgency)
    return {
        "rows": rows,
        "total": total,
        "counts": [(key, STATUS_LABELS[key], counts[key]) for key in counts],
        "filter_form": filters.form,
    }


def urgency(row: Row):
    """Most overdue first, then by due date."""
    if row.status is None or row.status.due is None:
        return (1, datetime.date.max, 0)
    return (0, row.status.due, -row.status.days_overdue)
