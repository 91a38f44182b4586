"""Who starts reablement today, and with whom: three policies.

- greedy: as a coordinator does it by hand. Longest waiting first (then the
  more urgent), each with the first provider in their locality that has the
  skills and room for the whole episode from today.
- allocator: each day the waiting list and the providers' remaining
  capacity over the planning horizon become a problem in the allocator's
  JSON contract (../shared/allocation/SPEC.md), solved by the real allocator
  (pathways.allocation) within `work_limit` (deterministic, so the same
  seed gives the same figures) and `time_limit_s`. People it starts today are
  booked; later starts are only its plan, made again tomorrow. A start is
  booked only if it fits the whole episode (the allocator checks the horizon
  only), as the hub re-checks capacity when a start is agreed.
- allocator-declines: the same, but providers decline `decline_share` of
  the offers (drawn from the seed); whoever is declined waits on.
"""

from __future__ import annotations

import datetime
import random

from .params import BANDS, Params
from .world import Person

PRIORITY_WEIGHT = {"urgent": 60, "high": 30, "routine": 10}  # as pathways.allocator
PRIORITY_RANK = {"urgent": 0, "high": 1, "routine": 2}
WAIT_WEIGHT_PER_DAY, WAIT_CAP_DAYS = 10, 30


class Greedy:
    name = "greedy"

    def place(self, day: int, waiting: list[Person], referred, outcome):
        world, ledger = outcome.world, outcome.ledger
        order = sorted(
            waiting, key=lambda p: (p.ready_day, PRIORITY_RANK[p.priority], p.id)
        )
        for person in order:
            use = world.use(person)
            for index, provider in enumerate(world.providers):
                if world.eligible(person, provider) and ledger.fits(
                    index, use, day, person.length
                ):
                    outcome.start(person, index, day)
                    break


class Allocator:
    name = "allocator"

    def __init__(self, params: Params, decline_share: float = 0.0):
        self.params, self.decline_share = params, decline_share
        self.declines = random.Random(f"{params.seed}:declines")  # noqa: S311 - a model

    def place(self, day: int, waiting: list[Person], referred, outcome):
        from pathways.allocation.parse import problem_from_json
        from pathways.allocation.results import result_to_json
        from pathways.allocation.solve import solve

        horizon = self.params.horizon_days
        # Everyone referred and waiting, ready within the horizon: people ready
        # in a few days are planned for, so today's starts leave them room.
        cases = [
            p
            for p in referred
            if p.pathway == 1 and outcome.is_waiting(p) and p.ready_day < day + horizon
        ]
        if not cases:
            return
        data = problem_json(outcome, day, cases)
        result = result_to_json(
            solve(
                problem_from_json(data),
                time_limit_s=self.params.time_limit_s,
                workers=self.params.workers,
                seed=self.params.seed,
                work_limit=self.params.work_limit or None,
            )
        )
        notes = outcome.notes
        notes["solves"] = notes.get("solves", 0) + 1
        if result["status"] != "optimal":
            notes["solves_not_proven_optimal"] = (
                notes.get("solves_not_proven_optimal", 0) + 1
            )
        if result["stats"].get("wall_clock_cut"):
            notes["solves_cut_by_clock"] = notes.get("solves_cut_by_clock", 0) + 1
        notes["solve_ms"] = notes.get("solve_ms", 0) + round(
            1000 * result["stats"].get("seconds", 0)
        )
        self._book_today(day, data, result, cases, outcome)

    def _book_today(self, day, data, result, cases, outcome):
        today = data["horizon"]["start"]
        by_id = {str(p.id): p for p in cases}
        index = {p.id: n for n, p in enumerate(outcome.world.providers)}
        weight = {c["id"]: c["weight"] for c in data["cases"]}
        starts = sorted(
            (a for a in result["assignments"] if a["start"] == today),
            key=lambda a: (-weight[a["case"]], int(a["case"])),
        )
        for assignment in starts:
            person = by_id[assignment["case"]]
            provider = index[assignment["provider"]]
            if self.decline_share and self.declines.random() < self.decline_share:
                outcome.offers_declined += 1
                continue
            use = outcome.world.use(person)
            if not outcome.ledger.fits(provider, use, day, person.length):
                outcome.notes["starts_refused_past_horizon"] = (
                    outcome.notes.get("starts_refused_past_horizon", 0) + 1
                )
                continue
            outcome.start(person, provider, day)


def problem_json(outcome, day: int, cases: list[Person]) -> dict:
    """Today's problem in the allocator's contract (SPEC.md)."""
    world, ledger = outcome.world, outcome.ledger
    params = world.params
    horizon = params.horizon_days
    start = params.start + datetime.timedelta(days=day)
    return {
        "schema": "locality-hub/allocation-problem/1",
        "horizon": {"start": start.isoformat(), "days": horizon},
        "bands": list(BANDS),
        "providers": [
            {
                "id": provider.id,
                "localities": [provider.locality],
                "skills": sorted(provider.skills),
                "capacity": {
                    band: [
                        max(ledger.room(n, band, d), 0)
                        for d in range(day, day + horizon)
                    ]
                    for band in BANDS
                },
            }
            for n, provider in enumerate(world.providers)
        ],
        "cases": [
            {
                "id": str(p.id),
                "locality": p.locality,
                "weight": PRIORITY_WEIGHT[p.priority]
                + WAIT_WEIGHT_PER_DAY * min(max(day - p.ready_day, 0), WAIT_CAP_DAYS),
                "earliest_start": (
                    params.start + datetime.timedelta(days=max(p.ready_day, day))
                ).isoformat(),
                "length_days": p.length,
                "skills": sorted(p.skills),
                "visits": [
                    {"band": v.band, "minutes": v.minutes, "carers": v.carers}
                    for v in p.visits
                ],
                "options": {
                    provider.id: {"cost": 0, "travel_minutes": params.travel_minutes}
                    for provider in world.providers
                    if provider.locality == p.locality
                },
            }
            for p in cases
        ],
    }


def policy_make(name: str, params: Params):
    if name == "greedy":
        return Greedy()
    if name == "allocator":
        return Allocator(params)
    if name == "allocator-declines":
        policy = Allocator(params, decline_share=params.decline_share)
        policy.name = name
        return policy
    raise ValueError(f"unknown policy {name!r}")
