"""The in-house team as a provider to the capacity allocator: its capacity
per band and day is worked out from the rota, not typed by hand.

Published minutes = the carer-minutes the team's assistants (relief bank
excluded) work within the band, absences cut out, less the visits of people
whose reablement is not booked with the team as a start (those the capacity
grid does not subtract itself). The grid then takes off the starts booked
with the team, so what it shows free is what the rota leaves free.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cases.services import _save
from pathways.models import ProviderCapacity, ReablementStart

from .models import Team, Visit
from .problem import _cut, minutes_of
from .selectors import absences_active, day_bounds
from .services import team_lock

BAND_HOURS = {
    "morning": (7 * 60, 11 * 60),
    "lunch": (11 * 60, 14 * 60),
    "tea": (14 * 60, 18 * 60),
    "bed": (18 * 60, 22 * 60),
}


def band_minutes_available(team: Team, day: datetime.date) -> dict[str, int]:
    assistants = list(team.assistants.filter(active=True, relief_bank=False))
    absences = list(absences_active(assistants, *day_bounds(day)))
    day_start, _ = day_bounds(day)
    free = dict.fromkeys(BAND_HOURS, 0)
    for a in assistants:
        shifts = {
            "shifts": [
                {"start": minutes_of(s), "end": minutes_of(e)}
                for s, e in a.shifts_on(day)
            ],
            "absences": [
                {
                    "start": int((x.starts_at - day_start).total_seconds() // 60),
                    "end": int((x.ends_at - day_start).total_seconds() // 60),
                }
                for x in absences
                if x.assistant_id == a.pk
            ],
        }
        for start, end in _cut(shifts):
            for band, (b_start, b_end) in BAND_HOURS.items():
                free[band] += max(0, min(end, b_end) - max(start, b_start))
    return free


def band_minutes_unbooked(team: Team, day: datetime.date) -> dict[str, int]:
    """Visit minutes of the day not covered by a start booked with the team."""
    booked_cases = ReablementStart.objects.filter(
        provider=team.provider, status=ReablementStart.Status.AGREED
    ).values("case_id")
    visits = Visit.objects.filter(team=team, date=day, cancelled=False).exclude(
        plan__case__in=booked_cases
    )
    need = dict.fromkeys(BAND_HOURS, 0)
    for v in visits:
        need[v.band] += v.minutes * v.carers
    return need


def capacity_days(start: datetime.datetime, end: datetime.datetime) -> list:
    """The days of [start, end) within the capacity horizon from today."""
    today = timezone.localdate()
    last = today + datetime.timedelta(days=settings.HUB_CAPACITY_HORIZON_DAYS - 1)
    first_day = max(timezone.localtime(start).date(), today)
    last_day = min(timezone.localtime(end).date(), last)
    return [
        first_day + datetime.timedelta(days=i)
        for i in range((last_day - first_day).days + 1)
    ]


@transaction.atomic
def team_capacity_update(*, team: Team, days: list[datetime.date], actor) -> int:
    """Write the team's published capacity for these days; returns rows changed."""
    if team.provider is None:
        return 0
    team_lock(team)
    changed = 0
    for day in days:
        free = band_minutes_available(team, day)
        need = band_minutes_unbooked(team, day)
        for band in BAND_HOURS:
            minutes = max(free[band] - need[band], 0)
            row = ProviderCapacity.objects.filter(
                provider=team.provider, date=day, band=band
            ).first() or ProviderCapacity(provider=team.provider, date=day, band=band)
            if row.pk is None or row.minutes != minutes:
                row.minutes = minutes
                _save(row, actor=actor, reason="Worked out from the rota")
                changed += 1
    return changed
