"""Run the search within a time limit, on one or several worker processes.

Every worker builds the same start and searches with its own seed until the shared
deadline; the parent keeps the cheapest plan. The deadline leaves a margin so that the
whole call returns within the time limit (never more than a second over).
"""

from __future__ import annotations

import multiprocessing as mp
import time

from .alns import alns
from .core import Core
from .search import State, construct, deadline_from


def optimise(
    core: Core,
    obj,
    time_limit_s: float,
    workers: int = 1,
    seed: int = 0,
    routes=None,
    search: bool = True,
    max_iterations=None,
    also=None,
):
    """Best State found, and stats {seconds, iterations, workers}."""
    began = time.monotonic()
    deadline = deadline_from(time_limit_s)
    workers = max(1, int(workers))
    if max_iterations is not None:  # repeatable: one process, a fixed amount of work
        workers = 1
    if workers == 1 or not search or "fork" not in mp.get_all_start_methods():
        state, iterations, tried = _work(
            core, obj, deadline, seed, routes, search, max_iterations, also
        )
        return state, _stats(began, iterations, 1, tried)
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    procs = [
        ctx.Process(
            target=_child,
            args=(core, obj, deadline, seed + w, routes, queue),
            daemon=True,
        )
        for w in range(1, workers)
    ]
    for proc in procs:
        proc.start()
    best, iterations, tried = _work(
        core, obj, deadline, seed, routes, search, None, also
    )
    for _ in procs:
        remaining = deadline + 0.25 - time.monotonic()
        try:
            cost, got_routes, its = queue.get(timeout=max(0.01, remaining))
        except Exception:  # a worker that missed the deadline is simply ignored
            break
        iterations += its
        if cost < best.cost - 1e-9:
            s = core.schedule(got_routes)
            if s is not None:
                unplaced = {t for r in got_routes for t in r}
                unassigned = {
                    u for u, m in enumerate(core.units) if m[0] not in unplaced
                }
                best = State(core, got_routes, s, unassigned, cost)
    for proc in procs:
        proc.join(timeout=0.05)
        if proc.is_alive():
            proc.kill()
    return best, _stats(began, iterations, workers, tried)


def _work(core, obj, deadline, seed, routes, search, max_iterations=None, also=None):
    obj.tune(core)
    state = construct(core, obj, deadline, routes=routes)
    tried = state.tried_all
    if also is not None and also.cost < state.cost:  # a better start (the baseline)
        state = also.copy()
        tried = True
    if not search:
        return state, 0, tried
    best, iterations = alns(core, obj, state, deadline, seed, max_iterations)
    return best, iterations, tried


def _child(core, obj, deadline, seed, routes, queue, also=None):
    state, iterations, _tried = _work(
        core, obj, deadline, seed, routes, True, None, also
    )
    queue.put((state.cost, state.routes, iterations))


def _stats(began, iterations, workers, tried_all=True):
    return {
        "tried_all": tried_all,
        "seconds": round(time.monotonic() - began, 3),
        "iterations": iterations,
        "workers": workers,
    }
