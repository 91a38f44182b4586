"""CP-SAT over a chosen set of placements, against (residual) capacity."""

from __future__ import annotations

import math
import time
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
    presolve: bool = True,
    work_limit: float | None = None,
) -> SubResult | None:
    """Best subset of `keep` (at most one per case, exactly one for `forced`
    cases) that fits in `free[provider][band][day]`; None if nothing found.

    `time_limit_s` counts from the call: building a big model takes time of
    its own, so CP-SAT is given what is left of it when the model is built,
    and nothing is solved if the build used it all. `presolve=False` suits
    the small models of the neighbourhood search: presolve took about half
    their time and they were proven optimal more often without it.
    `work_limit` caps CP-SAT's deterministic time as well: with one worker
    the answer then depends on the input alone, not on the machine's speed
    (unless the wall-clock limit ends the solve first)."""
    deadline = time.perf_counter() + time_limit_s
    placements = instance.placements
    model = cp_model.CpModel()
    x = {k: model.new_bool_var("") for k in keep}
    per_case: dict[int, list] = {}
    rows: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    for n, k in enumerate(keep):
        if n % 2000 == 0 and time.perf_counter() >= deadline:
            return None
        pl = placements[k]
        per_case.setdefault(pl.case, []).append(x[k])
        for b, use in pl.uses:
            for d in range(pl.start, pl.end):
                rows.setdefault((pl.provider, b, d), []).append((use, x[k].index))
    for ci, options in per_case.items():
        if ci in forced:
            model.add_exactly_one(options)
        elif len(options) > 1:
            model.add_at_most_one(options)
    if time.perf_counter() >= deadline:
        return None
    # Capacity rows straight into the model's proto: building them as Python
    # expressions took most of the time on a 500-case problem.
    proto = model.proto
    for n, ((pi, b, d), terms) in enumerate(rows.items()):
        if n % 500 == 0 and time.perf_counter() >= deadline:
            return None
        cap = free[pi][b][d]
        if sum(use for use, _ in terms) > cap:
            row = proto.constraints.add().linear
            row.vars.extend([var for _, var in terms])
            row.coeffs.extend([use for use, _ in terms])
            row.domain.extend([-cp_model.INT_MAX, cap])
    xs = [x[k] for k in keep]
    objective = cp_model.LinearExpr.weighted_sum(
        xs, [placements[k].value for k in keep]
    )
    if upper is not None:
        model.add(objective <= upper)
    model.maximize(objective)
    if time.perf_counter() >= deadline:
        return None
    for k in keep:
        model.add_hint(x[k], k in hint)
    left = deadline - time.perf_counter()
    if left <= 0.01:
        return None
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = left
    if work_limit is not None:
        solver.parameters.max_deterministic_time = work_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.cp_model_presolve = presolve
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
