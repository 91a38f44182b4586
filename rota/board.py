"""What the rota board shows: each assistant's run for the day (visits,
travel, gaps) and the visits nobody covers."""

import datetime
from dataclasses import dataclass, field

from .models import Team, Visit
from .problem import minutes_of
from .selectors import absences_active, day_bounds, visits_on


@dataclass
class Stop:
    visit: Visit
    start: int
    end: int
    travel: int
    gap: int  # idle minutes before setting off to this visit

    @property
    def late(self) -> int:
        return max(0, self.start - minutes_of(self.visit.window_end))


@dataclass
class Run:
    assistant: object
    stops: list[Stop] = field(default_factory=list)
    absences: list = field(default_factory=list)

    @property
    def visit_minutes(self) -> int:
        return sum(s.end - s.start for s in self.stops)

    @property
    def travel_minutes(self) -> int:
        return sum(s.travel for s in self.stops)


def board_runs(team: Team, day: datetime.date) -> tuple[list[Run], list[Visit], list]:
    visits = list(visits_on(team, day))
    assistants = list(team.assistants.filter(active=True))
    absences = list(absences_active(assistants, *day_bounds(day)))
    runs = []
    for a in assistants:
        mine = sorted(
            (v for v in visits if a in v.assistants and v.start and not v.cancelled),
            key=lambda v: v.start,
        )
        run = Run(a, absences=[x for x in absences if x.assistant_id == a.pk])
        last_end = None
        for v in mine:
            start = minutes_of(v.start)
            gap = 0 if last_end is None else max(0, start - v.travel_minutes - last_end)
            run.stops.append(Stop(v, start, start + v.minutes, v.travel_minutes, gap))
            last_end = start + v.minutes
        if run.stops or a.shifts_on(day) or run.absences:
            runs.append(run)
    uncovered = [v for v in visits if not v.covered]
    return runs, uncovered, visits


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
