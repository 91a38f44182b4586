"""Insertion and adaptive large neighbourhood search (ALNS) over the core's runs.

Construction inserts every unit (a visit slot, or a double-handed pair) at its cheapest
place. The search then repeats: remove a few units (random, worst, related by time and
place, or a whole run), put them back at their cheapest places, keep the change when it
is better or not much worse (a threshold that shrinks to zero as time runs out). Each
place is first priced quickly on its own run, and the few cheapest are priced exactly by
the core's schedule of every run (so double-handed pairs and linked visits are exact).
"""

from __future__ import annotations

import math
import random
import time

from .core import INF, Core

TOP_K = 3


class Objective:
    """What a plan costs. The search needs `total`, `bias`, `prepare` and the weights."""

    w_travel = 1.0
    w_late = 1.0
    w_uncovered = 1e6

    def prepare(self, core: Core, routes):  # refresh what `bias` reads
        pass

    def bias(self, t: int, v: int) -> float:  # extra cost of task t on run v, roughly
        return 0.0

    def note(self, t: int, v: int):  # task t was put on run v
        pass

    def total(self, core: Core, routes, s, unassigned) -> float:
        raise NotImplementedError


class State:
    def __init__(self, core: Core, routes, s, unassigned, cost):
        self.core = core
        self.routes = routes
        self.s = s
        self.unassigned = unassigned  # set of unit indices
        self.cost = cost

    def copy(self):
        return State(
            self.core,
            [list(r) for r in self.routes],
            list(self.s),
            set(self.unassigned),
            self.cost,
        )


def run_of_tasks(routes, n):
    where = [-1] * n
    for v, r in enumerate(routes):
        for t in r:
            where[t] = v
    return where


def _lower_bound(core: Core, t, s, where):
    lb = core.earliest[t]
    p = core.partner[t]
    if p >= 0 and where[p] >= 0:
        lb = max(lb, s[p])
    for k in core.links_of[t]:
        i, j, mn, mx = core.links[k]
        if i == t and where[j] >= 0:
            lb = max(lb, s[j] - mx)
        elif j == t and where[i] >= 0:
            lb = max(lb, s[i] + mn)
    return lb


def quick_prices(core: Core, obj: Objective, t, routes, s, where, banned_groups=()):
    """(price, run, position) of every sensible place for task t, priced on its run alone."""
    travel, loc, dur, due, hard = (
        core.travel,
        core.location,
        core.duration,
        core.due,
        core.hard,
    )
    wl, wt = obj.w_late, obj.w_travel
    lt = loc[t]
    lb = _lower_bound(core, t, s, where)
    out = []
    for v in core.allowed[t]:
        if core.group[v] in banned_groups:
            continue
        r = routes[v]
        clock = core.open[v]
        here = core.base[v]
        n = len(r)
        extra = obj.bias(t, v)
        for p in range(n + 1):
            if p < n and s[r[p]] + dur[r[p]] < core.earliest[t]:
                nxt = r[p]
                if loc[nxt] >= 0:
                    clock = s[nxt] + dur[nxt]
                    here = loc[nxt]
                else:
                    clock = s[nxt] + dur[nxt]
                continue
            st = max(lb, clock + travel[here][lt])
            if st > hard[t]:
                break
            late = max(0.0, st - due[t])
            # push the rest of the run along
            c2 = st + dur[t]
            h2 = lt
            dlate = 0.0
            ok = True
            q = p
            while q < n:
                tq = r[q]
                lq = loc[tq]
                arr = c2 + (travel[h2][lq] if lq >= 0 else 0.0)
                if lq >= 0:
                    h2 = lq
                if arr <= s[tq]:
                    if lq >= 0:
                        break
                    c2 = s[tq] + dur[tq]
                    q += 1
                    continue
                if arr > hard[tq]:
                    ok = False
                    break
                dlate += max(0.0, arr - due[tq]) - max(0.0, s[tq] - due[tq])
                c2 = arr + dur[tq]
                q += 1
            if not ok:
                continue
            if q == n and c2 + travel[h2][core.base[v]] > core.close[v]:
                continue
            nxt_loc = core.base[v]
            for q2 in range(p, n):
                if loc[r[q2]] >= 0:
                    nxt_loc = loc[r[q2]]
                    break
            if n == 0:
                dtravel = travel[core.base[v]][lt] + travel[lt][core.base[v]]
            else:
                dtravel = travel[here][lt] + travel[lt][nxt_loc] - travel[here][nxt_loc]
            out.append((wt * dtravel + wl * (late + dlate) + extra, v, p))
            if p < n:
                nxt = r[p]
                clock = s[nxt] + dur[nxt]
                if loc[nxt] >= 0:
                    here = loc[nxt]
    out.sort()
    return out


def _try(core, obj, state, where, places):
    """Put tasks at (task, run, position) places; exact cost, or None if infeasible."""
    routes = [list(r) for r in state.routes]
    for t, v, p in places:
        routes[v].insert(p, t)
    s = core.schedule(routes)
    if s is None:
        return None
    return routes, s


def insert_unit(core: Core, obj: Objective, state: State, u, deadline) -> bool:
    """Insert unit u at its cheapest feasible place; False when it fits nowhere."""
    members = core.units[u]
    where = run_of_tasks(state.routes, core.n_tasks)
    unassigned = state.unassigned - {u}
    best = None
    a = members[0]
    first = quick_prices(core, obj, a, state.routes, state.s, where)
    tried = 0
    for attempt, (_price, v, p) in enumerate(first):
        if tried >= TOP_K or attempt >= 4 * TOP_K or (tried and time.monotonic() > deadline):
            break
        got = _try(core, obj, state, where, [(a, v, p)])
        if got is None:
            continue
        tried += 1
        routes, s = got
        if len(members) == 2:
            b = members[1]
            w2 = list(where)
            w2[a] = v
            second = quick_prices(
                core, obj, b, routes, s, w2, banned_groups=(core.group[v],)
            )
            tried_b = 0
            for attempt_b, (_pb, vb, pb) in enumerate(second):
                if tried_b >= TOP_K or attempt_b >= 4 * TOP_K:
                    break
                st = State(core, routes, s, unassigned, 0)
                got2 = _try(core, obj, st, w2, [(b, vb, pb)])
                if got2 is None:
                    continue
                tried_b += 1
                cost = obj.total(core, got2[0], got2[1], unassigned)
                if best is None or cost < best[0]:
                    best = (cost, got2[0], got2[1], ((a, v), (b, vb)))
        else:
            cost = obj.total(core, routes, s, unassigned)
            if best is None or cost < best[0]:
                best = (cost, routes, s, ((a, v),))
    if best is None:
        return False
    state.cost, state.routes, state.s = best[0], best[1], best[2]
    state.unassigned = unassigned
    for t, v in best[3]:
        obj.note(t, v)
    return True


def insert_all(core, obj, state, units, deadline, rng=None):
    obj.prepare(core, state.routes)
    for u in units:
        if time.monotonic() > deadline:
            break
        insert_unit(core, obj, state, u, deadline)
    state.cost = obj.total(core, state.routes, state.s, state.unassigned)
    return state


def construct(core: Core, obj: Objective, deadline, routes=None) -> State:
    """Start from the pinned tasks (breaks, fixed visits) and insert the rest by time."""
    if routes is None:
        routes = [[] for _ in range(core.n_runs)]
        pinned = sorted(
            (t for t in range(core.n_tasks) if core.pinned[t] >= 0),
            key=lambda t: core.earliest[t],
        )
        for t in pinned:
            routes[core.pinned[t]].append(t)
    s = core.schedule(routes)
    if s is None:
        raise ValueError("the fixed visits and breaks cannot all be kept")
    placed = {t for r in routes for t in r}
    todo = [u for u, m in enumerate(core.units) if m[0] not in placed]
    state = State(core, routes, s, set(todo), 0.0)
    todo.sort(key=lambda u: (core.earliest[core.units[u][0]], -len(core.units[u])))
    return insert_all(core, obj, state, todo, deadline)


# ---- removal operators -------------------------------------------------------------


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
    busy = [v for v, r in enumerate(state.routes) if any(core.unit_of[t] >= 0 for t in r)]
    if not busy:
        return []
    v = rng.choice(busy)
    units = {core.unit_of[t] for t in state.routes[v] if core.unit_of[t] >= 0}
    units = {u for u in units if all(core.pinned[t] < 0 for t in core.units[u])}
    return sorted(units)[: max(q, 1)]


OPERATORS = (remove_random, remove_related, remove_worst, remove_run)


def take_out(core, state, units):
    gone = {t for u in units for t in core.units[u]}
    state.routes = [[t for t in r if t not in gone] for r in state.routes]
    state.unassigned |= set(units)
    state.s = core.schedule(state.routes)
    return state


def alns(core: Core, obj: Objective, state: State, deadline, seed=0, on_best=None):
    """Improve `state` until the deadline; return (best state, iterations)."""
    rng = random.Random(seed)
    best = state.copy()
    current = state.copy()
    n_units = len(core.units)
    if n_units == 0:
        return best, 0
    weights = [1.0] * len(OPERATORS)
    begin = time.monotonic()
    span = max(deadline - begin, 1e-3)
    ref = max(1.0, best.cost - obj.w_uncovered * len(best.unassigned))
    iterations = 0
    q_max = max(2, min(40, int(0.2 * n_units)))
    while time.monotonic() < deadline:
        iterations += 1
        k = rng.choices(range(len(OPERATORS)), weights)[0]
        q = rng.randint(min(2, q_max), q_max)
        trial = current.copy()
        units = OPERATORS[k](core, trial, q, rng)
        if not units:
            continue
        take_out(core, trial, units)
        if trial.s is None:
            continue
        redo = sorted(trial.unassigned, key=lambda u: rng.random())
        if rng.random() < 0.5:
            redo.sort(key=lambda u: core.earliest[core.units[u][0]])
        insert_all(core, obj, trial, redo, deadline + 0.5)
        frac = 1.0 - (time.monotonic() - begin) / span
        threshold = 0.02 * ref * max(0.0, frac) ** 2
        reward = 0.0
        if trial.cost < best.cost - 1e-9:
            best = trial.copy()
            reward = 3.0
            if on_best:
                on_best(best)
        if trial.cost < current.cost - 1e-9:
            reward = max(reward, 1.0)
        if trial.cost <= current.cost + threshold:
            current = trial
            reward = max(reward, 0.3)
        weights[k] = 0.9 * weights[k] + 0.1 * (0.2 + reward)
        if current.cost > best.cost + threshold and rng.random() < 0.01:
            current = best.copy()
    return best, iterations


def deadline_from(time_limit_s, margin=0.35):
    return time.monotonic() + max(0.05, time_limit_s - margin)


def isfinite(x):
    return not math.isinf(x) and not math.isnan(x) and x < INF
