"""CP-SAT over a chosen set of placements, against (residual) capacity."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .instance import Instance


@dataclass
class SubResult:
    chosen: list[int]  # placement indices picked among `keep`
    bound: int | None  # proven bound on the sub-model's objective
    optimal: bool
    infeasible: bool = False  # proven: no subset meets the constraints


def solve_subset(
    instance: Instance,
    keep: list[int],
    free: list[list[list[int]]],
    *,
    hint: set[int],
    forced: set[int] = frozenset(),
    upper: int | None = None,
    time_limit_s: float,
    workers: int,
    seed: int,
) -> SubResult | None:
    """Best subset of `keep` (at most one per case, exactly one for `forced`
    cases) that fits in `free[provider][band][day]`; None if nothing found."""
    placements = instance.placements
    model = cp_model.CpModel()
    x = {k: model.new_bool_var("") for k in keep}
    per_case: dict[int, list] = {}
    rows: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    for k in keep:
        pl = placements[k]
        per_case.setdefault(pl.case, []).append(x[k])
        for b, use in pl.uses:
            for d in range(pl.start, pl.end):
                rows.setdefault((pl.provider, b, d), []).append((use, k))
    for ci, options in per_case.items():
        if ci in forced:
            model.add_exactly_one(options)
        elif len(options) > 1:
            model.add_at_most_one(options)
    for (pi, b, d), terms in rows.items():
        cap = free[pi][b][d]
        if sum(use for use, _ in terms) > cap:
            model.add(sum(use * x[k] for use, k in terms) <= cap)
    objective = sum(placements[k].value * x[k] for k in keep)
    if upper is not None:
        model.add(objective <= upper)
    model.maximize(objective)
    for k in keep:
        model.add_hint(x[k], k in hint)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit_s)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        return SubResult([], None, False, infeasible=True)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return SubResult(
        [k for k in keep if solver.boolean_value(x[k])],
        math.floor(solver.best_objective_bound + 1e-6),
        status == cp_model.OPTIMAL,
    )
