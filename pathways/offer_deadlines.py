"""When a provider must answer an offer: a number of working hours
(HUB_OFFER_WORKING_HOURS, 09:00–17:00 on England's working days) after it
was made."""

import datetime

from django.conf import settings
from django.utils import timezone

from cases.workdays import is_working_day

DAY_OPENS, DAY_CLOSES = datetime.time(9), datetime.time(17)


def deadline_after(moment: datetime.datetime, hours: float | None = None):
    """`hours` working hours after `moment` (an offer made out of hours
    counts from the next working day's opening)."""
    if hours is None:
        hours = settings.HUB_OFFER_WORKING_HOURS
    left = datetime.timedelta(hours=hours)
    local = timezone.localtime(moment)
    day = local.date()
    clock = local.timetz().replace(tzinfo=None)
    while True:
        if is_working_day(day) and clock < DAY_CLOSES:
            opened = _at(day, max(clock, DAY_OPENS))
            closes = _at(day, DAY_CLOSES)
            if opened + left <= closes:
                return opened + left
            left -= closes - opened
        day, clock = day + datetime.timedelta(days=1), DAY_OPENS


def _at(day: datetime.date, clock: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, clock))
