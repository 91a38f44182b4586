"""A form sent twice (a double click, two tabs) changes the record once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rota.models import Timesheet
from rota.timesheets import timesheet_sign_off

pytestmark = pytest.mark.django_db


def test_a_timesheet_signed_off_twice_at_once_keeps_the_first_sign_off(
    coordinator, manager, assistants
):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    Timesheet.objects.create(assistant=assistants[0], week_start=monday)
    # Both requests read the sheet before either has written it.
    first, second = Timesheet.objects.get(), Timesheet.objects.get()
    timesheet_sign_off(
        sheet=first, actor=coordinator, adjustment_minutes=15, reason="Handover"
    )
    with pytest.raises(ValidationError, match="already signed off"):
        timesheet_sign_off(sheet=second, actor=manager, adjustment_minutes=0)
    sheet = Timesheet.objects.get()
    assert (sheet.adjustment_minutes, sheet.signed_off_by) == (15, coordinator)
    assert sheet.history.filter(history_change_reason="Signed off").count() == 1
