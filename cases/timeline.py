"""One timeline per case, written for people: what was decided, by whom,
when and why, in the order it happened.

It merges the history of the case's records (each stage record says what
was decided: its `timeline_entry()`; a change lists its fields in the
domain's words, cases.wording), Viewflow's task history and the contacts.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from viewflow.workflow.models import Process, Task

from .models import Contact, DischargeCase, Person
from .registry_hooks import timeline_records
from .wording import Wording, short, who

# Viewflow's own columns of a process: the flow's machinery, not the case's.
PROCESS_FIELDS = {f.name for f in Process._meta.concrete_fields} - {"id"}
# At the same moment, the record reads before the task that wrote it.
KIND_ORDER = {"record": 0, "contact": 1, "task": 2}
ONE_MINUTE = datetime.timedelta(minutes=1)


@dataclass
class Event:
    when: datetime.datetime
    who: str
    kind: str
    title: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    detail: str = ""
    recorded: datetime.datetime | None = None  # when written down, if not `when`

    @property
    def recorded_later(self) -> str:
        """When it was written down, if in a later minute than it happened."""
        if self.recorded is None or self.recorded - self.when < ONE_MINUTE:
            return ""
        return timezone.localtime(self.recorded).strftime("%d/%m/%Y %H:%M")


def timeline_order(events: list[Event], kinds: dict[str, int]) -> list[Event]:
    """In the order things happened. A time typed on a form (a contact's) has
    minutes only, so within a minute events go in the order they were
    written down: a contact noted at 10:00 sorts at 10:00, never before
    what was already recorded in that minute."""

    def key(event: Event):
        minute = event.when.replace(second=0, microsecond=0)
        return (minute, event.recorded or event.when, kinds.get(event.kind, 9))

    return sorted(events, key=key)


def history_events(label: str, rows, wording: Wording, *, created=True) -> list[Event]:
    """A record's history: created (what it says), then each change (its
    fields in the domain's words, with the reason given)."""
    events, previous = [], None
    for row in rows.select_related("history_user").order_by("history_date"):
        if previous is None:
            previous = row
            if created and row.history_type == "+":
                events.append(_created(label, row))
            continue
        changes = [
            wording.change(row.instance_type, c.field, c.old, c.new)
            for c in row.diff_against(previous).changes
            if c.field not in PROCESS_FIELDS
        ]
        previous = row
        if changes:
            reason = row.history_change_reason
            title = f"{label}: {reason}" if reason else f"{label} updated"
            events.append(
                Event(row.history_date, who(row.history_user), "record", title, changes)
            )
    return events


def _created(label: str, row) -> Event:
    entry = getattr(row.instance, "timeline_entry", None)
    title, detail = entry() if entry else (f"{label} recorded", "")
    return Event(row.history_date, who(row.history_user), "record", title, [], detail)


TASK_WORDS = {"DONE": "task done", "CANCELED": "task cancelled", "ERROR": "task failed"}


def task_events(process) -> list[Event]:
    """Each human step: waiting, taken, assigned, released, reassigned, done."""
    rows = (
        Task.history.model.objects.filter(process_id=process.pk)
        .select_related("history_user", "owner")
        .order_by("history_date", "history_id")
    )
    events, state = [], {}
    for row in rows:
        if row.flow_task_type != "HUMAN":
            continue
        previous = state.get(row.id)
        if previous and previous[:2] == (row.status, row.owner_id):
            continue
        owner = who(row.owner) if row.owner_id else ""
        what = _task_words(row, previous, owner)
        state[row.id] = (row.status, row.owner_id, owner)
        title = f"{getattr(row.flow_task, 'task_title', '') or row.flow_task}: {what}"
        events.append(Event(row.history_date, who(row.history_user), "task", title))
    return events


def _task_words(row, previous, owner: str) -> str:
    if previous is None:
        return f"task created, assigned to {owner}" if owner else "task created"
    if row.status == "ASSIGNED" and previous[0] == "ASSIGNED":
        return f"task reassigned from {previous[2]} to {owner}"
    if row.status == "ASSIGNED":
        taken = row.history_user_id == row.owner_id
        return f"task taken by {owner}" if taken else f"task assigned to {owner}"
    if row.status == "NEW" and previous[0] == "ASSIGNED":
        return f"task released by {previous[2]}"
    return TASK_WORDS.get(row.status, f"task {row.status.lower()}")


def _records(case: DischargeCase):
    """Every history-tracked record of the case, with its label."""
    yield "Case", DischargeCase.history.filter(id=case.pk), True
    yield "Referral", case.referral.history.all(), True
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
            yield record._meta.verbose_name.capitalize(), record.history.all(), True
    plan = getattr(case, "support_plan", None)
    if plan is not None:
        for need in plan.needs.all():
            yield f"Need: {need.get_outcome_display()}", need.history.all(), True
        carer = getattr(plan, "carer_assessment", None)
        if carer is not None:
            yield "Carer's assessment", carer.history.all(), True
            for row in carer.outcomes.all():
                label = f"Carer's outcome: {row.get_outcome_display()}"
                yield label, row.history.all(), True
    for order in case.equipment_orders.select_related("item"):
        yield order.item.name, order.history.all(), True
    for delay in case.delay_records.select_related("reason"):
        yield "Reason for delay", delay.history.all(), True
    for records in timeline_records:  # the apps that follow the case
        yield from records(case)
    for contact in case.contacts.all():  # recorded: the contact's own event
        yield str(contact), contact.history.all(), False


def _opened(case: DischargeCase):
    """The referral's first history row: the moment the case was opened."""
    return case.referral.history.select_related("history_user").last()


def _person_events(case: DischargeCase, wording: Wording) -> list[Event]:
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
        for c in delta.changes:
            label, _old, new = wording.change(Person, c.field, c.old, c.new)
            changes.append((label, "(before this case)", new))
    title = (
        "Person's record created"
        if row.history_type == "+"
        else "Person's details changed by this referral"
    )
    return [Event(row.history_date, who(row.history_user), "record", title, changes)]


def _details_given_event(case: DischargeCase) -> list[Event]:
    given, opened = case.referral.details_given, _opened(case)
    if not given or opened is None:
        return []
    labels = {f.name: f.verbose_name for f in Person._meta.fields}
    listed = "; ".join(f"{labels.get(k, k)}: {short(str(v))}" for k, v in given.items())
    return [
        Event(
            opened.history_date,
            who(opened.history_user),
            "record",
            "Details given with the referral differ from the person's record",
            detail="Kept for the person's locality to check; the record was not "
            f"changed because the referrer works in another locality. {listed}",
        )
    ]


def _contact_event(contact: Contact) -> Event:
    first = contact.history.select_related("history_user").order_by("history_date")
    row = first.first()
    struck = " (entered in error)" if contact.entered_in_error else ""
    return Event(
        contact.occurred_at,
        who(contact.author),
        "contact",
        f"{contact}{struck}",
        detail=contact.summary,
        recorded=row.history_date if row else contact.occurred_at,
    )


def case_timeline(case: DischargeCase) -> list[Event]:
    wording = Wording()
    events = task_events(case) + _person_events(case, wording)
    events += _details_given_event(case)
    for label, rows, created in _records(case):
        events += history_events(label, rows, wording, created=created)
    events += [_contact_event(c) for c in case.contacts.select_related("author")]
    return timeline_order(events, KIND_ORDER)
