"""The exact allocator: LP bound and rounding, reduced-cost fixing, CP-SAT.

1. Enumerate placements (case, provider, start) that are feasible alone and
   add to the score.
2. Solve the LP relaxation (relax.py) for a proven bound and reduced values.
3. Start from the better of the greedy baseline and an LP rounding.
4. Reduced-cost fixing: a placement whose reduced-value loss exceeds
   bound - (incumbent + 1) cannot be part of any better allocation, so it is
   dropped. The restricted model still contains every better allocation.
5. CP-SAT on the restricted model, hinted with the incumbent. The proven
   bound is min(LP bound, max(incumbent, CP-SAT bound)).
"""

from __future__ import annotations

import math
import time

from ortools.sat.python import cp_model

from .assemble import build_result
from .greedy import greedy_placements, solve_greedy
from .improve import fill, round_lp
from .instance import Instance
from .model import Problem, Result
from .relax import Relaxation, solve_relaxation

METHODS = ("cp-sat", "greedy")


def solve(
    problem: Problem,
    *,
    time_limit_s: float = 10.0,
    workers: int = 2,
    method: str = "cp-sat",
    seed: int = 0,
) -> Result:
    """Best allocation found within the time limit, with a proven bound."""
    if method not in METHODS:
        raise ValueError(f"method {method!r} is not one of {', '.join(METHODS)}")
    started = time.perf_counter()
    instance = Instance(problem)
    if method == "greedy":
        return solve_greedy(problem, instance)
    deadline = started + time_limit_s
    incumbent = greedy_placements(instance)
    greedy_score = _score(instance, incumbent)
    relaxation = solve_relaxation(instance, 0.6 * time_limit_s)
    stats: dict[str, object] = {"greedy_score": greedy_score}
    if relaxation is not None:
        rounded = fill(instance, round_lp(instance, relaxation.x))
        if _score(instance, rounded) > _score(instance, incumbent):
            incumbent = rounded
        stats["lp_bound"] = relaxation.safe_bound
    keep = _restrict(instance, relaxation, incumbent)
    stats["placements"] = len(instance.placements)
    stats["kept"] = len(keep)
    chosen, cp_bound = _cp_sat(
        instance,
        keep,
        incumbent,
        upper=relaxation.safe_bound if relaxation else None,
        time_limit_s=max(0.05, deadline - time.perf_counter() - 0.05),
        workers=workers,
        seed=seed,
    )
    score = _score(instance, chosen)
    bound = max(_score(instance, incumbent), cp_bound)
    if relaxation is not None:
        bound = min(bound, relaxation.safe_bound)
    bound = max(bound, score)
    return build_result(
        instance, chosen, bound=bound, method="cp-sat", started=started, extra=stats
    )


def _score(instance: Instance, chosen: list[int]) -> int:
    return sum(instance.placements[k].value for k in chosen)


def _restrict(
    instance: Instance, relaxation: Relaxation | None, incumbent: list[int]
) -> list[int]:
    """Placements that some allocation better than the incumbent might use."""
    if relaxation is None:
        return list(range(len(instance.placements)))
    slack = relaxation.bound - (_score(instance, incumbent) + 1)
    slack += 1e-7 * abs(relaxation.bound) + 1e-6
    keep = set(incumbent)
    for k, pl in enumerate(instance.placements):
        if relaxation.best[pl.case] - relaxation.reduced[k] <= slack:
            keep.add(k)
    return sorted(keep)


def _cp_sat(
    instance: Instance,
    keep: list[int],
    incumbent: list[int],
    *,
    upper: int | None,
    time_limit_s: float,
    workers: int,
    seed: int,
) -> tuple[list[int], int]:
    """Best placements in the restricted model and its proven bound."""
    placements = instance.placements
    model = cp_model.CpModel()
    x = {k: model.new_bool_var(f"x{k}") for k in keep}
    per_case: dict[int, list] = {}
    rows: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    for k in keep:
        pl = placements[k]
        per_case.setdefault(pl.case, []).append(x[k])
        for b, use in pl.uses:
            for d in range(pl.start, pl.end):
                rows.setdefault((pl.provider, b, d), []).append((use, k))
    for vars_ in per_case.values():
        if len(vars_) > 1:
            model.add_at_most_one(vars_)
    for (pi, b, d), terms in rows.items():
        cap = instance.cap[pi][b][d]
        if sum(use for use, _ in terms) > cap:
            model.add(sum(use * x[k] for use, k in terms) <= cap)
    objective = sum(placements[k].value * x[k] for k in keep)
    if upper is not None:
        model.add(objective <= upper)
    model.maximize(objective)
    chosen = set(incumbent)
    for k in keep:
        model.add_hint(x[k], k in chosen)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return incumbent, upper if upper is not None else _total(instance)
    found = [k for k in keep if solver.boolean_value(x[k])]
    if sum(placements[k].value for k in found) < _score(instance, incumbent):
        found = incumbent
    return found, math.floor(solver.best_objective_bound + 1e-6)


def _total(instance: Instance) -> int:
    best: dict[int, int] = {}
    for pl in instance.placements:
        best[pl.case] = max(best.get(pl.case, 0), pl.value)
    return sum(best.values())
