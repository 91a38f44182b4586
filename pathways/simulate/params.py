"""The simulator's settings, each with its default and what it means.

The defaults describe a made-up county of four localities: about 14 people
a weekday ready to leave hospital, fewer at weekends; half go home with no
support (pathway 0), 45% home with reablement (pathway 1), 4% to a
rehabilitation bed (pathway 2) and 1% to a care home (pathway 3). The
reablement providers' capacity is set close to demand, as it is in most
counties in winter, so the way people are placed matters.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields, replace

BANDS = ("morning", "lunch", "tea", "bed")
POLICIES = ("greedy", "allocator", "allocator-declines")


@dataclass(frozen=True)
class Params:
    # The run -----------------------------------------------------------------
    days: int = 90  # days simulated (and measured)
    seed: int = 1  # same seed, same arrivals, capacity and sickness
    start: datetime.date = datetime.date(2027, 1, 4)  # a Monday; day 0
    localities: tuple[str, ...] = ("north", "south", "east", "west")

    # Referrals ---------------------------------------------------------------
    referrals_per_weekday: float = 14.0  # county-wide mean (Poisson) a weekday
    weekend_share: float = 0.4  # Saturday and Sunday: this share of a weekday
    # Pathways 0, 1, 2, 3: home without support, home with reablement,
    # rehabilitation bed, care home.
    pathway_mix: tuple[float, float, float, float] = (0.50, 0.45, 0.04, 0.01)
    drd_days: tuple[int, int] = (0, 3)  # referral to discharge-ready date, uniform
    # Urgent, high, routine (the hub's priorities: weights 60, 30, 10).
    priority_mix: tuple[float, float, float] = (0.15, 0.35, 0.50)
    equipment_share: float = 0.30  # of pathway 1, share needing equipment first
    equipment_days: tuple[int, int] = (1, 7)  # lead time from referral, uniform

    # Needs of a pathway-1 person (carer visits a day) --------------------------
    # Probability of 1, 2, 3 or 4 visits a day (bands: morning first, then
    # bed, tea, lunch).
    visits_mix: tuple[float, float, float, float] = (0.25, 0.35, 0.25, 0.15)
    visit_minutes: tuple[int, ...] = (30, 30, 45, 60)  # drawn uniformly
    double_handed_share: float = 0.12  # two carers at every visit
    dementia_share: float = 0.20  # needs a provider with dementia skills
    travel_minutes: int = 10  # added to each visit, per carer
    reablement_days: tuple[int, int, int] = (7, 21, 42)  # triangular min, mode, max

    # Providers (home-care reablement) -----------------------------------------
    providers_per_locality: int = 2  # the first of each has dementia skills
    # Carer-minutes a weekday, per provider and band.
    capacity: tuple[tuple[str, int], ...] = (
        ("morning", 950),
        ("lunch", 160),
        ("tea", 400),
        ("bed", 720),
    )
    weekend_capacity: float = 0.85  # share of the weekday capacity at weekends
    sickness_chance: float = 0.25  # chance a provider has carers off on a day
    sickness_loss: tuple[float, float] = (0.05, 0.20)  # share of the day lost
    initial_load: float = 0.85  # share of capacity taken by people already started

    # Beds for pathways 2 and 3 (county-wide, first ready first placed) -------
    beds: tuple[int, int] = (16, 45)  # rehabilitation beds, care-home beds
    stay_days: tuple[tuple[int, int], tuple[int, int]] = ((14, 42), (120, 600))

    # Waiting ----------------------------------------------------------------
    give_up_days: int = 28  # after waiting this long past ready, people leave
    # (another arrangement is made: an interim bed, family); counted as left

    # Policies ---------------------------------------------------------------
    horizon_days: int = 14  # the allocator plans this many days ahead, daily
    # Each daily solve stops after `work_limit` of CP-SAT's deterministic time
    # (about seconds on a quiet machine), so the same seed gives the same
    # figures on any machine; `time_limit_s` is only the outer promise (a
    # solve it cuts short is counted in the notes). work_limit 0: stop on the
    # wall clock alone, as the hub's own runs do.
    work_limit: float = 1.0
    time_limit_s: float = 30.0  # per daily solve, at most (the outer promise)
    workers: int = 1  # CP-SAT workers (one whenever work_limit is set)
    decline_share: float = 0.2  # "allocator-declines": share of offers declined

    # Extra capacity, as (locality, band, percent) with "*" for every locality
    # or band: the what-if sweep sets it; it leaves arrivals and sickness as
    # they were.
    extra_capacity: tuple[tuple[str, str, int], ...] = ()

    # What-if sweep ------------------------------------------------------------
    sweep_policy: str = "greedy"
    sweep_steps: tuple[int, ...] = (10, 20, 30, 50, 75, 100, 150)  # + % capacity
    sweep_increment: int = 10  # % added per step of the combined search

    @property
    def capacity_of(self) -> dict[str, int]:
        return dict(self.capacity)

    def capacity_for(self, locality: str, band: str) -> int:
        """Weekday carer-minutes of a provider in `locality` in `band`."""
        percent = sum(
            extra
            for where, which, extra in self.extra_capacity
            if where in ("*", locality) and which in ("*", band)
        )
        return round(self.capacity_of.get(band, 0) * (100 + percent) / 100)

    @property
    def max_length(self) -> int:
        return self.reablement_days[2]

    def with_(self, **changes) -> Params:
        return replace(self, **changes)

    def errors(self) -> list[str]:
        """What is wrong with these settings, in words (empty when fine)."""
        out = []
        if not 1 <= self.days <= 366:
            out.append("days: between 1 and 366")
        if self.referrals_per_weekday < 0 or self.referrals_per_weekday > 500:
            out.append("referrals_per_weekday: between 0 and 500")
        for name in ("weekend_share", "weekend_capacity", "decline_share"):
            if not 0 <= getattr(self, name) <= 1:
                out.append(f"{name}: between 0 and 1")
        if abs(sum(self.pathway_mix) - 1) > 1e-6 or min(self.pathway_mix) < 0:
            out.append("pathway_mix: four shares adding up to 1")
        if abs(sum(self.priority_mix) - 1) > 1e-6 or min(self.priority_mix) < 0:
            out.append("priority_mix: three shares adding up to 1")
        if not 1 <= self.horizon_days <= 60:
            out.append("horizon_days: between 1 and 60")
        if not 0 < self.time_limit_s <= 30:
            out.append("time_limit_s: more than 0, at most 30")
        if not 0 <= self.work_limit <= 30:
            out.append("work_limit: between 0 and 30")
        if self.providers_per_locality < 1:
            out.append("providers_per_locality: at least 1")
        low, mode, high = self.reablement_days
        if not 1 <= low <= mode <= high <= 120:
            out.append("reablement_days: 1 ≤ min ≤ mode ≤ max ≤ 120")
        if any(minutes < 0 for _, minutes in self.capacity):
            out.append("capacity: carer-minutes ≥ 0")
        if self.sweep_policy not in POLICIES:
            out.append(f"sweep_policy: one of {', '.join(POLICIES)}")
        if self.give_up_days < 1:
            out.append("give_up_days: at least 1")
        return out

    def to_json(self) -> dict:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.isoformat() if f.name == "start" else _plain(value)
        return out

    @classmethod
    def from_json(cls, data: dict) -> Params:
        known = {f.name for f in fields(cls)}
        values = {}
        for name, value in data.items():
            if name not in known:
                continue
            if name == "start":
                value = datetime.date.fromisoformat(value)
            elif isinstance(value, list):
                value = _tuple(value)
            values[name] = value
        return cls(**values)


def _plain(value):
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _tuple(value):
    if isinstance(value, list):
        return tuple(_tuple(v) for v in value)
    return value
