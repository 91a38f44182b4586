"""One timeline per concern: every record change, task event, note and view,
in time order, with each stage's working days against its target.

Built the same way as the case timeline (cases.timeline): history rows of
the concern and its stage records, and simple-history on Viewflow's Task.
"""

import datetime
import re

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from viewflow.workflow.models import Task

from cases.timeline import Event, _history_events, _who

from .models import Concern, RiskTypeCode
from .selectors import STAGE_RECORDS, concern_clock

# Events at the same moment read best as: the record, its task, the clock.
ORDER = {"record": 0, "task": 1, "stage": 2, "stage breach": 2, "note": 3, "view": 4}


def _task_title(row) -> str:
    node = row.flow_task
    return str(getattr(node, "task_title", "") or node)


def _task_event(row, previous, last_owner) -> str:
    owner = _who(row.owner) if row.owner_id else ""
    status = row.status
    if previous is None:
        return f"task created, assigned to {owner}" if owner else "task created"
    if status == "ASSIGNED" and previous[0] == "ASSIGNED":
        return f"task reassigned from {last_owner} to {owner}"
    if status == "ASSIGNED":
        same = row.history_user_id == row.owner_id
        return f"task taken by {owner}" if same else f"task assigned to {owner}"
    if status == "NEW" and previous[0] == "ASSIGNED":
        return f"task released by {last_owner}"
    return {"DONE": "task done", "CANCELED": "task cancelled"}.get(
        status, f"task {status.lower()}"
    )


def task_events(concern: Concern) -> list[Event]:
    """Created, taken, released, reassigned, done: who and when."""
    rows = (
        Task.history.model.objects.filter(process_id=concern.pk)
        .select_related("history_user", "owner")
        .order_by("history_date", "history_id")
    )
    events, state, owners = [], {}, {}
    for row in rows:
        if row.flow_task_type != "HUMAN":
            continue
        previous = state.get(row.id)
        if previous == (row.status, row.owner_id):
            continue
        title = _task_event(row, previous, owners.get(row.id, ""))
        state[row.id] = (row.status, row.owner_id)
        owners[row.id] = _who(row.owner) if row.owner_id else ""
        events.append(
            Event(
                row.history_date,
                _who(row.history_user),
                "task",
                f"{_task_title(row)}: {title}",
            )
        )
    return events


def _record_events(concern: Concern) -> list[Event]:
    events = _readable(
        Concern, _history_events("Concern", Concern.history.filter(id=concern.pk))
    )
    for key in STAGE_RECORDS:
        record = getattr(concern, key, None)
        if record is not None:
            label = record._meta.verbose_name.capitalize()
            rows = _history_events(label, record.history.all())
            events += _readable(type(record), rows)
    return events


def _readable(model, events: list[Event]) -> list[Event]:
    """Field changes in the words of the form: labels and coded values."""
    for event in events:
        event.changes = [_change(model, *change) for change in event.changes]
    return events


def _change(model, name: str, old: str, new: str) -> tuple[str, str, str]:
    if name == "risk_types":
        return "types of risk", _risk_types(old), _risk_types(new)
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name, old, new
    choices = {str(value): label for value, label in field.choices or []}
    choices.update({"True": "yes", "False": "no"})
    return (
        str(field.verbose_name),
        choices.get(old, old),
        choices.get(new, new),
    )


def _risk_types(text: str) -> str:
    ids = [int(pk) for pk in re.findall(r"'risktypecode': (\d+)", text)]
    labels = {row.pk: str(row) for row in RiskTypeCode.objects.filter(pk__in=ids)}
    return ", ".join(labels[pk] for pk in ids if pk in labels) or "—"


def _clock_events(concern: Concern, today: datetime.date) -> list[Event]:
    """Each stage done, with its working days against the target."""
    events = []
    for clock in concern_clock(concern, today):
        record = getattr(concern, clock.key, None)
        if record is None or clock.elapsed is None:
            continue
        breach = clock.breached
        events.append(
            Event(
                record.recorded_at,
                _who(record.recorded_by),
                "stage breach" if breach else "stage",
                f"{clock.title}: {clock.elapsed} of {clock.target_days} working "
                f"days{' — TIMESCALE BREACHED' if breach else ''}",
                detail=f"due {clock.due:%d/%m/%Y}, done {clock.done:%d/%m/%Y}",
            )
        )
    return events


def concern_timeline(concern: Concern, today: datetime.date | None = None):
    today = today or timezone.localdate()
    events = task_events(concern) + _record_events(concern)
    events += _clock_events(concern, today)
    for note in concern.notes.select_related("author"):
        events.append(
            Event(note.written_at, _who(note.author), "note", "Note", [], note.text)
        )
    for log in concern.view_logs.select_related("user"):
        what = log.get_what_display() + (f" ({log.detail})" if log.detail else "")
        events.append(Event(log.viewed_at, _who(log.user), "view", f"Viewed {what}"))
    return sorted(events, key=lambda event: (event.when, ORDER.get(event.kind, 9)))
