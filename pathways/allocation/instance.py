"""The problem compiled to integer indices, shared by the greedy and the solver.

A *placement* is (case, provider, start day). Only placements that are
feasible on their own (eligible provider, start in range, load within
capacity on every day) and that add to the score are enumerated.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Assignment, Problem


@dataclass(frozen=True)
class Placement:
    case: int
    provider: int
    start: int
    end: int  # exclusive, clipped to the horizon
    value: int
    uses: tuple[tuple[int, int], ...]  # (band index, carer-minutes per day)


def eligible(problem: Problem, case, provider) -> bool:
    """SPEC "Eligible provider": locality, every skill, and options if given."""
    return (
        case.locality in provider.localities
        and all(s in provider.skills for s in case.skills)
        and (case.options is None or provider.id in case.options)
    )


class Instance:
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.days = problem.horizon.days
        self.band_index = {b: i for i, b in enumerate(problem.bands)}
        self.cap = [
            [list(p.capacity.get(b, (0,) * self.days)) for b in problem.bands]
            for p in problem.providers
        ]
        self.first = [problem.first_day(c) for c in problem.cases]
        self.placements: list[Placement] = []
        self.by_case: list[list[int]] = [[] for _ in problem.cases]
        for ci in range(len(problem.cases)):
            self._enumerate(ci)
            # Earliest start first, then most valuable (cheapest), then id.
            self.by_case[ci].sort(key=self._order)

    def _order(self, k: int) -> tuple[int, int, str]:
        pl = self.placements[k]
        return (pl.start, -pl.value, self.problem.providers[pl.provider].id)

    def _enumerate(self, ci: int) -> None:
        case = self.problem.cases[ci]
        for pi, provider in enumerate(self.problem.providers):
            if not eligible(self.problem, case, provider):
                continue
            cost = case.option(provider.id).cost
            uses = tuple(
                (self.band_index[b], u)
                for b, u in sorted(case.use(provider.id).items())
                if u > 0
            )
            short = self._first_short_day(pi, uses)
            for s in range(self.first[ci], self.days):
                value = case.weight * (self.days - (s - self.first[ci])) - cost
                if value <= 0:
                    break
                end = min(s + case.length_days, self.days)
                if short[s] >= end:  # = self.fits_alone(pi, uses, s, end)
                    placement = Placement(ci, pi, s, end, value, uses)
                    self.by_case[ci].append(len(self.placements))
                    self.placements.append(placement)

    def _first_short_day(self, pi: int, uses) -> list[int]:
        """For each day d, the first day from d on when some band in `uses`
        has less capacity than the case needs (self.days if none): a start
        fits alone when that day is at or after its end. One pass per band
        instead of a scan of every day for every start."""
        short = [self.days] * (self.days + 1)
        for b, u in uses:
            row, nxt = self.cap[pi][b], self.days
            for d in range(self.days - 1, -1, -1):
                if row[d] < u:
                    nxt = d
                short[d] = min(short[d], nxt)
        return short

    def fits_alone(self, pi: int, uses, start: int, end: int) -> bool:
        cap = self.cap[pi]
        return all(u <= cap[b][d] for b, u in uses for d in range(start, end))

    def assignment(self, k: int) -> Assignment:
        pl = self.placements[k]
        return Assignment(
            self.problem.cases[pl.case].id,
            self.problem.providers[pl.provider].id,
            self.problem.horizon.date(pl.start),
        )


class Loads:
    """Remaining capacity as placements are added and removed."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.free = [[list(row) for row in bands] for bands in instance.cap]

    def fits(self, pl: Placement) -> bool:
        free = self.free[pl.provider]
        return all(u <= free[b][d] for b, u in pl.uses for d in range(pl.start, pl.end))

    def add(self, pl: Placement) -> None:
        free = self.free[pl.provider]
        for b, u in pl.uses:
            row = free[b]
            for d in range(pl.start, pl.end):
                row[d] -= u
