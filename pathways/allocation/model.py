"""Value types of the allocator: the problem, its parts and the result.

Everything here is immutable and free of any framework, so a problem can be
built from a database, from JSON or by hand in a test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PROBLEM_SCHEMA = "locality-hub/allocation-problem/1"
RESULT_SCHEMA = "locality-hub/allocation-result/1"


class ProblemError(ValueError):
    """A problem (or result) that breaks the contract; one message per field."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = list(errors)


@dataclass(frozen=True)
class Horizon:
    start: dt.date
    days: int

    @property
    def end(self) -> dt.date:
        """The last day of the horizon (inclusive)."""
        return self.start + dt.timedelta(days=self.days - 1)

    def date(self, index: int) -> dt.date:
        return self.start + dt.timedelta(days=index)

    def index(self, day: dt.date) -> int:
        return (day - self.start).days


@dataclass(frozen=True)
class Visit:
    band: str
    minutes: int
    carers: int = 1


@dataclass(frozen=True)
class Option:
    cost: int = 0
    travel_minutes: int = 0


@dataclass(frozen=True)
class Provider:
    id: str
    localities: tuple[str, ...]
    skills: tuple[str, ...] = ()
    # band -> carer-minutes per horizon day; a band not listed has none.
    capacity: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def capacity_on(self, band: str, day: int) -> int:
        row = self.capacity.get(band)
        return row[day] if row is not None else 0


@dataclass(frozen=True)
class Case:
    id: str
    locality: str
    weight: int
    earliest_start: dt.date
    length_days: int
    visits: tuple[Visit, ...] = ()
    skills: tuple[str, ...] = ()
    options: dict[str, Option] | None = None

    def option(self, provider_id: str) -> Option:
        if self.options is None:
            return Option()
        return self.options.get(provider_id, Option())

    def use(self, provider_id: str) -> dict[str, int]:
        """Carer-minutes per band on each active day when placed with a provider."""
        travel = self.option(provider_id).travel_minutes
        use: dict[str, int] = {}
        for visit in self.visits:
            minutes = (visit.minutes + travel) * visit.carers
            use[visit.band] = use.get(visit.band, 0) + minutes
        return use


@dataclass(frozen=True)
class Problem:
    horizon: Horizon
    bands: tuple[str, ...]
    providers: tuple[Provider, ...]
    cases: tuple[Case, ...]

    def first_day(self, case: Case) -> int:
        """first(c) as a horizon index; >= horizon.days when it cannot start."""
        return max(self.horizon.index(case.earliest_start), 0)


@dataclass(frozen=True)
class Assignment:
    case: str
    provider: str
    start: dt.date


@dataclass(frozen=True)
class Unassigned:
    case: str
    reason: str


@dataclass(frozen=True)
class Result:
    status: str  # "optimal" or "feasible"
    score: int
    bound: int | None
    assignments: tuple[Assignment, ...]
    unassigned: tuple[Unassigned, ...]
    stats: dict[str, object] = field(default_factory=dict)
