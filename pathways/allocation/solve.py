"""The exact allocator: LP bound, LP-guided start, neighbourhood search, CP-SAT.

1. Enumerate placements (case, provider, start) that are feasible alone and
   add to the score (instance.py).
2. Solve the LP relaxation (relax.py) for a proven bound and reduced values.
   With two or more workers, the LP is solved in a thread (GLOP releases
   the GIL) while the neighbourhood search on the other worker(s) improves
   the rounding of the LP's first round, guided by its prices (the greedy
   plan if that round is slow); it stops when the LP is done.
3. Take the best of that plan and an LP rounding; on small problems also try
   CP-SAT on the cases the LP leaves fractional (the integral ones kept as
   the LP placed them).
4. Reduced-cost fixing: a placement whose reduced-value loss exceeds
   bound - (incumbent + 1) is in no better allocation, so it is dropped; a
   case whose omission loses more than that must be placed.
5. When the restricted model is small, CP-SAT solves it outright; otherwise
   large-neighbourhood search (lns.py) improves the incumbent first. The
   proven bound is min(LP bound, max(incumbent, restricted CP-SAT bound),
   provider decomposition bound); the last (bound.py) is worked out in a
   thread during the search on large problems with two or more workers and
   at least BOUND_MIN_SECONDS left after the LP.

With `work_limit` the run is deterministic: one thread, CP-SAT capped by
its deterministic time (work) and the neighbourhood search by a number of
steps, the work shared out between the phases as the time is otherwise. The
same input then gives the same plan on any machine, as long as the run ends
before `time_limit_s`, which stays the promise (stats "wall_clock_cut" says
when it did not).
"""

from __future__ import annotations

import threading
import time

from .assemble import build_result
from .bound import provider_bound
from .cpsat import solve_subset
from .greedy import greedy_placements, solve_greedy
from .improve import fill, round_lp
from .instance import Instance, Loads
from .lns import MIN_STEP_SECONDS, STEP_WORK, Neighbourhoods, improve
from .model import Problem, Result
from .relax import Relaxation, solve_relaxation

METHODS = ("cp-sat", "greedy")
SEARCH_FIRST = 1500  # above this many placements, search before solving whole
EXACT_LIMIT = 6000  # placements in a restricted model that CP-SAT solves whole
# Seconds left after the LP for the provider bound to run beside the search:
# on gen-500-t1.0 with 10 s it tightened the bound by ~0.05% and cost the
# search ~0.6% of score (both measured at load 8).
BOUND_MIN_SECONDS = 15.0
# With two or more workers, the search beside the LP waits for the LP's first
# round (whose rounding beat the greedy plan searched alone, and whose prices
# guide it) for at most this share of the time left.
FIRST_ROUND_SHARE = 0.3


def solve(
    problem: Problem,
    *,
    time_limit_s: float = 10.0,
    workers: int = 2,
    method: str = "cp-sat",
    seed: int = 0,
    work_limit: float | None = None,
) -> Result:
    """Best allocation found within the time limit, with a proven bound;
    with `work_limit` (CP-SAT deterministic seconds), reproducibly so."""
    if method not in METHODS:
        raise ValueError(f"method {method!r} is not one of {', '.join(METHODS)}")
    started = time.perf_counter()
    instance = Instance(problem)
    if method == "greedy":
        return solve_greedy(problem, instance)
    deadline = started + time_limit_s - 0.1
    if work_limit is not None:
        workers = 1  # threads racing each other would make the plan vary
    run = _Run(instance, deadline, workers, seed, work_limit)
    run.start()
    run.search()
    if work_limit is not None:
        run.stats["work_limit"] = work_limit
        # Every early stop on the clock happens within MIN_STEP_SECONDS of
        # the deadline, so a run that ended before then was not cut short.
        run.stats["wall_clock_cut"] = time.perf_counter() >= deadline - MIN_STEP_SECONDS
    return build_result(
        instance,
        run.incumbent,
        bound=run.bound(),
        method="cp-sat",
        started=started,
        extra=run.stats,
    )


class _Run:
    def __init__(
        self,
        instance: Instance,
        deadline: float,
        workers: int,
        seed: int,
        work: float | None = None,
    ):
        self.instance, self.deadline = instance, deadline
        self.workers, self.seed = workers, seed
        self.work = work  # deterministic seconds not yet given out, or None
        self.incumbent = greedy_placements(instance)
        self.relaxation: Relaxation | None = None
        self.proven: int | None = None  # bound proven by CP-SAT
        self.hoods: Neighbourhoods | None = None  # built once the LP is known
        self.decomposed: int | None = None  # bound by provider decomposition
        self.stats: dict[str, object] = {
            "greedy_score": self.score(self.incumbent),
            "placements": len(instance.placements),
        }

    def score(self, chosen: list[int]) -> int:
        return sum(self.instance.placements[k].value for k in chosen)

    def offer(self, chosen: list[int]) -> None:
        if self.score(chosen) > self.score(self.incumbent):
            self.incumbent = chosen

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def limits(self, share: float, extra: float = 0.0) -> dict[str, float]:
        """A sub-solve's limits: `share` of the time left (plus `extra` s) or,
        with a work limit, that share of the work left, the wall clock then
        only the outer promise."""
        if self.work is None:
            return {"time_limit_s": min(share * self.left() + extra, self.left())}
        work = min(share * self.work + extra, self.work)
        self.work -= work
        return {"time_limit_s": self.left(), "work_limit": work}

    def steps(self, share: float) -> int | None:
        """With a work limit, the neighbourhood steps `share` of it pays for."""
        if self.work is None:
            return None
        work = share * self.work
        self.work -= work
        return int(work / STEP_WORK)

    def start(self) -> None:
        self.relaxation = self.relax_while_searching()
        if self.relaxation is None:
            return
        self.stats["lp_bound"] = self.relaxation.safe_bound
        x = self.relaxation.x
        self.offer(fill(self.instance, round_lp(self.instance, x)))
        if len(self.instance.placements) > SEARCH_FIRST:
            return  # large: the neighbourhood search does better in the time
        integral = [k for k in range(len(x)) if x[k] > 1 - 1e-6]
        loads = Loads(self.instance)
        for k in integral:
            loads.add(self.instance.placements[k])
        placed = {self.instance.placements[k].case for k in integral}
        rest = [
            k
            for k, pl in enumerate(self.instance.placements)
            if pl.case not in placed and loads.fits(pl)
        ]
        sub = solve_subset(
            self.instance,
            rest,
            loads.free,
            hint=set(),
            **self.limits(0.1, 0.2),
            workers=self.workers,
            seed=self.seed,
        )
        if sub is not None:
            self.offer(fill(self.instance, integral + sub.chosen))

    def relax_while_searching(self) -> Relaxation | None:
        """The LP relaxation; with two or more workers, the others search
        meanwhile, from the first LP round's rounding and guided by its
        prices (or, if that round is slow, from the greedy plan)."""
        # With a work limit the LP gets all the time: stopped early, it would
        # make the plan depend on the machine's speed.
        budget = (0.8 if self.work is None else 1.0) * self.left()
        if self.workers < 2 or len(self.instance.placements) <= SEARCH_FIRST:
            return solve_relaxation(self.instance, budget)
        first, done, out = threading.Event(), threading.Event(), {}

        def on_round(relaxation: Relaxation) -> None:
            out.setdefault("first", relaxation)
            first.set()

        def relax() -> None:
            try:
                out["relaxation"] = solve_relaxation(self.instance, budget, on_round)
            except BaseException as error:  # re-raised in the caller's thread
                out["error"] = error
            finally:
                first.set()
                done.set()

        thread = threading.Thread(target=relax, daemon=True)
        thread.start()
        first.wait(FIRST_ROUND_SHARE * self.left())
        loss = self.value_loss()
        if "first" in out and not done.is_set():
            loss = lp_loss(self.instance, out["first"])
            self.offer(fill(self.instance, round_lp(self.instance, out["first"].x)))
        self.incumbent = improve(
            self.instance,
            self.incumbent,
            loss,
            deadline=self.deadline,
            workers=self.workers - 1,
            seed=self.seed,
            stats=self.stats,
            stop=done,
        )
        # GLOP keeps to its own limit, but pricing its result is Python and
        # slow on a loaded machine: past the deadline, go on without the LP
        # (the thread stops on its own; its result is ignored).
        thread.join(max(0.0, self.deadline - time.perf_counter()))
        self.stats["searched_during_lp"] = self.score(self.incumbent)
        if thread.is_alive():
            self.stats["lp_late"] = True
            return None
        if "error" in out:
            raise out["error"]
        return out.get("relaxation")

    def search(self) -> None:
        bounding = self.bound_by_provider()
        self.improve_or_solve()
        if bounding is not None:
            thread, found = bounding
            # As with the LP: a late result is ignored, the run is not.
            thread.join(max(0.0, self.deadline - time.perf_counter()))
            if not thread.is_alive() and "bound" in found:
                self.decomposed = found["bound"]
                self.stats["provider_bound"] = found["bound"]
                self.stats["providers_tightened"] = found["tightened"]

    def bound_by_provider(self) -> tuple[threading.Thread, dict] | None:
        """On large problems with two or more workers, tighten the bound by
        decomposition (bound.py) in a thread while the search goes on."""
        relax = self.relaxation
        if relax is None or self.workers < 2:
            return None
        if len(self.instance.placements) <= SEARCH_FIRST:
            return None  # CP-SAT solves these whole and proves its own bound
        if self.left() < BOUND_MIN_SECONDS:
            return None  # short runs: the search needs the CPU more

        found: dict[str, int] = {}

        def run() -> None:
            found["bound"], found["tightened"] = provider_bound(
                self.instance, relax, deadline=self.deadline, seed=self.seed
            )

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread, found

    def improve_or_solve(self) -> None:
        keep, forced = self.restrict()
        if len(keep) > SEARCH_FIRST:
            steps = self.steps(0.5)  # None without a work limit
            if steps is None:
                self.neighbourhood_search(self.deadline - 0.5 * self.left(), None)
            else:
                self.neighbourhood_search(self.deadline, steps)
            keep, forced = self.restrict()
        self.stats["kept"] = len(keep)
        if len(keep) > EXACT_LIMIT:
            self.neighbourhood_search(self.deadline, self.steps(1.0))
        else:
            self.exact(keep, forced)

    def neighbourhood_search(self, deadline: float, steps: int | None) -> None:
        """Improve the incumbent; placements are offered by LP reduced-value
        loss, or by value loss when the LP did not finish in time."""
        if deadline - time.perf_counter() < MIN_STEP_SECONDS:
            return  # too short for a step: building the neighbourhoods would overrun
        relax = self.relaxation
        if self.hoods is None:
            if relax is not None:
                loss = lp_loss(self.instance, relax)
            else:
                loss = self.value_loss()
            self.hoods = Neighbourhoods(self.instance, loss)
        self.incumbent = improve(
            self.instance,
            self.incumbent,
            self.hoods,
            deadline=deadline,
            workers=self.workers,
            seed=self.seed + len(self.incumbent),
            upper=relax.safe_bound if relax is not None else None,
            stats=self.stats,
            steps=steps,
        )

    def value_loss(self) -> list[float]:
        """Per placement: how much less it scores than its case's best."""
        placements = self.instance.placements
        best = [0] * len(self.instance.by_case)
        for pl in placements:
            best[pl.case] = max(best[pl.case], pl.value)
        return [best[pl.case] - pl.value for pl in placements]

    def exact(self, keep: list[int], forced: set[int]) -> None:
        """Solve the restricted model whole; it holds every better allocation."""
        if self.left() <= 0:
            return  # no time left: building the model alone would overrun
        upper = self.relaxation.safe_bound if self.relaxation else None
        sub = solve_subset(
            self.instance,
            keep,
            Loads(self.instance).free,
            hint=set(self.incumbent),
            forced=forced,
            upper=upper,
            **self.limits(1.0),
            workers=self.workers,
            seed=self.seed,
        )
        if sub is None:
            return
        if sub.infeasible:
            self.proven = self.score(self.incumbent)
            return
        self.offer(sub.chosen)
        if sub.bound is not None:
            self.proven = max(self.score(self.incumbent), sub.bound)

    def restrict(self) -> tuple[list[int], set[int]]:
        """Placements (and must-place cases) of any allocation that beats the
        incumbent, by the LP reduced values."""
        placements = self.instance.placements
        if self.relaxation is None:
            return list(range(len(placements))), set()
        relax = self.relaxation
        slack = relax.bound - (self.score(self.incumbent) + 1)
        slack += 1e-7 * abs(relax.bound) + 1e-6
        keep = set(self.incumbent)
        for k, pl in enumerate(placements):
            if relax.best[pl.case] - relax.reduced[k] <= slack:
                keep.add(k)
        forced = {
            ci
            for ci, ks in enumerate(self.instance.by_case)
            if ks and relax.best[ci] > slack
        }
        return sorted(keep), forced

    def bound(self) -> int:
        candidates = [
            b for b in (self.proven, self._lp(), self.decomposed) if b is not None
        ]
        if not candidates:
            candidates = [_trivial_bound(self.instance)]
        return max(min(candidates), self.score(self.incumbent))

    def _lp(self) -> int | None:
        return self.relaxation.safe_bound if self.relaxation else None


def lp_loss(instance: Instance, relax: Relaxation) -> list[float]:
    """Per placement: how much less its LP reduced value is than its case's
    best (0 for the placements the LP prices best)."""
    return [
        relax.best[pl.case] - rc
        for pl, rc in zip(instance.placements, relax.reduced, strict=True)
    ]


def _trivial_bound(instance: Instance) -> int:
    best: dict[int, int] = {}
    for pl in instance.placements:
        best[pl.case] = max(best.get(pl.case, 0), pl.value)
    return sum(best.values())
