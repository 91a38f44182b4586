"""Adaptive large neighbourhood search: remove a few units (random, worst, related by
time and place, or a whole run; with whatever is linked to them), put them back at
their cheapest places (search.py), keep the change when it is better or not much
worse (a threshold that shrinks to zero as time runs out); when nothing better has
come for a while, shake the best plan hard and carry on from there."""

from __future__ import annotations

import random
import time

from .core import Core
from .search import Objective, State, insert_all, run_of_tasks


def _movable_units(core, state):
    seen = set()
    for r in state.routes:
        for t in r:
            u = core.unit_of[t]
            if u >= 0 and core.pinned[t] < 0:
                seen.add(u)
    return sorted(seen)


def remove_random(core, state, q, rng):
    units = _movable_units(core, state)
    return rng.sample(units, min(q, len(units)))


def remove_related(core, state, q, rng):
    units = _movable_units(core, state)
    if not units:
        return []
    seed = rng.choice(units)
    ts = core.units[seed][0]
    s, loc, travel = state.s, core.location, core.travel

    def related(u):
        t = core.units[u][0]
        return abs(s[t] - s[ts]) + travel[loc[ts]][loc[t]] + rng.random() * 10

    units.sort(key=related)
    return units[:q]


def remove_worst(core, state, q, rng):
    units = _movable_units(core, state)
    where = run_of_tasks(state.routes, core.n_tasks)
    travel, loc, s = core.travel, core.location, state.s
    score = {}
    for v, r in enumerate(state.routes):
        places = [core.base[v]] + [loc[t] if loc[t] >= 0 else -1 for t in r]
        places.append(core.base[v])
        for idx, t in enumerate(r):
            u = core.unit_of[t]
            if u < 0:
                continue
            prev = next(x for x in reversed(places[: idx + 1]) if x >= 0)
            nxt = next(x for x in places[idx + 2 :] if x >= 0)
            detour = travel[prev][loc[t]] + travel[loc[t]][nxt] - travel[prev][nxt]
            late = max(0.0, s[t] - core.due[t])
            score[u] = score.get(u, 0.0) + detour + late
    del where
    units.sort(key=lambda u: -score.get(u, 0.0) * (0.7 + 0.6 * rng.random()))
    return units[:q]


def remove_run(core, state, q, rng):
    busy = [
        v for v, r in enumerate(state.routes) if any(core.unit_of[t] >= 0 for t in r)
    ]
    if not busy:
        return []
    v = rng.choice(busy)
    units = {core.unit_of[t] for t in state.routes[v] if core.unit_of[t] >= 0}
    units = {u for u in units if all(core.pinned[t] < 0 for t in core.units[u])}
    return sorted(units)[: max(q, 1)]


# Most units taken out at once: a fifth of them, at most 30; on a plan of more
# than BIG units at most the objective's `q_big` (see search.Objective).
BIG = 100
OPERATORS = (remove_random, remove_related, remove_worst, remove_run)


def take_out(core, state, units):
    """Remove these units, and the units linked to them (so a linked pair can move
    together: neither half could move alone past the gap the other holds it to)."""
    units = set(units)
    for u in list(units):
        for t in core.units[u]:
            for k in core.links_of[t]:
                i, j, _mn, _mx = core.links[k]
                other = core.unit_of[j if i == t else i]
                if other >= 0 and all(core.pinned[m] < 0 for m in core.units[other]):
                    units.add(other)
    gone = {t for u in units for t in core.units[u]}
    state.routes = [[t for t in r if t not in gone] for r in state.routes]
    state.unassigned |= set(units)
    state.s = core.schedule(state.routes)
    return state


def alns(
    core: Core, obj: Objective, state: State, deadline, seed=0, max_iterations=None
):
    """Improve `state` until the deadline (or after `max_iterations`, which makes a
    run repeatable whatever the machine's load); return (best state, iterations)."""
    rng = random.Random(seed)  # noqa: S311 (search moves, not secrets)
    best = state.copy()
    current = state.copy()
    n_units = len(core.units)
    if not _movable_units(core, state) and not state.unassigned:
        return best, 0
    weights = [1.0] * len(OPERATORS)
    begin = time.monotonic()
    span = max(deadline - begin, 1e-3)
    ref = max(1.0, best.cost - obj.w_uncovered * len(best.unassigned))
    iterations = 0
    q_max = max(2, min(obj.q_big if n_units > BIG else 30, int(0.2 * n_units)))
    stale, patience = 0, max(150, 4 * n_units)
    while time.monotonic() < deadline:
        if max_iterations is not None and iterations >= max_iterations:
            break
        iterations += 1
        k = rng.choices(range(len(OPERATORS)), weights)[0]
        q = rng.randint(min(2, q_max), q_max)
        kick = stale >= patience  # stuck: shake the best plan hard, take what comes
        if kick:
            stale, k, q = 0, 0, max(q_max, int(0.4 * n_units))
        trial = (best if kick else current).copy()
        units = OPERATORS[k](core, trial, q, rng)
        if not units:
            continue
        take_out(core, trial, units)
        if trial.s is None:
            continue
        redo = sorted(trial.unassigned, key=lambda u: rng.random())
        if rng.random() < 0.5:
            redo.sort(key=lambda u: core.earliest[core.units[u][0]])
        insert_all(core, obj, trial, redo, deadline)
        if max_iterations is None:
            frac = 1.0 - (time.monotonic() - begin) / span
        else:
            frac = 1.0 - iterations / max_iterations
        threshold = 0.02 * ref * max(0.0, frac) ** 2
        reward = 0.0
        stale += 1
        if kick:
            current = trial
        if trial.cost < best.cost - 1e-9:
            best = trial.copy()
            reward = 3.0
            stale = 0
        if trial.cost < current.cost - 1e-9:
            reward = max(reward, 1.0)
        if trial.cost <= current.cost + threshold:
            current = trial
            reward = max(reward, 0.3)
        weights[k] = 0.9 * weights[k] + 0.1 * (0.2 + reward)
        if current.cost > best.cost + threshold and rng.random() < 0.01:
            current = best.copy()
    return best, iterations
