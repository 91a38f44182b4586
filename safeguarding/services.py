"""Writes to safeguarding data. Each service is atomic and told who acted."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from viewflow.workflow.models import Process

from cases.models import Person
from cases.services import _save
from cases.validators import nhs_number_normalise

from .codes import Route
from .models import (
    AdvocacyReferral,
    ClockPause,
    Closure,
    Concern,
    Note,
    Outcome,
    PositionOfTrustReferral,
    RiskTypeCode,
    SafeguardingAdultsReview,
    Screening,
    TimescalePolicy,
    ViewLog,
)
from .selectors import VIEW, WORK, concern_next_due, concern_queryset, concern_stage

DEFAULT_POLICY = {"name": "Default local procedure", "effective_from": "2015-04-01"}
# Viewflow's own columns are the flow's business; the concern's are validated.
PROCESS_FIELDS = [f.name for f in Process._meta.concrete_fields] + [
    "process_ptr",
    "risk_types",
]


def _save_concern(concern: Concern, *, actor, reason: str = "") -> None:
    concern._history_user = actor
    if reason:
        concern._change_reason = reason
    concern.full_clean(exclude=PROCESS_FIELDS)
    concern.save()


def concerns_due_refresh(*, concern_ids, batch: int = 500) -> dict:
    """Store each concern's next due date, worked out from its clock (the open
    concerns page sorts, counts and pages by it); returns them by concern id.
    Not in the history: it follows from records that are."""
    ids, dues = sorted(set(concern_ids)), {}
    today = timezone.localdate()
    for start in range(0, len(ids), batch):
        changed = []
        for concern in concern_queryset().filter(pk__in=ids[start : start + batch]):
            dues[concern.pk] = concern_next_due(concern, today)
            if dues[concern.pk] != concern.next_due_on:
                concern.next_due_on = dues[concern.pk]
                changed.append(concern)
        Concern.objects.bulk_update(changed, ["next_due_on"])
    return dues


def _due_refresh(concern: Concern) -> None:
    concern.next_due_on = concerns_due_refresh(concern_ids=[concern.pk])[concern.pk]


def policy_in_force(day: datetime.date) -> TimescalePolicy:
    """The policy with the latest effective date on or before `day`; the
    default timescales are created on first use when there is none."""
    policies = TimescalePolicy.objects.order_by("-effective_from")
    policy = policies.filter(effective_from__lte=day).first() or policies.last()
    if policy is None:
        policy, _ = TimescalePolicy.objects.get_or_create(
            effective_from=datetime.date(2015, 4, 1),
            defaults={"name": DEFAULT_POLICY["name"]},
        )
    return policy


def _risk_type_rows(codes) -> list[RiskTypeCode]:
    codes = [getattr(code, "code", code) for code in codes]
    if not codes:
        raise ValidationError({"risk_types": "Choose at least one type of risk."})
    return [RiskTypeCode.objects.get_or_create(code=code)[0] for code in codes]


@transaction.atomic
def person_add(*, actor, nhs_number: str = "", **fields) -> Person:
    """An adult the hub has no record of, added to raise a concern. Without
    an NHS number (a concern from the public or the police, name and address
    only) their identity stays unconfirmed until a lead confirms it."""
    nhs_number = nhs_number_normalise(nhs_number) or None
    if nhs_number and not fields.get("date_of_birth"):
        raise ValidationError(
            {"date_of_birth": "Required with an NHS number (identity confirmed)."}
        )
    person = Person(nhs_number=nhs_number, identity_confirmed=bool(nhs_number))
    for name, value in fields.items():
        setattr(person, name, value)
    _save(person, actor=actor, reason="added to raise a safeguarding concern")
    return person


@transaction.atomic
def identity_confirm(*, concern: Concern, actor, nhs_number: str, **fields) -> Person:
    """Confirm who a concern's adult is. A known NHS number links the concern
    to that record (the unconfirmed one is kept, as nothing is deleted);
    otherwise the adult's record gets the number and is confirmed."""
    person = concern.person
    if person.identity_confirmed:
        raise ValidationError("This adult's identity is already confirmed.")
    nhs_number = nhs_number_normalise(nhs_number)
    known = Person.objects.filter(nhs_number=nhs_number).exclude(pk=person.pk).first()
    if known is not None:
        concern.person = known
        if concern.case_id:
            raise ValidationError("A concern on a case keeps the case's adult.")
        _save_concern(concern, actor=actor, reason="identity confirmed: linked")
        return known
    if not fields.get("date_of_birth") and not person.date_of_birth:
        raise ValidationError(
            {"date_of_birth": "Required: the hub has no record with this number."}
        )
    person.nhs_number = nhs_number
    person.identity_confirmed = True
    for name, value in fields.items():
        if value not in (None, ""):
            setattr(person, name, value)
    _save(person, actor=actor, reason="identity confirmed for a safeguarding concern")
    return person


@transaction.atomic
def demographics_update(*, person: Person, actor, **fields) -> Person:
    """The national categories the return counts the adult by."""
    for name, value in fields.items():
        setattr(person, name, value)
    _save(person, actor=actor, reason="recorded for the safeguarding return")
    return person


@transaction.atomic
def concern_raise(
    *, actor, person, case=None, raised_from: str, risk_types, **fields
) -> Concern:
    """Open a concern and start its section 42 flow, under the timescale
    policy in force on the day it was received."""
    from .flows import Section42Flow

    rows = _risk_type_rows(risk_types)
    fields.setdefault("received_at", timezone.now())
    if fields["received_at"] > timezone.now():
        raise ValidationError({"received_at": "This is in the future."})
    received_on = timezone.localtime(fields["received_at"]).date()
    fields.update(
        person=person,
        case=case,
        raised_from=raised_from,
        raised_by=actor,
        policy=policy_in_force(received_on),
    )
    concern = Section42Flow.start.run(fields=fields, actor=actor)
    concern.risk_types.set(rows)
    _due_refresh(concern)
    return concern


def concern_open(concern: Concern, *, fields: dict, actor) -> Concern:
    """Fill in a new concern's process (called by the flow's start)."""
    for name, value in fields.items():
        setattr(concern, name, value)
    concern._history_user = actor
    concern.full_clean(exclude=PROCESS_FIELDS)
    return concern


@transaction.atomic
def stage_record(*, concern: Concern, record, actor, at=None):
    """Save one stage's record, naming who did it and when."""
    record.concern = concern
    record.recorded_by = actor
    record.recorded_at = at or timezone.now()
    if at is not None:
        record._history_date = at  # backdated records (demo data) keep their time
    _save(record, actor=actor)
    _due_refresh(concern)
    return record


@transaction.atomic
def screening_record(
    *, concern: Concern, actor, screening: Screening, coding: dict, risk_types, at=None
) -> Screening:
    """Screening confirms the concern's national coding."""
    rows = _risk_type_rows(risk_types)
    for name, value in coding.items():
        setattr(concern, name, value)
    if at is not None:
        concern._history_date = at
    _save_concern(concern, actor=actor, reason="coded at screening")
    if set(concern.risk_types.all()) != set(rows):
        concern.risk_types.set(rows)
    return stage_record(concern=concern, record=screening, actor=actor, at=at)


@transaction.atomic
def concern_close_early(
    *,
    concern: Concern,
    actor,
    reason: str,
    adult_view: str = "",
    referrer_told: bool = False,
    action_result: str = "",
    risk_outcome: str = "",
    msp_achieved: str = "",
    at=None,
) -> Closure:
    """A concern may be closed at any stage before its closure task, with a
    reason; the open section 42 tasks are cancelled. An enquiry that has
    started and has no outcome yet is concluded by the closure: its result
    (e.g. "ceased at the individual's request") is recorded as its outcome,
    so the return counts it as a concluded enquiry."""
    from .flows import Section42Flow

    if not concern.is_open:
        raise ValidationError("This concern is already closed.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the concern is closed."})
    stage = concern_stage(concern)
    if stage == Section42Flow.closure.task_title:
        raise ValidationError("The concern is at closure: complete the closure task.")
    decision = getattr(concern, "decision", None)
    started = decision is not None and decision.route in (Route.S42, Route.OTHER)
    if started and not hasattr(concern, "outcome"):
        if not action_result:
            raise ValidationError(
                {"action_result": "The enquiry has started: say how it concluded."}
            )
        outcome = Outcome(
            action_result=action_result,
            risk_outcome=risk_outcome,
            msp_achieved=msp_achieved,
            summary=f"Concluded by closing the concern early: {reason}",
        )
        stage_record(concern=concern, record=outcome, actor=actor, at=at)
    elif action_result:
        raise ValidationError(
            {"action_result": "Only an enquiry that started and has no outcome."}
        )
    closure = Closure(
        reason=reason,
        early=True,
        stage_at_closure=stage,
        adult_view=adult_view,
        referrer_told=referrer_told,
    )
    stage_record(concern=concern, record=closure, actor=actor, at=at)
    concern._history_user = actor
    concern._change_reason = "closed early"
    Section42Flow.instance.cancel(concern)
    _due_refresh(concern)
    return closure


@transaction.atomic
def note_add(*, concern: Concern, actor, text: str) -> Note:
    note = Note(concern=concern, author=actor, text=text)
    _save(note, actor=actor)
    return note


@transaction.atomic
def task_reassign(*, task, to_user, actor):
    """Give a section 42 task to another lead: from the queue, or from the
    lead who holds it. Only users who may work the tasks can receive them."""
    if not to_user.has_perm(WORK):
        raise ValidationError({"lead": "Only a safeguarding lead can take this task."})
    if not to_user.has_perm(VIEW, task.process):
        raise ValidationError(
            {"lead": "This lead does not cover the adult's locality."}
        )
    with task.activation() as activation:
        current = activation.task
        if current.status not in ("NEW", "ASSIGNED"):
            raise ValidationError("This task is no longer open.")
        current._history_user = actor
        if current.status == "NEW":
            activation.assign(to_user)
        else:
            activation.reassign(user=to_user)
    return task


def concern_view_record(*, concern: Concern, user, what: str, detail: str = ""):
    """Log that a user looked at a concern (its details, timeline or PDF)."""
    return ViewLog.objects.create(concern=concern, user=user, what=what, detail=detail)


@transaction.atomic
def clock_pause(*, concern: Concern, actor, paused_on, reason: str) -> ClockPause:
    """Stop the clock for a police investigation."""
    if not concern.is_open:
        raise ValidationError("This concern is closed.")
    if concern.pauses.filter(resumed_on=None).exists():
        raise ValidationError("The clock is already stopped.")
    last = concern.pauses.exclude(resumed_on=None).order_by("-resumed_on").first()
    if last is not None and paused_on < last.resumed_on:
        raise ValidationError({"paused_on": "This overlaps the previous pause."})
    pause = ClockPause(paused_on=paused_on, reason=reason)
    return stage_record(concern=concern, record=pause, actor=actor)


@transaction.atomic
def clock_resume(*, concern: Concern, actor, resumed_on, resumed_note: str = ""):
    """Restart the clock: the stopped working days do not count."""
    pause = concern.pauses.select_for_update().filter(resumed_on=None).first()
    if pause is None:
        raise ValidationError("The clock is not stopped.")
    pause.resumed_on = resumed_on
    pause.resumed_note = resumed_note
    _save(pause, actor=actor, reason="clock restarted")
    _due_refresh(concern)
    return pause


@transaction.atomic
def advocacy_refer(*, concern: Concern, actor, **fields) -> AdvocacyReferral:
    return stage_record(concern=concern, record=AdvocacyReferral(**fields), actor=actor)


@transaction.atomic
def trust_refer(*, concern: Concern, actor, **fields) -> PositionOfTrustReferral:
    return stage_record(
        concern=concern, record=PositionOfTrustReferral(**fields), actor=actor
    )


@transaction.atomic
def adults_review_record(
    *, concern: Concern, actor, review=None, **fields
) -> SafeguardingAdultsReview:
    """Record a Safeguarding Adults Review, or update one (its completion)."""
    if review is None:
        return stage_record(
            concern=concern, record=SafeguardingAdultsReview(**fields), actor=actor
        )
    for name, value in fields.items():
        setattr(review, name, value)
    _save(review, actor=actor, reason="review updated")
    return review
