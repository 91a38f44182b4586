"""Large-neighbourhood search: free a group of cases, re-solve it with CP-SAT.

Each step frees a group of cases and asks CP-SAT for the best re-allocation
of those cases in the capacity the others leave; the step is accepted when
it does not lose score. Two kinds of group alternate:

* **where capacity binds**: a provider chosen in proportion to the score its
  waiting cases lose (cases unplaced, or started later than their first day,
  that it could take), with every case placed there, those waiting cases, and
  cases placed elsewhere that it could take (so they can swap);
* **around a few providers**: a connected group of providers that share
  eligible cases, and a sample of the cases they could take.

Each freed case is offered its placements with the smallest LP reduced-value
loss, every start with the providers at the centre of the group, and the
placement it has now, which keeps each sub-model small.
"""

from __future__ import annotations

import random
import threading
import time

from .cpsat import solve_subset
from .instance import Instance, Loads

OFFERED_PER_CASE = 12
STEP_SECONDS = 0.5  # at most per sub-model
STEP_WORK = 0.25  # CP-SAT deterministic seconds per sub-model, in steps mode
MIN_STEP_SECONDS = 0.15  # no search started with less time than this
START_SIZE = 30  # freed cases in the first step (then adapted)


class Neighbourhoods:
    def __init__(self, instance: Instance, loss: list[float]) -> None:
        self.instance = instance
        n_prov = len(instance.problem.providers)
        self.cases_of: list[set[int]] = [set() for _ in range(n_prov)]
        self.neighbours: list[set[int]] = [set() for _ in range(n_prov)]
        self.offered: list[list[int]] = []
        self.at: list[dict[int, list[int]]] = []  # case -> provider -> placements
        self.best = [0] * len(instance.by_case)  # per case: best placement value
        for ci, ks in enumerate(instance.by_case):
            ranked = sorted(ks, key=lambda k: loss[k])[:OFFERED_PER_CASE]
            self.offered.append(ranked)
            at: dict[int, list[int]] = {}
            for k in ks:
                pl = instance.placements[k]
                at.setdefault(pl.provider, []).append(k)
                self.best[ci] = max(self.best[ci], pl.value)
            self.at.append(at)
            for p in at:
                self.neighbours[p] |= set(at)
        for pl in instance.placements:
            self.cases_of[pl.provider].add(pl.case)

    def pick(self, rng: random.Random, size: int) -> tuple[set[int], set[int]]:
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
        return cases, set()

    def lost(self, current: dict[int, int]) -> list[int]:
        """Per provider: the score its waiting cases lose against their best."""
        placements = self.instance.placements
        out = [0] * len(self.cases_of)
        for ci, at in enumerate(self.at):
            if not at:
                continue
            have = placements[current[ci]].value if ci in current else 0
            if have < self.best[ci]:
                for p in at:
                    out[p] += self.best[ci] - have
        return out

    def pick_binding(
        self, rng: random.Random, size: int, current: dict[int, int]
    ) -> tuple[set[int], set[int]]:
        """A provider where capacity binds (chosen in proportion to the score
        lost by the cases waiting for it), the cases placed with it, those
        waiting, and cases placed elsewhere that it could take."""
        placements = self.instance.placements
        lost = self.lost(current)
        total = sum(lost)
        if total == 0:
            return self.pick(rng, size)
        centre = {rng.choices(range(len(lost)), weights=lost)[0]}
        if rng.random() < PAIR_SHARE:
            others = sorted(self.neighbours[next(iter(centre))] - centre)
            weights = [lost[q] for q in others]
            if sum(weights) > 0:
                centre.add(rng.choices(others, weights=weights)[0])
        here, waiting, elsewhere = [], [], []
        for ci in sorted(set().union(*(self.cases_of[p] for p in centre))):
            k = current.get(ci)
            if k is not None and placements[k].provider in centre:
                here.append(ci)
            elif k is None or placements[k].value < self.best[ci]:
                waiting.append(ci)
            else:
                elsewhere.append(ci)
        rng.shuffle(waiting)
        rng.shuffle(elsewhere)
        cases = (here + waiting + elsewhere)[: max(size, len(here))]
        return set(cases), centre

    def offer(self, cases: set[int], centre: set[int], hint: set[int]) -> list[int]:
        keep = set(hint)
        for ci in cases:
            keep.update(self.offered[ci])
            for p in centre:
                keep.update(self.at[ci].get(p, ()))
        return sorted(keep)


def improve(
    instance: Instance,
    incumbent: list[int],
    loss: list[float] | Neighbourhoods,
    *,
    deadline: float,
    workers: int,
    seed: int,
    upper: int | None = None,
    stats: dict[str, object] | None = None,
    stop: threading.Event | None = None,
    steps: int | None = None,
) -> list[int]:
    """Improve `incumbent` by neighbourhood re-solves until the deadline
    (or until `stop` is set: a step under way then finishes first).

    With `steps`, the search is deterministic: one thread makes at most that
    many steps, each sub-model capped at STEP_WORK of CP-SAT's deterministic
    time, so the same input gives the same plan on any machine (the
    deadline still holds, as the outer promise).

    With two or more workers, that many single-worker searches run in
    threads (CP-SAT releases the GIL) and commit optimistically: a step is
    applied only if its cases still fit around the allocation as it is then.
    `loss` ranks the placements offered (or is the Neighbourhoods built
    from it before). Nothing is built when the time is too short for a step.
    """
    if time.perf_counter() >= deadline - MIN_STEP_SECONDS:
        return sorted(incumbent)
    shared = _Shared(instance, incumbent, upper)
    hoods = loss if isinstance(loss, Neighbourhoods) else Neighbourhoods(instance, loss)
    if steps is not None:
        workers = 1  # racing threads would make the plan depend on timing
    threads = [
        threading.Thread(
            target=_search, args=(shared, hoods, deadline, seed + i, stop, steps)
        )
        for i in range(max(1, workers))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if stats is not None:
        for key, n in shared.counts.items():
            stats[key] = int(stats.get(key, 0)) + n
    return sorted(shared.current.values())


class _Shared:
    def __init__(self, instance: Instance, incumbent: list[int], upper: int | None):
        self.instance, self.upper = instance, upper
        self.current = {instance.placements[k].case: k for k in incumbent}
        self.score = sum(instance.placements[k].value for k in incumbent)
        self.lock = threading.Lock()
        self.counts = {"lns_steps": 0, "lns_improving": 0}

    def snapshot(self, freed: set[int]) -> tuple[dict[int, int], Loads]:
        with self.lock:
            current = dict(self.current)
        loads = Loads(self.instance)
        for ci, k in current.items():
            if ci not in freed:
                loads.add(self.instance.placements[k])
        return current, loads

    def current_copy(self) -> dict[int, int]:
        with self.lock:
            return dict(self.current)

    def commit(self, freed: set[int], chosen: list[int]) -> None:
        placements = self.instance.placements
        with self.lock:
            self.counts["lns_steps"] += 1
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
            if after > before:
                self.counts["lns_improving"] += 1

    def done(self) -> bool:
        return self.upper is not None and self.score >= self.upper


def _search(
    shared: _Shared,
    hoods: Neighbourhoods,
    deadline: float,
    seed: int,
    stop: threading.Event | None,
    steps: int | None,
) -> None:
    instance, placements = shared.instance, shared.instance.placements
    rng = random.Random(seed)  # noqa: S311 - search diversity, not secrets
    size = START_SIZE
    # How often each kind of neighbourhood has improved lately (a moving
    # average): binding ones first, the others more as those stop paying.
    rate = {"binding": BINDING_SHARE, "group": 1 - BINDING_SHARE}
    made = 0
    while time.perf_counter() < deadline - 0.05 and not shared.done():
        if stop is not None and stop.is_set():
            return
        if steps is not None and made >= steps:
            return
        made += 1
        share = rate["binding"] / (rate["binding"] + rate["group"])
        if rng.random() < min(0.95, max(0.1, share)):
            kind = "binding"
            freed, centre = hoods.pick_binding(rng, size, shared.current_copy())
        else:
            kind = "group"
            freed, centre = hoods.pick(rng, size)
        current, loads = shared.snapshot(freed)
        hint = {current[ci] for ci in freed if ci in current}
        keep = hoods.offer(freed, centre, hint)
        left = deadline - time.perf_counter()
        sub = solve_subset(
            instance,
            keep,
            loads.free,
            hint=hint,
            time_limit_s=left if steps is not None else min(STEP_SECONDS, left),
            workers=1,
            seed=rng.randrange(1 << 30),
            presolve=False,
            work_limit=None if steps is None else STEP_WORK,
        )
        if sub is None or sub.infeasible:
            size = max(20, int(size * 0.8))
            rate[kind] *= 1 - RATE_MEMORY
            continue
        gain = sum(placements[k].value for k in sub.chosen) - sum(
            placements[k].value for k in hint
        )
        rate[kind] = (1 - RATE_MEMORY) * rate[kind] + RATE_MEMORY * (gain > 0)
        if gain >= 0:
            shared.commit(freed, sub.chosen)
        size = min(400, int(size * 1.15)) if sub.optimal else max(20, int(size * 0.85))


BINDING_SHARE = 0.9  # share of steps that free cases where capacity binds, at first
RATE_MEMORY = 0.1  # weight of the last step in each kind's success rate
PAIR_SHARE = 0.25  # share of those centred on two neighbouring providers
