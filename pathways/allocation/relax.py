"""LP relaxation: a proven upper bound, reduced costs and fractional values.

The LP is written in "started-by" form: for each case/provider pair with
allowed starts s_1 < ... < s_k, z_i is the share of the case started with
that provider by s_i (z_1 <= ... <= z_k). The case is active on day d with
z[last start <= d] - z[last start <= d - length], so each capacity row holds
two entries per pair instead of one per start.

The bound is not GLOP's objective but the Lagrangian value of its capacity
duals y >= 0:  sum y*cap + sum over cases of max(0, best reduced value).
That is a valid upper bound for *any* y >= 0, so solver tolerances cannot
make it wrong; it is floored after a tiny float allowance.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from ortools.linear_solver import pywraplp

from .instance import Instance

WINDOW = 1  # starts per case/provider pair in the first LP round
# Column generation stops once the priced bound is within this share of the
# restricted LP's value (a lower bound on the full LP's): the rounds after
# that moved the bound by under 0.05% on gen-500-t1.0 and cost ~1 s each,
# time the neighbourhood search then has both cores for.
CLOSE_ENOUGH = 1e-3


@dataclass
class Relaxation:
    bound: float  # Lagrangian value, before flooring
    safe_bound: int  # floor, after a float allowance
    reduced: list[float]  # reduced value of every placement
    best: list[float]  # per case: max(0, best reduced value)
    x: list[float]  # LP value of every placement
    priced: list[float]  # per provider: its capacity at the dual prices
    value: float = 0.0  # the restricted LP's objective (columns so far)


def _pairs(instance: Instance) -> dict[tuple[int, int], list[int]]:
    pairs: dict[tuple[int, int], list[int]] = {}
    for k, pl in enumerate(instance.placements):
        pairs.setdefault((pl.case, pl.provider), []).append(k)
    for ks in pairs.values():
        ks.sort(key=lambda k: instance.placements[k].start)
    return pairs


def solve_relaxation(
    instance: Instance,
    time_limit_s: float,
    on_round: Callable[[Relaxation], None] | None = None,
) -> Relaxation | None:
    """Column generation: solve the LP over each pair's first WINDOW starts,
    price every placement with its duals, widen the pairs holding a placement
    that beats its case's best, and solve again. Every round's priced bound is
    valid; the last round (the tightest, normally) is kept. It stops early
    when the bound is within CLOSE_ENOUGH of the restricted LP's value, since
    no more columns can then lower it by more than that. `on_round` is
    called with each round's relaxation as soon as it is priced."""
    deadline = time.perf_counter() + time_limit_s
    pairs = list(_pairs(instance).values())
    placements = instance.placements
    first = [placements[ks[0]].start for ks in pairs]
    width = [WINDOW] * len(pairs)
    best = None
    while True:
        cols = [
            [k for k in ks if placements[k].start < s0 + w]
            for ks, s0, w in zip(pairs, first, width, strict=True)
        ]
        relax = _solve_lp(instance, cols, deadline)
        if relax is None:
            return best
        if best is None or relax.bound <= best.bound:
            best = relax
        if on_round is not None:
            on_round(relax)
        widen = [
            i
            for i, ks in enumerate(pairs)
            if len(cols[i]) < len(ks)
            and any(
                relax.reduced[k] > relax.best[placements[k].case] - 1e-9
                for k in ks[len(cols[i]) :]
            )
        ]
        if relax.bound - relax.value <= CLOSE_ENOUGH * abs(relax.bound):
            return best
        if not widen or time.perf_counter() > deadline:
            return best
        for i in widen:
            width[i] = instance.days


def _solve_lp(instance: Instance, pairs: list[list[int]], deadline: float):
    """The LP over `pairs`, or None when it cannot be built and solved to
    optimality by `deadline` (a time.perf_counter() value): building the
    model in Python is itself slow on big problems, so the clock is read
    while building, and GLOP gets only what is left."""
    if time.perf_counter() >= deadline:
        return None
    solver = pywraplp.Solver.CreateSolver("GLOP")
    placements = instance.placements
    rows: dict[tuple[int, int, int], list] = {}
    pair_vars = []
    objective = solver.Objective()
    case_rows: dict[int, pywraplp.Constraint] = {}
    for n, ks in enumerate(pairs):
        if n % 500 == 0 and time.perf_counter() >= deadline:
            return None
        ci = placements[ks[0]].case
        z = [solver.NumVar(0.0, 1.0, "") for _ in ks]
        pair_vars.append((ks, z))
        for i in range(1, len(z)):
            solver.Add(z[i - 1] <= z[i])
        if ci not in case_rows:
            case_rows[ci] = solver.Constraint(-solver.infinity(), 1.0)
        case_rows[ci].SetCoefficient(z[-1], 1.0)
        values = [placements[k].value for k in ks] + [0]
        for i, var in enumerate(z):
            objective.SetCoefficient(var, values[i] - values[i + 1])
        _add_loads(instance, rows, ks, z)
    cap_rows = {}
    for (pi, b, d), terms in rows.items():
        cap = instance.cap[pi][b][d]
        if sum(c for c, _ in terms if c > 0) <= cap:
            continue  # can never bind
        row = solver.Constraint(-solver.infinity(), cap)
        for coef, var in terms:
            row.SetCoefficient(var, row.GetCoefficient(var) + coef)
        cap_rows[pi, b, d] = row
    objective.SetMaximization()
    left = deadline - time.perf_counter()
    if left <= 0:
        return None
    solver.SetTimeLimit(max(1, int(left * 1000)))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    duals = {key: max(0.0, row.dual_value()) for key, row in cap_rows.items()}
    x = [0.0] * len(placements)
    for ks, z in pair_vars:
        previous = 0.0
        for k, var in zip(ks, z, strict=True):
            x[k] = max(0.0, var.solution_value() - previous)
            previous = var.solution_value()
    relaxation = lagrangian(instance, duals, x)
    relaxation.value = solver.Objective().Value()
    return relaxation


def _add_loads(instance: Instance, rows: dict, ks: list[int], z: list) -> None:
    """Capacity terms of one pair: +use on z[last start <= d], -use on d-length."""
    placements = instance.placements
    starts = [placements[k].start for k in ks]
    pl = placements[ks[0]]
    length = instance.problem.cases[pl.case].length_days
    for d in range(starts[0], instance.days):
        on = bisect_right(starts, d) - 1
        off = bisect_right(starts, d - length) - 1
        if on == off:
            continue
        for b, use in pl.uses:
            terms = rows.setdefault((pl.provider, b, d), [])
            terms.append((use, z[on]))
            if off >= 0:
                terms.append((-use, z[off]))


def lagrangian(instance: Instance, duals: dict, x: list[float]) -> Relaxation:
    """Bound, reduced values and per-case best for capacity prices `duals`."""
    days = instance.days
    prefix: dict[tuple[int, int], list[float]] = {}
    total = 0.0
    priced = [0.0] * len(instance.problem.providers)
    for (pi, b, d), y in duals.items():
        if y > 0:
            total += y * instance.cap[pi][b][d]
            priced[pi] += y * instance.cap[pi][b][d]
            prefix.setdefault((pi, b), [0.0] * days)[d] = y
    for key, row in prefix.items():
        acc, sums = 0.0, [0.0]
        for y in row:
            acc += y
            sums.append(acc)
        prefix[key] = sums
    reduced = []
    best = [0.0] * len(instance.problem.cases)
    for pl in instance.placements:
        price = 0.0
        for b, use in pl.uses:
            sums = prefix.get((pl.provider, b))
            if sums is not None:
                price += use * (sums[pl.end] - sums[pl.start])
        rc = pl.value - price
        reduced.append(rc)
        best[pl.case] = max(best[pl.case], rc)
    bound = total + sum(best)
    safe = math.floor(bound + 1e-9 * abs(bound) + 1e-6)
    return Relaxation(bound, safe, reduced, best, x, priced)
