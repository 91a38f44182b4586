"""The leads' and managers' dashboard of open concerns, on the clock."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from viewflow.workflow.models import Task

from .models import Concern
from .selectors import (
    concern_clock,
    concern_lead,
    concern_queryset,
    concern_stage,
)
from .timescales import DUE_SOON, ON_TIME, OVERDUE, STATUS_LABELS, clock_status


@dataclass
class Row:
    concern: Concern
    stage: str
    lead: object
    status: object  # timescales.Status, or None when nothing is due


def _filtered(params) -> QuerySet[Concern]:
    concerns = concern_queryset().filter(status="NEW").order_by("received_at")
    if params.get("locality"):
        concerns = concerns.filter(person__locality__code=params["locality"])
    if params.get("risk_type"):
        tagged = Concern.risk_types.through.objects.filter(
            risktypecode__code=params["risk_type"]
        )
        concerns = concerns.filter(pk__in=tagged.values("concern_id"))
    lead = params.get("lead", "")
    held = Task.objects.filter(status="ASSIGNED", flow_task_type="HUMAN")
    if lead == "queue":
        concerns = concerns.exclude(pk__in=held.values("process_id"))
    elif lead.isdigit():
        mine = held.filter(owner_id=int(lead))
        concerns = concerns.filter(pk__in=mine.values("process_id"))
    return concerns


def concern_dashboard(*, params, today: datetime.date) -> dict:
    """Open concerns with their stage, lead, next due date and status, filtered
    by locality, type of risk, lead and status; with counts by status."""
    rows = []
    for concern in _filtered(params):
        status = clock_status(concern_clock(concern, today), today)
        rows.append(Row(concern, concern_stage(concern), concern_lead(concern), status))
    counts = dict.fromkeys((ON_TIME, DUE_SOON, OVERDUE), 0)
    for row in rows:
        if row.status:
            counts[row.status.label] += 1
    total = len(rows)
    wanted = params.get("status")
    if wanted in counts:
        rows = [row for row in rows if row.status and row.status.label == wanted]
    rows.sort(key=_urgency)
    return {
        "rows": rows,
        "total": total,
        "counts": [(key, STATUS_LABELS[key], counts[key]) for key in counts],
    }


def _urgency(row: Row):
    """Most overdue first, then by due date."""
    if row.status is None:
        return (1, datetime.date.max, 0)
    return (0, row.status.due, -row.status.days_overdue)
