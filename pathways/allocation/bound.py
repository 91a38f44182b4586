"""A bound tighter than the LP's: Lagrangian decomposition by provider.

Relax "each case is placed at most once" with a price u_c >= 0 per case;
what is left splits into one problem per provider: choose, among the cases
it could take (each at most once), the starts that fit its capacity and
earn most after the prices,

    bound(u) = sum over cases of u_c
             + sum over providers p of  max  sum over chosen k at p of (value_k - u_c).

That is an upper bound for any u >= 0. Each provider's problem keeps its
integer capacity rows (a multi-day knapsack), so it holds every cover cut per
provider, band and day that the LP misses. With u from the LP (each case's
best reduced value) it is never weaker than the LP: a provider's problem is
worth at most its capacity at the dual prices (`Relaxation.priced`), which
is what the LP bound counts for it, so that is used for a provider whose
problem CP-SAT does not bound better in the time.

Valid whatever the solver does: profits are rounded *up* to hundredths
before CP-SAT sees them, and CP-SAT's proven bound (not its solution) is
what is added.
"""

from __future__ import annotations

import math
import threading
import time

from ortools.sat.python import cp_model

from .instance import Instance
from .relax import Relaxation

SCALE = 100  # profits in hundredths, rounded up
PROVIDER_SECONDS = 1.0  # at most per provider


def provider_bound(
    instance: Instance,
    relax: Relaxation,
    *,
    deadline: float,
    workers: int = 1,
    seed: int = 0,
) -> tuple[int, int]:
    """(bound, providers whose problem CP-SAT bounded below its LP share).

    The bound is floored after a float allowance, like the LP's, and is
    never above it."""
    u = relax.best
    items: list[list[tuple[int, int]]] = [[] for _ in instance.problem.providers]
    for k, pl in enumerate(instance.placements):
        profit = pl.value - u[pl.case]
        if profit > 1e-9:
            items[pl.provider].append((k, math.ceil(profit * SCALE)))
    part = list(relax.priced)  # the LP's share per provider, improved below
    order = sorted(range(len(items)), key=lambda pi: -part[pi])
    lock, tightened = threading.Lock(), [0]

    def work(offset: int) -> None:
        for n in range(offset, len(order), max(1, workers)):
            pi = order[n]
            if time.perf_counter() >= deadline - 0.05:
                return
            if not items[pi]:
                value = 0.0
            else:
                value = _provider_problem(instance, pi, items[pi], deadline, seed)
                if value is None:
                    continue
            with lock:
                if value < part[pi]:
                    part[pi] = value
                    tightened[0] += 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(max(1, workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = sum(u) + sum(part)
    safe = math.floor(total + 1e-9 * abs(total) + 1e-6)
    return min(safe, relax.safe_bound), tightened[0]


def _provider_problem(
    instance: Instance,
    pi: int,
    items: list[tuple[int, int]],
    deadline: float,
    seed: int,
) -> float | None:
    """CP-SAT's proven bound on the provider's priced problem, or None."""
    placements = instance.placements
    model = cp_model.CpModel()
    x = [model.new_bool_var("") for _ in items]
    per_case: dict[int, list] = {}
    rows: dict[tuple[int, int], list] = {}
    for var, (k, _) in zip(x, items, strict=True):
        pl = placements[k]
        per_case.setdefault(pl.case, []).append(var)
        for b, use in pl.uses:
            for d in range(pl.start, pl.end):
                rows.setdefault((b, d), []).append((use, var))
    for options in per_case.values():
        if len(options) > 1:
            model.add_at_most_one(options)
    for (b, d), terms in rows.items():
        cap = instance.cap[pi][b][d]
        if sum(use for use, _ in terms) > cap:
            model.add(sum(use * var for use, var in terms) <= cap)
    model.maximize(sum(profit * var for var, (_, profit) in zip(x, items, strict=True)))
    left = min(PROVIDER_SECONDS, deadline - time.perf_counter())
    if left <= 0.01:
        return None
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = left
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solver.best_objective_bound / SCALE
