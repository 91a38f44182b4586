"""Large-neighbourhood search: free the cases around a few providers, re-solve.

Each step frees every case placed with a small group of providers that share
eligible cases, plus the unplaced cases they could take, and asks CP-SAT for
the best re-allocation of those cases in the capacity the others leave. Only
the placements with the smallest LP reduced-value loss are offered, which
keeps each sub-model small; the step is accepted when it does not lose score.
"""

from __future__ import annotations

import random
import threading
import time

from .cpsat import solve_subset
from .instance import Instance, Loads

OFFERED_PER_CASE = 12


class Neighbourhoods:
    def __init__(self, instance: Instance, loss: list[float]) -> None:
        self.instance = instance
        n_prov = len(instance.problem.providers)
        self.cases_of: list[set[int]] = [set() for _ in range(n_prov)]
        self.neighbours: list[set[int]] = [set() for _ in range(n_prov)]
        self.offered: list[list[int]] = []
        for ks in instance.by_case:
            ranked = sorted(ks, key=lambda k: loss[k])[:OFFERED_PER_CASE]
            self.offered.append(ranked)
            providers = {instance.placements[k].provider for k in ks}
            for p in providers:
                self.neighbours[p] |= providers
        for pl in instance.placements:
            self.cases_of[pl.provider].add(pl.case)

    def pick(self, rng: random.Random, size: int) -> set[int]:
        """Cases eligible with a connected group of providers, about `size`."""
        candidates = [p for p, cs in enumerate(self.cases_of) if cs]
        group = {rng.choice(candidates)}
        cases = set(self.cases_of[next(iter(group))])
        while len(cases) < size:
            frontier = sorted(set().union(*(self.neighbours[p] for p in group)) - group)
            if not frontier:
                break
            p = rng.choice(frontier)
            group.add(p)
            cases |= self.cases_of[p]
        if len(cases) > size:
            cases = set(rng.sample(sorted(cases), size))
        return cases


def improve(
    instance: Instance,
    incumbent: list[int],
    loss: list[float],
    *,
    deadline: float,
    workers: int,
    seed: int,
    upper: int | None = None,
) -> list[int]:
    """Improve `incumbent` by neighbourhood re-solves until the deadline.

    With two or more workers, that many single-worker searches run in
    threads (CP-SAT releases the GIL) and commit optimistically: a step is
    applied only if its cases still fit around the allocation as it is then.
    """
    shared = _Shared(instance, incumbent, upper)
    hoods = Neighbourhoods(instance, loss)
    threads = [
        threading.Thread(target=_search, args=(shared, hoods, deadline, seed + i))
        for i in range(max(1, workers))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(shared.current.values())


class _Shared:
    def __init__(self, instance: Instance, incumbent: list[int], upper: int | None):
        self.instance, self.upper = instance, upper
        self.current = {instance.placements[k].case: k for k in incumbent}
        self.score = sum(instance.placements[k].value for k in incumbent)
        self.lock = threading.Lock()

    def snapshot(self, freed: set[int]) -> tuple[dict[int, int], Loads]:
        with self.lock:
            current = dict(self.current)
        loads = Loads(self.instance)
        for ci, k in current.items():
            if ci not in freed:
                loads.add(self.instance.placements[k])
        return current, loads

    def commit(self, freed: set[int], chosen: list[int]) -> None:
        placements = self.instance.placements
        with self.lock:
            current, loads = self.current, Loads(self.instance)
            for ci, k in current.items():
                if ci not in freed:
                    loads.add(placements[k])
            before = sum(placements[current[ci]].value for ci in freed if ci in current)
            after = sum(placements[k].value for k in chosen)
            if after < before:
                return  # another thread improved these cases meanwhile
            for k in chosen:
                if not loads.fits(placements[k]):
                    return  # another thread took the room meanwhile
                loads.add(placements[k])
            for ci in freed:
                current.pop(ci, None)
            for k in chosen:
                current[placements[k].case] = k
            self.score += after - before

    def done(self) -> bool:
        return self.upper is not None and self.score >= self.upper


def _search(shared: _Shared, hoods: Neighbourhoods, deadline: float, seed: int):
    instance, placements = shared.instance, shared.instance.placements
    rng = random.Random(seed)  # noqa: S311 - search diversity, not secrets
    size = 60
    while time.perf_counter() < deadline - 0.05 and not shared.done():
        freed = hoods.pick(rng, size)
        current, loads = shared.snapshot(freed)
        hint = {current[ci] for ci in freed if ci in current}
        keep = sorted({k for ci in freed for k in hoods.offered[ci]} | hint)
        sub = solve_subset(
            instance,
            keep,
            loads.free,
            hint=hint,
            time_limit_s=min(0.5, deadline - time.perf_counter()),
            workers=1,
            seed=rng.randrange(1 << 30),
        )
        if sub is None or sub.infeasible:
            size = max(20, int(size * 0.8))
            continue
        if sum(placements[k].value for k in sub.chosen) >= sum(
            placements[k].value for k in hint
        ):
            shared.commit(freed, sub.chosen)
        size = min(400, int(size * 1.15)) if sub.optimal else max(20, int(size * 0.85))
