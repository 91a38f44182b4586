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
    """What a plan costs: the search needs `total`, `bias`, `prepare`, weights."""

    w_travel = 1.0
    w_late = 1.0
    w_uncovered = 1e6
    local_exact = True  # a quick price with nothing tied elsewhere is the true change
    w_peak = 0.0  # weight of the largest single lateness (HHCRSP counts it once more)
    peak = 0.0  # the largest lateness in the plan being extended
    top_k = TOP_K  # places priced exactly per task

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
        self.work = None  # minutes per assistant, while inserting
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


def _bound(core, t, where):
    """Does task t tie its start to a task on another run (pair or link in force)?"""
    p = core.partner[t]
    if p >= 0 and where[p] >= 0:
        return True
    for k in core.links_of[t]:
        i, j, _mn, _mx = core.links[k]
        if where[j if i == t else i] >= 0:
            return True
    return False


def quick_prices(
    core: Core, obj: Objective, t, routes, s, where, banned_groups=(), work=None
):
    """(price, run, position, exact) of every sensible place for task t, priced on
    its run alone; `exact` when nothing tied to another run moves (the price is then
    the truth)."""
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
    tied = _bound(core, t, where)
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
            if p > 0:  # the place after the task before
                prev = r[p - 1]
                clock = s[prev] + dur[prev]
                if loc[prev] >= 0:
                    here = loc[prev]
            if p < n and s[r[p]] + dur[r[p]] < core.earliest[t]:
                continue
            st = max(lb, clock + travel[here][lt])
            if st > hard[t]:
                break
            late = max(0.0, st - due[t])
            top = late
            # push the rest of the run along
            c2 = st + dur[t]
            h2 = lt
            dlate = 0.0
            ok = True
            exact = not tied
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
                if exact and _bound(core, tq, where):
                    exact = False
                new_late = max(0.0, arr - due[tq])
                dlate += new_late - max(0.0, s[tq] - due[tq])
                top = max(top, new_late)
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
            if work is not None:
                g = core.group[v]
                if work[g] + dtravel + dur[t] > core.group_cap[g] + 1e-9:
                    continue
            price = wt * dtravel + wl * (late + dlate) + extra
            if top > obj.peak:
                price += obj.w_peak * (top - obj.peak)
            out.append((price, v, p, exact))
    out.sort()
    return out


def _try(core, obj, state, where, places, index=None):
    """Put tasks at (task, run, position) places; exact cost, or None if infeasible."""
    routes = [list(r) for r in state.routes]
    s = list(state.s)
    w2 = list(where)
    i2 = list(index) if index is not None else positions(state.routes, core.n_tasks)
    for t, v, p in places:
        r = routes[v]
        r.insert(p, t)
        w2[t] = v
        for k in range(p, len(r)):
            i2[r[k]] = k
        s[t] = core.earliest[t]
    s = core.propagate(routes, s, [t for t, _v, _p in places], w2, i2)
    if s is None:
        return None
    return routes, s, w2, set(core.moved)


def positions(routes, n):
    index = [-1] * n
    for r in routes:
        for k, t in enumerate(r):
            index[t] = k
    return index


def _delta(core: Core, obj: Objective, state: State, got, placed):
    """What putting `placed` ((task, run) pairs) costs, given the new runs and starts:
    exact for travel and lateness (only the runs and tasks that moved are looked at),
    the objective's rough `bias` for the rest (continuity, relief, ...)."""
    routes, s, where, moved = got
    old_s, due = state.s, core.due
    moved = moved | {t for t, _v in placed}
    runs = {where[t] for t in moved}
    cost = 0.0
    for v in runs:
        cost += obj.w_travel * (
            core.run_travel(v, routes[v]) - core.run_travel(v, state.routes[v])
        )
    top = 0.0
    new_ones = {t for t, _v in placed}
    for t in moved:
        late = max(0.0, s[t] - due[t])
        before = 0.0 if t in new_ones else max(0.0, old_s[t] - due[t])
        cost += obj.w_late * (late - before)
        top = max(top, late)
    if obj.w_peak and top > obj.peak:
        cost += obj.w_peak * (top - obj.peak)
    for t, v in placed:
        cost += obj.bias(t, v)
    return cost - obj.w_uncovered


def _apply_local(core: Core, state: State, t, v, p, where):
    """Insert t at (v, p) and push the rest of run v along (nothing else moves)."""
    r = state.routes[v]
    before = core.run_work(v, r) if state.work is not None else 0.0
    s, loc, dur, travel = state.s, core.location, core.duration, core.travel
    clock, here = core.open[v], core.base[v]
    for x in r[:p]:
        if loc[x] >= 0:
            here = loc[x]
        clock = s[x] + dur[x]
    r.insert(p, t)
    s[t] = _lower_bound(core, t, s, where)
    for q in range(p, len(r)):
        x = r[q]
        if loc[x] >= 0:
            clock += travel[here][loc[x]]
            here = loc[x]
        if s[x] < clock or x == t:
            s[x] = max(s[x], clock)
        elif loc[x] >= 0:
            break
        clock = s[x] + dur[x]
    if state.work is not None:
        state.work[core.group[v]] += core.run_work(v, r) - before


def _work(core: Core, routes):
    work = [0.0] * len(core.group_cap)
    for v, r in enumerate(routes):
        if r:
            work[core.group[v]] += core.run_work(v, r)
    return work


def insert_unit(core: Core, obj: Objective, state: State, u, deadline) -> bool:
    """Insert unit u at its cheapest feasible place; False when it fits nowhere."""
    members = core.units[u]
    where = run_of_tasks(state.routes, core.n_tasks)
    index = positions(state.routes, core.n_tasks)
    unassigned = state.unassigned - {u}
    best = None
    a = members[0]
    first = quick_prices(core, obj, a, state.routes, state.s, where, work=state.work)
    if len(members) == 1 and first and first[0][3] and obj.local_exact:
        _price, v, p, _exact = first[0]
        _apply_local(core, state, a, v, p, where)
        state.unassigned = unassigned
        obj.note(a, v)
        return True
    tried = 0
    for attempt, (_price, v, p, _exact) in enumerate(first):
        if (
            tried >= obj.top_k
            or attempt >= 4 * obj.top_k
            or (tried and time.monotonic() > deadline)
        ):
            break
        got = _try(core, obj, state, where, [(a, v, p)], index)
        if got is None:
            continue
        tried += 1
        routes, s, w2, moved_a = got
        if len(members) == 2:
            b = members[1]
            second = quick_prices(
                core, obj, b, routes, s, w2, banned_groups=(core.group[v],)
            )
            tried_b = 0
            for attempt_b, (_pb, vb, pb, _eb) in enumerate(second):
                if tried_b >= obj.top_k or attempt_b >= 4 * obj.top_k:
                    break
                st = State(core, routes, s, unassigned, 0)
                got2 = _try(core, obj, st, w2, [(b, vb, pb)])
                if got2 is None:
                    continue
                tried_b += 1
                both = (got2[0], got2[1], got2[2], got2[3] | moved_a)
                cost = _delta(core, obj, state, both, ((a, v), (b, vb)))
                if best is None or cost < best[0]:
                    best = (cost, got2[0], got2[1], ((a, v), (b, vb)))
        else:
            cost = _delta(core, obj, state, got, ((a, v),))
            if best is None or cost < best[0]:
                best = (cost, routes, s, ((a, v),))
    if best is None:
        return False
    state.cost, state.routes, state.s = state.cost + best[0], best[1], best[2]
    state.unassigned = unassigned
    if state.work is not None:
        state.work = _work(core, state.routes)
    for t, v in best[3]:
        obj.note(t, v)
    return True


def _peak(core: Core, state: State) -> float:
    s, due = state.s, core.due
    return max((s[t] - due[t] for r in state.routes for t in r), default=0.0)


def insert_all(core, obj, state, units, deadline, rng=None):
    """Insert units in this order; `state.tried_all` is False if the time ran out."""
    obj.prepare(core, state.routes)
    capped = any(c < INF for c in core.group_cap)
    state.work = _work(core, state.routes) if capped else None
    state.tried_all = True
    track = obj.w_peak > 0
    for u in units:
        if time.monotonic() > deadline:
            state.tried_all = False
            break
        if track:
            obj.peak = _peak(core, state)
        insert_unit(core, obj, state, u, deadline)
    state.work = None
    state.cost = obj.total(core, state.routes, state.s, state.unassigned)
    return state


def pinned_routes(core: Core):
    """Runs holding only the pinned tasks: fixed visits in time order, each break put
    where it fits. Raises ValueError when they cannot all be kept."""
    routes = [[] for _ in range(core.n_runs)]
    fixed = [
        t for t in range(core.n_tasks) if core.pinned[t] >= 0 and not core.is_break[t]
    ]
    for t in sorted(fixed, key=lambda t: core.earliest[t]):
        routes[core.pinned[t]].append(t)
    breaks = [
        t for t in range(core.n_tasks) if core.pinned[t] >= 0 and core.is_break[t]
    ]
    for t in sorted(breaks, key=lambda t: core.earliest[t]):
        r = routes[core.pinned[t]]
        for p in range(len(r) + 1):
            r.insert(p, t)
            if core.schedule(routes) is not None:
                break
            r.pop(p)
        else:
            raise ValueError("the fixed visits leave no room for a break")
    if core.schedule(routes) is None:
        raise ValueError("the fixed visits cannot all be kept")
    return routes


def construct(core: Core, obj: Objective, deadline, routes=None) -> State:
    """Start from the pinned tasks (breaks, fixed visits), insert the rest by time."""
    if routes is None:
        routes = pinned_routes(core)
    s = core.schedule(routes)
    if s is None:
        raise ValueError("the fixed visits cannot all be kept")
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
    busy = [
        v for v, r in enumerate(state.routes) if any(core.unit_of[t] >= 0 for t in r)
    ]
    if not busy:
        return []
    v = rng.choice(busy)
    units = {core.unit_of[t] for t in state.routes[v] if core.unit_of[t] >= 0}
    units = {u for u in units if all(core.pinned[t] < 0 for t in core.units[u])}
    return sorted(units)[: max(q, 1)]


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
    q_max = max(2, min(30, int(0.2 * n_units)))
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


def deadline_from(time_limit_s, margin=0.5):
    return time.monotonic() + max(0.05, time_limit_s - margin)


def isfinite(x):
    return not math.isinf(x) and not math.isnan(x) and x < INF
