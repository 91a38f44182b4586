"""One timeline per concern: every record change, task event, note and view,
in time order, with each stage's working days against its target.

Built the same way as the case timeline (cases.timeline): history rows of
the concern and its stage records, in the domain's words, and
simple-history on Viewflow's Task.
"""

import datetime

from django.utils import timezone

from cases.timeline import Event, history_events, task_events, timeline_order
from cases.wording import Wording, who

from .models import (
    AdvocacyReferral,
    ClockPause,
    Concern,
    PlanReview,
    PositionOfTrustReferral,
    SafeguardingAdultsReview,
)
from .selectors import STAGE_RECORDS, concern_clock, last_review

# Records a concern may have several of: each one's history, in its own words.
REPEATED = (
    PlanReview,
    ClockPause,
    AdvocacyReferral,
    PositionOfTrustReferral,
    SafeguardingAdultsReview,
)

# Events at the same moment read best as: the record, its task, the clock.
ORDER = {"record": 0, "task": 1, "stage": 2, "stage breach": 2, "note": 3, "view": 4}


def _record_events(concern: Concern, wording: Wording) -> list[Event]:
    rows = Concern.history.filter(id=concern.pk)
    events = history_events("Concern", rows, wording)
    for key in STAGE_RECORDS:
        record = getattr(concern, key, None)
        if record is not None:
            label = record._meta.verbose_name.capitalize()
            events += history_events(label, record.history.all(), wording)
    for model in REPEATED:
        label = model._meta.verbose_name.capitalize()
        rows = model.history.filter(concern_id=concern.pk)
        for pk in sorted(set(rows.values_list("id", flat=True))):
            events += history_events(label, rows.filter(id=pk), wording)
    return events


def _clock_events(concern: Concern, today: datetime.date) -> list[Event]:
    """Each stage done, with its working days against the target."""
    events = []
    for clock in concern_clock(concern, today):
        if clock.key == "review":
            record = last_review(concern) if clock.done else None
        else:
            record = getattr(concern, clock.key, None)
        if record is None or clock.elapsed is None:
            continue
        breach = clock.breached
        events.append(
            Event(
                record.recorded_at,
                who(record.recorded_by),
                "stage breach" if breach else "stage",
                f"{clock.title}: {clock.elapsed} of {clock.target_days} working "
                f"days{' — TIMESCALE BREACHED' if breach else ''}",
                detail=f"due {clock.due:%d/%m/%Y}, done {clock.done:%d/%m/%Y}",
            )
        )
    return events


def concern_timeline(concern: Concern, today: datetime.date | None = None):
    today = today or timezone.localdate()
    events = task_events(concern) + _record_events(concern, Wording())
    events += _clock_events(concern, today)
    for note in concern.notes.select_related("author"):
        events.append(
            Event(note.written_at, who(note.author), "note", "Note", [], note.text)
        )
    for log in concern.view_logs.select_related("user"):
        what = log.get_what_display() + (f" ({log.detail})" if log.detail else "")
        events.append(Event(log.viewed_at, who(log.user), "view", f"Viewed {what}"))
    return timeline_order(events, ORDER)
