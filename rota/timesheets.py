"""Timesheets for payroll: each assistant's week, contact time and travel
from the recorded visits, signed off by the team's supervisor (a coordinator
of its locality, or a manager)."""

import csv
import datetime
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.exports import csv_safe
from cases.services import _save

from .models import Team, Timesheet, Visit, VisitRecord
from .services import team_lock


def week_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _week_visits(assistant, monday):
    return Visit.objects.filter(
        Q(assistant=assistant) | Q(second_assistant=assistant),
        date__gte=monday,
        date__lt=monday + datetime.timedelta(days=7),
        record__outcome=VisitRecord.Outcome.DONE,
    ).select_related("record")


@transaction.atomic
def timesheets_prepare(*, team: Team, monday: datetime.date, actor) -> list[Timesheet]:
    """Work out (again) each assistant's week from the recorded visits; a
    signed-off timesheet is left as it was signed. The team is locked while
    this runs, so two at once (or a sign-off meanwhile) wait their turn."""
    team_lock(team)
    sheets = []
    for assistant in team.assistants.all():
        sheet = (
            Timesheet.objects.select_for_update()
            .filter(assistant=assistant, week_start=monday)
            .first()
        )
        sheet = sheet or Timesheet(assistant=assistant, week_start=monday)
        if sheet.status == Timesheet.Status.SIGNED_OFF:
            sheets.append(sheet)
            continue
        visits = list(_week_visits(assistant, monday))
        figures = (
            sum(v.record.minutes for v in visits),
            sum(v.travel_minutes for v in visits),
            len(visits),
        )
        if sheet.pk is None or figures != (
            sheet.contact_minutes,
            sheet.travel_minutes,
            sheet.visits_done,
        ):
            sheet.contact_minutes, sheet.travel_minutes, sheet.visits_done = figures
            _save(sheet, actor=actor, reason="Worked out from the recorded visits")
        sheets.append(sheet)
    return sheets


@transaction.atomic
def timesheet_sign_off(
    *, sheet: Timesheet, actor, adjustment_minutes: int = 0, reason: str = ""
) -> Timesheet:
    """The supervisor signs the week off, with any adjustment explained. The
    sheet is read again, locked: a second sign-off sent at the same time (a
    double click) finds it signed and changes nothing."""
    sheet = Timesheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.status == Timesheet.Status.SIGNED_OFF:
        raise ValidationError("This timesheet is already signed off.")
    if sheet.week_start + datetime.timedelta(
        days=7
    ) > timezone.localdate() + datetime.timedelta(days=1):
        raise ValidationError("A week is signed off once it has ended.")
    if adjustment_minutes and not reason.strip():
        raise ValidationError({"adjustment_reason": "Say why the time is adjusted."})
    sheet.adjustment_minutes, sheet.adjustment_reason = adjustment_minutes, reason
    sheet.status, sheet.signed_off_by = Timesheet.Status.SIGNED_OFF, actor
    sheet.signed_off_at = timezone.now()
    _save(sheet, actor=actor, reason="Signed off")
    return sheet


CSV_HEADER = [
    "assistant",
    "team",
    "week starting",
    "visits done",
    "contact minutes",
    "travel minutes",
    "adjustment minutes",
    "adjustment reason",
    "paid hours",
    "status",
    "signed off by",
    "signed off at",
]


TEXT_COLUMNS = {0, 1, 7, 9, 10}  # assistant, team, reason, status, signed off by


def timesheets_csv(sheets) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for s in sheets:
        row = [
            str(s.assistant),
            str(s.assistant.team),
            s.week_start.strftime("%d/%m/%Y"),
            s.visits_done,
            s.contact_minutes,
            s.travel_minutes,
            s.adjustment_minutes,
            s.adjustment_reason,
            s.paid_hours,
            s.get_status_display(),
            s.signed_off_by.get_full_name() if s.signed_off_by else "",
            timezone.localtime(s.signed_off_at).strftime("%d/%m/%Y %H:%M")
            if s.signed_off_at
            else "",
        ]
        # Text is guarded against formula injection; the figures are ours and
        # stay numbers (csv_safe would make a negative adjustment '-90 text).
        writer.writerow(
            [csv_safe(c) if i in TEXT_COLUMNS else c for i, c in enumerate(row)]
        )
    return out.getvalue()
