"""One timeline per case: history, task events and contacts in time order."""

from dataclasses import dataclass, field
from datetime import datetime

from viewflow.workflow.models import Task

from .models import DischargeCase, Person

TASK_EVENTS = {
    "NEW": "task created",
    "ASSIGNED": "task taken",
    "STARTED": "task started",
    "DONE": "task completed",
    "CANCELED": "task cancelled",
    "ERROR": "task failed",
}


@dataclass
class Event:
    when: datetime
    who: str
    kind: str
    title: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    detail: str = ""


def _who(user) -> str:
    if user is None:
        return "system"
    return user.get_full_name() or user.get_username()


def _records(case: DischargeCase):
    """Every history-tracked record that belongs to the case, with its label."""
    yield "Case", DischargeCase.history.filter(id=case.pk)
    yield "Referral", case.referral.history.all()
    for name in (
        "triage",
        "risk_screen",
        "ot_review",
        "pathway_decision",
        "reablement_start",
        "placement",
        "support_plan",
        "discharge",
    ):
        record = getattr(case, name, None)
        if record is not None:
            yield record._meta.verbose_name.capitalize(), record.history.all()
    plan = getattr(case, "support_plan", None)
    if plan is not None:
        for need in plan.needs.all():
            yield f"Need: {need.get_outcome_display()}", need.history.all()
    for order in case.equipment_orders.select_related("item"):
        yield f"Equipment: {order.item.name}", order.history.all()
    for contact in case.contacts.all():
        yield f"Contact: {contact.get_kind_display()}", contact.history.all()


def _opened(case: DischargeCase):
    """The referral's first history row: the moment the case was opened."""
    return case.referral.history.select_related("history_user").last()


def _person_events(case: DischargeCase) -> list[Event]:
    """Only what this case's referral wrote to the person's record (the
    service stamps that row with the referral's moment). The person's
    earlier values and other cases' changes belong to those cases, possibly
    another locality's, so they are not shown here."""
    opened = _opened(case)
    rows = case.person.history.select_related("history_user")
    row = rows.filter(history_date=opened.history_date).first() if opened else None
    if row is None:
        return []
    changes = []
    if row.prev_record is not None:
        delta = row.diff_against(row.prev_record)
        changes = [
            (c.field, "(before this case)", _short(c.new)) for c in delta.changes
        ]
    action = "created" if row.history_type == "+" else "changed by this referral"
    return [
        Event(
            row.history_date,
            _who(row.history_user),
            "record",
            f"Person {action}",
            changes,
        )
    ]


def _details_given_event(case: DischargeCase) -> list[Event]:
    given, opened = case.referral.details_given, _opened(case)
    if not given or opened is None:
        return []
    labels = {f.name: f.verbose_name for f in Person._meta.fields}
    listed = "; ".join(f"{labels.get(k, k)}: {_short(v)}" for k, v in given.items())
    return [
        Event(
            opened.history_date,
            _who(opened.history_user),
            "record",
            "Details given with the referral differ from the person's record",
            detail="Kept for the person's locality to check; the record was not "
            f"changed because the referrer works in another locality. {listed}",
        )
    ]


def _history_events(label: str, rows) -> list[Event]:
    events = []
    rows = list(rows.select_related("history_user").order_by("history_date"))
    previous = None
    for row in rows:
        action = {"+": "created", "~": "changed", "-": "deleted"}[row.history_type]
        changes = []
        if previous is not None:
            delta = row.diff_against(previous)
            changes = [
                (c.field, _short(c.old), _short(c.new))
                for c in delta.changes
                if c.field not in ("data", "artifact_object_id", "finished")
            ]
            if not changes:
                previous = row
                continue
        reason = f" ({row.history_change_reason})" if row.history_change_reason else ""
        events.append(
            Event(
                row.history_date,
                _who(row.history_user),
                "record",
                f"{label} {action}{reason}",
                changes,
            )
        )
        previous = row
    return events


def _short(value) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def _task_events(case: DischargeCase) -> list[Event]:
    history = Task.history.model.objects.filter(process_id=case.pk).select_related(
        "history_user", "owner"
    )
    events, last_status = [], {}
    for row in history.order_by("history_date"):
        if row.flow_task_type not in ("HUMAN", "HUMAN_START"):
            continue
        previous = last_status.get(row.id)
        if previous == (row.status, row.owner_id):
            continue
        last_status[row.id] = (row.status, row.owner_id)
        title = f"{row.flow_task}: {TASK_EVENTS.get(row.status, row.status.lower())}"
        if row.status == "NEW" and previous and previous[0] == "ASSIGNED":
            title = f"{row.flow_task}: task released"
        detail = f"owner {_who(row.owner)}" if row.owner_id else ""
        events.append(
            Event(
                row.history_date, _who(row.history_user), "task", title, detail=detail
            )
        )
    return events


def case_timeline(case: DischargeCase) -> list[Event]:
    events = _task_events(case) + _person_events(case) + _details_given_event(case)
    for label, rows in _records(case):
        events.extend(_history_events(label, rows))
    for contact in case.contacts.select_related("author"):
        struck = " [entered in error]" if contact.entered_in_error else ""
        events.append(
            Event(
                contact.occurred_at,
                _who(contact.author),
                "contact",
                f"{contact.get_kind_display()} with {contact.with_whom}{struck}",
                detail=contact.summary,
            )
        )
    return sorted(events, key=lambda event: event.when)
