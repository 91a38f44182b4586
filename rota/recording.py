"""What happened at each visit, and the visits late or missed: no record
30 minutes after their window closed."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.services import _save

from .models import Timesheet, Visit, VisitRecord
from .selectors import team_scope
from .timesheets import week_of

LATE_AFTER = datetime.timedelta(minutes=30)


@transaction.atomic
def visit_record(
    *,
    visit: Visit,
    actor,
    outcome: str,
    actual_start: datetime.time | None,
    actual_end: datetime.time | None,
    notes: str = "",
) -> VisitRecord:
    """Record (or correct) what happened; a visit done has its times."""
    errors = {}
    if outcome == VisitRecord.Outcome.DONE:
        if actual_start is None:
            errors["actual_start"] = "Give the time the visit started."
        if actual_end is None:
            errors["actual_end"] = "Give the time the visit ended."
        elif actual_start and actual_end <= actual_start:
            errors["actual_end"] = "The visit ends after it starts."
    if outcome != VisitRecord.Outcome.DONE and not notes.strip():
        errors["notes"] = "Say what happened."
    if visit.date > timezone.localdate():
        errors["outcome"] = "A visit is recorded on its day or later."
    elif outcome != VisitRecord.Outcome.CANCELLED:
        errors.update(_impossible(visit, outcome, actual_end))
    if errors:
        raise ValidationError(errors)
    # The visit's row held: a record sent twice at once corrects, not clashes.
    Visit.objects.select_for_update().filter(pk=visit.pk).exists()
    record = VisitRecord.objects.filter(visit=visit).first() or VisitRecord(visit=visit)
    signed = _signed_off(visit, record if record.pk else None, outcome)
    if signed:
        raise ValidationError(
            f"{signed}'s timesheet for that week is signed off: the record can "
            "no longer change what was paid. Ask the supervisor to adjust the "
            "timesheet instead."
        )
    record.outcome, record.notes, record.recorded_by = outcome, notes, actor
    record.actual_start, record.actual_end = actual_start, actual_end
    _save(record, actor=actor, reason=f"Visit recorded: {record.get_outcome_display()}")
    return record


def _impossible(visit: Visit, outcome: str, actual_end) -> dict:
    """What cannot have happened: a cancelled visit is neither done, missed
    nor refused; a visit nobody was sent to was not done or refused at the
    door; a visit does not end later than now."""
    if visit.cancelled:
        return {
            "outcome": "This visit was cancelled (its call was stopped): it can "
            "only be recorded as cancelled."
        }
    if outcome in (VisitRecord.Outcome.DONE, VisitRecord.Outcome.REFUSED) and (
        not visit.assistants
    ):
        return {
            "outcome": "Nobody was sent to this visit: assign the assistant who "
            "went (Reassign) before recording it "
            f"{VisitRecord.Outcome(outcome).label.lower()}."
        }
    now = timezone.localtime()
    if (
        outcome == VisitRecord.Outcome.DONE
        and actual_end is not None
        and visit.date == now.date()
        and actual_end > now.time()
    ):
        return {"actual_end": "A visit is recorded done once it has ended."}
    return {}


def _signed_off(visit: Visit, record: VisitRecord | None, outcome: str) -> str:
    """The assistant whose signed-off timesheet the record would change (a
    visit done counts in it; recording or correcting one changes it)."""
    if outcome != VisitRecord.Outcome.DONE and (
        record is None or record.outcome != VisitRecord.Outcome.DONE
    ):
        return ""
    signed = (
        Timesheet.objects.filter(
            assistant__in=visit.assistants,
            week_start=week_of(visit.date),
            status=Timesheet.Status.SIGNED_OFF,
        )
        .select_related("assistant")
        .first()
    )
    return str(signed.assistant) if signed else ""


def visits_late_or_missed(user, now: datetime.datetime | None = None):
    """Today's visits in the user's teams with no record 30 minutes after
    their window closed, the longest overdue first."""
    now = timezone.localtime(now)
    cutoff = (
        (now - LATE_AFTER).time() if (now - LATE_AFTER).date() == now.date() else None
    )
    if cutoff is None:
        return Visit.objects.none()
    return (
        Visit.objects.filter(
            team__in=team_scope(user),
            date=now.date(),
            cancelled=False,
            record__isnull=True,
            window_end__lt=cutoff,
        )
        .select_related(
            "team", "assistant", "second_assistant", "plan__case__referral__person"
        )
        .order_by("window_end", "pk")
    )
