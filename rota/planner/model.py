"""Read and validate a planning problem (CONTRACT.md) into plain dataclasses.

Every field error is collected, so that `ProblemError.errors` lists them all at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DAY = 1440
GENDERS = ("female", "male", "other")

DEFAULT_WEIGHTS = {
    "uncovered": 100000.0,
    "relief_visit": 2000.0,
    "moved": 1000.0,
    "lateness": 50.0,
    "continuity": 200.0,
    "non_regular": 20.0,
    "travel": 1.0,
    "fairness": 0.1,
}
DEFAULT_MAX_LATENESS = 120


class ProblemError(ValueError):
    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = list(errors)


@dataclass
class Window:
    start: int
    end: int


@dataclass
class Break:
    earliest: int
    latest: int
    duration: int


@dataclass
class Assistant:
    id: str
    name: str
    base: int
    gender: str | None
    relief: bool
    skills: dict[str, dt.date | None]
    shifts: list[Window]
    breaks: list[Break]
    absences: list[tuple[int, int, str]]
    max_minutes: int | None
    contracted_minutes: int

    def label(self):
        return self.name or self.id

    def has_skill(self, skill, day: dt.date) -> bool:
        if skill not in self.skills:
            return False
        expiry = self.skills[skill]
        return expiry is None or day < expiry

    def windows(self) -> list[Window]:
        """Shifts with the absences cut out, in time order."""
        out = []
        for sh in sorted(self.shifts, key=lambda w: w.start):
            pieces = [(sh.start, sh.end)]
            for a_start, a_end, _ in self.absences:
                nxt = []
                for s, e in pieces:
                    if a_end <= s or a_start >= e:
                        nxt.append((s, e))
                        continue
                    if s < a_start:
                        nxt.append((s, a_start))
                    if a_end < e:
                        nxt.append((a_end, e))
                pieces = nxt
            out.extend(Window(s, e) for s, e in pieces if e > s)
        return out


@dataclass
class Link:
    visit: str
    min_gap: int
    max_gap: int


@dataclass
class Visit:
    id: str
    person: str
    location: int
    earliest: int
    latest: int
    duration: int
    skills: list[str]
    double_handed: bool
    links: list[Link]
    gender: str | None
    regulars: list[str]

    @property
    def slots(self):
        return 2 if self.double_handed else 1

    @property
    def day(self):
        return self.earliest // DAY


@dataclass
class Fixed:
    visit: str
    assistants: list[str]
    start: int


@dataclass
class Problem:
    start_date: dt.date
    days: int
    locations: int
    travel: list[list[int]]
    assistants: list[Assistant]
    visits: list[Visit]
    fixed: list[Fixed] = field(default_factory=list)
    previous: dict[str, list[str]] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    max_lateness: int = DEFAULT_MAX_LATENESS

    def date_of(self, minute: int) -> dt.date:
        return self.start_date + dt.timedelta(days=minute // DAY)

    def regulars_of(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for v in self.visits:
            out.setdefault(v.person, set()).update(v.regulars)
        return out


class _Reader:
    def __init__(self):
        self.errors: list[str] = []

    def err(self, path, msg):
        self.errors.append(f"{path}: {msg}")

    def int_(self, obj, key, path, default=None, minimum=None, required=True):
        if not isinstance(obj, dict) or key not in obj or obj[key] is None:
            if required and default is None:
                self.err(f"{path}.{key}" if path else key, "required")
            return default
        v = obj[key]
        if isinstance(v, bool) or not isinstance(v, int | float) or v != int(v):
            self.err(
                f"{path}.{key}" if path else key, f"must be a whole number, not {v!r}"
            )
            return default
        v = int(v)
        if minimum is not None and v < minimum:
            self.err(f"{path}.{key}" if path else key, f"must be at least {minimum}")
            return default
        return v

    def str_(self, obj, key, path, required=True, choices=None):
        v = obj.get(key) if isinstance(obj, dict) else None
        if v is None:
            if required:
                self.err(f"{path}.{key}", "required")
            return None
        if not isinstance(v, str) or (required and not v.strip()):
            self.err(f"{path}.{key}", "must be a non-empty string")
            return None
        if choices and v not in choices:
            self.err(f"{path}.{key}", f"must be one of {', '.join(choices)}")
            return None
        return v

    def list_(self, obj, key, path, required=False):
        v = obj.get(key) if isinstance(obj, dict) else None
        if v is None:
            if required:
                self.err(f"{path}.{key}" if path else key, "required")
            return []
        if not isinstance(v, list):
            self.err(f"{path}.{key}" if path else key, "must be a list")
            return []
        return v

    def date(self, v, path):
        try:
            return dt.date.fromisoformat(v)
        except (TypeError, ValueError):
            self.err(path, f"must be a date YYYY-MM-DD, not {v!r}")
            return None

    def location(self, obj, key, path, n):
        v = self.int_(obj, key, path, minimum=0)
        if v is not None and n and v >= n:
            self.err(f"{path}.{key}", f"no location {v} (there are {n})")
            return None
        return v
