"""Delays as NHS England measures them: the discharge ready date (DRD) set,
moved and reset, and a reason for delay with an owner on every delayed day.

Re-exported by cases.services; the referral API calls the same functions.

NHS England, "Discharge Ready Date guidance, examples and frequently asked
questions" (england.nhs.uk/long-read/discharge-ready-date-guidance-examples-
and-frequently-asked-questions): the DRD is "the date that a patient no
longer met the Criteria to Reside"; it is reviewed on every ward round; a
patient may meet the criteria to reside again, and then, for an unfinished
episode, the DRD records "the start date of the current period that the
patient no longer met the Criteria to Reside". So meeting the criteria
again clears the DRD, and the next DRD restarts the delay clock
(DischargeCase.delay_days). A delayed day is a day in hospital after the
DRD: the measure is discharge date minus DRD.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import (
    DelayReason,
    DelayRecord,
    DischargeCase,
    DischargeReadyDateChange,
    Referral,
)
from .validators import implausible_date_error, referral_date_errors

HISTORY_REASON_LENGTH = 100  # simple-history's change reason column
ONE_DAY = datetime.timedelta(days=1)


def _save(obj, *, actor, reason: str = "") -> None:
    obj._history_user = actor
    if reason:
        obj._change_reason = reason[:HISTORY_REASON_LENGTH]
    obj.full_clean()
    obj.save()


def _open_case_or_error(case: DischargeCase) -> DischargeCase:
    case = DischargeCase.objects.select_related("referral").get(pk=case.pk)
    if not case.is_open:
        raise ValidationError(
            f"This case is {case.get_outcome_display().lower()}: its discharge "
            "ready date can no longer change."
        )
    return case


def _locked_referral(case: DischargeCase) -> Referral:
    return Referral.objects.select_for_update().get(pk=case.referral_id)


@transaction.atomic
def discharge_ready_date_change(
    *, case: DischargeCase, new_date, reason: str, actor, source: str = "hub"
) -> Referral:
    """Set or move the discharge ready date, with a reason.

    A DRD means the person no longer meets the criteria to reside, so this
    also records that. Every field at fault is reported at once (keys
    `discharge_ready_date`, `reason`); nothing changes on error. The change
    is kept in DischargeReadyDateChange and in the referral's history; the
    delay clock follows the new date at once.
    """
    case = _open_case_or_error(case)
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if not reason:
        errors["reason"] = ["Say why the discharge ready date is set or moved."]
    if not isinstance(new_date, datetime.date) or isinstance(
        new_date, datetime.datetime
    ):
        errors["discharge_ready_date"] = ["Enter the discharge ready date."]
    else:
        errors.update(_ready_date_errors(case.referral, new_date))
    if errors:
        raise ValidationError(errors)
    referral = _locked_referral(case)
    previous = referral.discharge_ready_date
    if previous == new_date and not referral.meets_criteria_to_reside:
        raise ValidationError(
            {"discharge_ready_date": [f"The date is already {new_date:%d/%m/%Y}."]}
        )
    kind = (
        DischargeReadyDateChange.Kind.SET
        if previous is None
        else DischargeReadyDateChange.Kind.MOVED
    )
    referral.discharge_ready_date = new_date
    referral.meets_criteria_to_reside = False
    _save(referral, actor=actor, reason=f"{kind.label.lower()}: {reason}")
    _log(referral, kind, previous, new_date, reason, actor, source)
    return referral


def _ready_date_errors(referral: Referral, new_date) -> dict[str, list[str]]:
    plausible = implausible_date_error(new_date)
    if plausible:
        return {"discharge_ready_date": [plausible]}
    errors = referral_date_errors(
        received=timezone.localdate(referral.received_at),
        admission=referral.admission_date,
        ready=new_date,
    )
    errors.pop("admission_date", None)  # the referral's, not this change's
    if not errors and new_date > timezone.localdate():
        errors["discharge_ready_date"] = [
            "The discharge ready date is the day the person stopped meeting the "
            "criteria to reside: it cannot be in the future."
        ]
    return errors


@transaction.atomic
def criteria_to_reside_record(
    *, case: DischargeCase, meets: bool, actor, reason: str = "", source: str = "hub"
) -> None:
    """Record whether the person meets the criteria to reside (Annex D of
    the DHSC hospital discharge and community support guidance).

    Meeting them again (e.g. they deteriorated) clears the DRD and stops the
    delay clock; the open reason for delay ends the day before. Not meeting
    them with no DRD leaves the case needing a DRD (`drd_needed`). Nothing
    is written when nothing changes.
    """
    case = _open_case_or_error(case)
    referral = _locked_referral(case)
    reason = (reason or "").strip()
    if meets:
        if referral.meets_criteria_to_reside and referral.discharge_ready_date is None:
            return
        previous = referral.discharge_ready_date
        referral.discharge_ready_date = None
        referral.meets_criteria_to_reside = True
        reason = reason or "Meets the criteria to reside again."
        kind = DischargeReadyDateChange.Kind.RESET
        _save(referral, actor=actor, reason=f"meets the criteria to reside: {reason}")
        _log(referral, kind, previous, None, reason, actor, source)
        _close_open_delays(case, actor=actor, on=timezone.localdate())
        return
    if not referral.meets_criteria_to_reside:
        return
    referral.meets_criteria_to_reside = False
    reason = reason or "No longer meets the criteria to reside."
    kind = DischargeReadyDateChange.Kind.NOT_MEETING
    _save(referral, actor=actor, reason=f"no longer meets the criteria: {reason}")
    _log(referral, kind, referral.discharge_ready_date, None, reason, actor, source)


def drd_needed(case: DischargeCase) -> bool:
    """Open, no longer meeting the criteria to reside, and no DRD agreed."""
    referral = case.referral
    return (
        case.is_open
        and not referral.meets_criteria_to_reside
        and referral.discharge_ready_date is None
    )


def _log(referral, kind, previous, new, reason, actor, source) -> None:
    if source not in DischargeReadyDateChange.Source.values:
        source = DischargeReadyDateChange.Source.HUB
    DischargeReadyDateChange.objects.create(
        referral=referral,
        kind=kind,
        previous_date=previous,
        new_date=new,
        reason=reason,
        source=source,
        changed_by=actor,
    )


def _close_open_delays(case: DischargeCase, *, actor, on: datetime.date) -> None:
    """The person is no longer delayed from `on`: open reasons end the day
    before (one that began on `on` covered no delayed day: marked in error)."""
    open_records = case.delay_records.filter(to_date__isnull=True)
    for record in open_records.filter(entered_in_error=False):
        if record.from_date >= on:
            record.entered_in_error = True
            _save(record, actor=actor, reason="no delayed day left to cover")
        else:
            record.to_date = on - ONE_DAY
            _save(record, actor=actor, reason="no longer delayed")


# Reasons for delay ---------------------------------------------------------


def delayed_days(
    case: DischargeCase, today: datetime.date | None = None
) -> tuple[datetime.date, datetime.date] | None:
    """The first and last delayed day (inclusive) by the current DRD, or None."""
    days = case.delay_days(today)
    if not days:
        return None
    drd = case.referral.discharge_ready_date
    return drd + ONE_DAY, drd + datetime.timedelta(days=days)


@dataclass
class Coverage:
    """Which delayed days carry a reason: `gaps` are (first, last, days)."""

    days_delayed: int = 0
    records: list = field(default_factory=list)
    gaps: list[tuple[datetime.date, datetime.date, int]] = field(default_factory=list)
    current: DelayRecord | None = None

    @property
    def days_without_reason(self) -> int:
        return sum(days for _first, _last, days in self.gaps)


def delay_coverage(case: DischargeCase, today: datetime.date | None = None) -> Coverage:
    span = delayed_days(case, today)
    records = list(
        case.delay_records.filter(entered_in_error=False).select_related(
            "reason", "owner"
        )
    )
    if span is None:
        return Coverage(records=records)
    first, last = span
    covered: set[datetime.date] = set()
    current = None
    for record in records:
        end = min(record.to_date or last, last)
        day = max(record.from_date, first)
        while day <= end:
            covered.add(day)
            day += ONE_DAY
        if record.from_date <= last <= (record.to_date or last):
            current = record
    gaps, day, start = [], first, None
    while day <= last + ONE_DAY:
        if day <= last and day not in covered:
            start = start or day
        elif start is not None:
            gaps.append((start, day - ONE_DAY, (day - start).days))
            start = None
        day += ONE_DAY
    return Coverage((last - first).days + 1, records, gaps, current)


@transaction.atomic
def delay_reason_record(
    *,
    case: DischargeCase,
    reason: DelayReason,
    from_date: datetime.date,
    owner_team: str,
    actor,
    owner=None,
    next_action: str = "",
    next_action_due: datetime.date | None = None,
) -> DelayRecord:
    """Give the reason for delay (and its owner) from `from_date` on.

    It runs until the next recorded reason starts (or stays open as the
    current reason); a reason it overtakes ends the day before, or, if it
    began the same day, is marked as replaced (in error). Only delayed days
    by the current DRD may be given a reason.
    """
    case = DischargeCase.objects.select_for_update().get(pk=case.pk)
    errors = _delay_errors(case, reason, from_date, owner_team, next_action_due)
    if errors:
        raise ValidationError(errors)
    live = case.delay_records.filter(entered_in_error=False)
    later = live.filter(from_date__gt=from_date).order_by("from_date").first()
    for record in live.filter(from_date__lte=from_date):
        if record.to_date is not None and record.to_date < from_date:
            continue
        if record.from_date == from_date:
            record.entered_in_error = True
            _save(record, actor=actor, reason="replaced by a new reason")
        else:
            record.to_date = from_date - ONE_DAY
            _save(record, actor=actor, reason="followed by a new reason")
    new = DelayRecord(
        case=case,
        reason=reason,
        from_date=from_date,
        to_date=later.from_date - ONE_DAY if later else None,
        owner_team=owner_team.strip(),
        owner=owner,
        next_action=next_action.strip(),
        next_action_due=next_action_due,
        recorded_by=actor,
    )
    _save(new, actor=actor)
    return new


def _delay_errors(case, reason, from_date, owner_team, due) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    span = delayed_days(case)
    if reason is None or not reason.active:
        errors["reason"] = ["Choose a reason for delay from the list."]
    if not (owner_team or "").strip():
        errors["owner_team"] = ["Say which organisation or team owns this delay."]
    if span is None:
        errors["from_date"] = [
            "The person is not delayed: there is no delayed day after the "
            "discharge ready date to give a reason for."
        ]
    elif not isinstance(from_date, datetime.date) or not (
        span[0] <= from_date <= span[1]
    ):
        errors["from_date"] = [
            f"Choose a delayed day, from {span[0]:%d/%m/%Y} to {span[1]:%d/%m/%Y}."
        ]
    if due is not None and due < timezone.localdate():
        errors["next_action_due"] = ["The next action's date is in the past."]
    return errors


@transaction.atomic
def delay_action_update(
    *, record: DelayRecord, next_action: str, next_action_due, actor, owner=None
) -> DelayRecord:
    """The huddle's "what happens next, and by when" for the current reason;
    each update is kept in the record's history (on the case timeline)."""
    errors = {}
    if not (next_action or "").strip():
        errors["next_action"] = ["Say what happens next."]
    if next_action_due is None:
        errors["next_action_due"] = ["Say by when."]
    elif next_action_due < timezone.localdate():
        errors["next_action_due"] = ["The date is in the past."]
    if errors:
        raise ValidationError(errors)
    record = DelayRecord.objects.select_for_update().get(pk=record.pk)
    record.next_action = next_action.strip()
    record.next_action_due = next_action_due
    if owner is not None:
        record.owner = owner
    due = f"{next_action_due:%d/%m/%Y}"
    _save(record, actor=actor, reason=f"next action by {due}: {record.next_action}")
    return record
