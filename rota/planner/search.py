"""Cheapest insertion over the core's runs (the search that repeats it: alns.py).

Construction inserts every unit (a visit slot, or a double-handed pair) at its cheapest
place. Each place is first priced quickly on its own run; when nothing tied to another
run moves that price is exact and the unit goes straight in, otherwise the few cheapest
places are priced exactly by propagating through every run (so double-handed pairs and
linked visits are exact).
"""

from __future__ import annotations

import heapq
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
    # Construction variants to try (cheapest kept, by `total`): lateness weights
    # for the insertion prices (w_peak in proportion). Empty: one construction
    # with the weights as set.
    start_late_weights: tuple[float, ...] = ()
    prune = False  # see quick_prices: only when travel obeys the triangle inequality
    q_big = 30  # most units one search move takes out of a plan of over 100 units

    def tune(self, core: Core):  # once per search, before the start is built
        pass

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
    the truth). With `obj.prune`, a run's later places are skipped once the task's
    own lateness there already costs more than the 4 * top_k cheapest places seen
    (its lateness only grows along a run and, travel obeying the triangle
    inequality, no place saves travel): the cheapest places returned are the same."""
    travel, loc, dur, due, hard = (
        core.travel,
        core.location,
        core.duration,
        core.due,
        core.hard,
    )
    wl, wt = obj.w_late, obj.w_travel
    w_peak, peak = obj.w_peak, obj.peak
    earliest_t, due_t, hard_t, dur_t = core.earliest[t], due[t], hard[t], dur[t]
    lt = loc[t]
    lb = _lower_bound(core, t, s, where)
    tied = _bound(core, t, where)
    prune = obj.prune
    keep = 4 * obj.top_k
    cut = []  # the `keep` cheapest prices so far, negated (a max-heap)
    out = []
    for v in core.allowed[t]:
        if core.group[v] in banned_groups:
            continue
        r = routes[v]
        clock = core.open[v]
        here = core.base[v]
        base = here
        n = len(r)
        extra = obj.bias(t, v)
        for p in range(n + 1):
            if p > 0:  # the place after the task before
                prev = r[p - 1]
                clock = s[prev] + dur[prev]
                if loc[prev] >= 0:
                    here = loc[prev]
            if p < n and s[r[p]] + dur[r[p]] < earliest_t:
                continue
            st = clock + travel[here][lt]
            if st < lb:
                st = lb
            if st > hard_t:
                break
            late = st - due_t if st > due_t else 0.0
            if prune and len(cut) == keep:
                floor = (clock if clock > lb else lb) - due_t
                if floor > 0.0:
                    least = wl * floor + extra
                    if floor > peak:
                        least += w_peak * (floor - peak)
                    if least > -cut[0]:
                        break
            top = late
            # push the rest of the run along
            c2 = st + dur_t
            h2 = lt
            dlate = 0.0
            ok = True
            exact = not tied
            q = p
            while q < n:
                tq = r[q]
                lq = loc[tq]
                if lq >= 0:
                    arr = c2 + travel[h2][lq]
                    h2 = lq
                else:
                    arr = c2
                sq = s[tq]
                if arr <= sq:
                    if lq >= 0:
                        break
                    c2 = sq + dur[tq]
                    q += 1
                    continue
                if arr > hard[tq]:
                    ok = False
                    break
                if exact and _bound(core, tq, where):
                    exact = False
                dq = due[tq]
                if arr > dq:
                    new_late = arr - dq
                    dlate += new_late - (sq - dq if sq > dq else 0.0)
                    if new_late > top:
                        top = new_late
                c2 = arr + dur[tq]
                q += 1
            if not ok:
                continue
            if q == n and c2 + travel[h2][base] > core.close[v]:
                continue
            if n == 0:
                dtravel = travel[base][lt] + travel[lt][base]
            else:
                nxt_loc = base
                for q2 in range(p, n):
                    if loc[r[q2]] >= 0:
                        nxt_loc = loc[r[q2]]
                        break
                dtravel = travel[here][lt] + travel[lt][nxt_loc] - travel[here][nxt_loc]
            if work is not None:
                g = core.group[v]
                if work[g] + dtravel + dur_t > core.group_cap[g] + 1e-9:
                    continue
            price = wt * dtravel + wl * (late + dlate) + extra
            if top > peak:
                price += w_peak * (top - peak)
            out.append((price, v, p, exact))
            if prune:
                if len(cut) < keep:
                    heapq.heappush(cut, -price)
                elif price < -cut[0]:
                    heapq.heapreplace(cut, -price)
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
    where it fits. Raises ValueError when they cannot all be kept. A minute cap the
    fixed visits already pass is raised to what they take (they have happened)."""
    caps = core.group_cap
    core.group_cap = [INF] * len(caps)
    try:
        routes = _lay_out_pinned(core)
    finally:
        core.group_cap = caps
    pinned_routes_caps(core, routes)
    return routes


def pinned_routes_caps(core: Core, routes):
    """Raise each minute cap to at least what the fixed visits on `routes` take."""
    for g, runs in enumerate(core.runs_of):
        done = sum(
            core.run_work(v, [t for t in routes[v] if core.pinned[t] >= 0])
            for v in runs
            if any(core.pinned[t] >= 0 for t in routes[v])
        )
        core.group_cap[g] = max(core.group_cap[g], done)


def _lay_out_pinned(core: Core):
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
        # else: fixed visits (done or under way) leave no room for it: it is waived
    if core.schedule(routes) is None:
        raise ValueError("the fixed visits cannot all be kept")
    return routes


def construct(core: Core, obj: Objective, deadline, routes=None) -> State:
    """Start from the pinned tasks (breaks, fixed visits), insert the rest by time.

    With `obj.start_late_weights`, several starts are made (each lateness weight
    for the insertion prices, units by time and by scarcity: those few runs may
    take first, so that work anyone could do does not fill the only runs able
    to do it) within a fifth of the time left, and the cheapest is kept."""
    weights = tuple(obj.start_late_weights)
    if not weights:
        return _construct(core, obj, deadline, routes)
    keep = (obj.w_late, obj.w_peak)
    ratio = keep[1] / keep[0] if keep[0] else 1.0
    stop = time.monotonic() + 0.2 * max(0.0, deadline - time.monotonic())
    best = None
    try:
        for w in weights:
            for scarce_first in (False, True):
                if best is not None and time.monotonic() > stop:
                    break
                obj.w_late, obj.w_peak = w, w * ratio
                state = _construct(core, obj, deadline, routes, scarce_first)
                if best is None or state.cost < best.cost:
                    best = state
    finally:
        obj.w_late, obj.w_peak = keep
    return best


def _construct(core, obj, deadline, routes=None, scarce_first=False) -> State:
    if routes is None:
        routes = pinned_routes(core)
    placed = {t for r in routes for t in r}
    halves = {  # a unit only partly on the runs is taken off and inserted whole
        t
        for m in core.units
        if any(x not in placed for x in m)
        for t in m
        if t in placed and core.pinned[t] < 0
    }
    if halves:
        routes = [[t for t in r if t not in halves] for r in routes]
        placed -= halves
    s = core.schedule(routes)
    if s is None:
        raise ValueError("the fixed visits cannot all be kept")
    todo = [u for u, m in enumerate(core.units) if any(x not in placed for x in m)]
    state = State(core, routes, s, set(todo), 0.0)
    if scarce_first:
        few = max(2, len(core.group_cap) // 10)  # runs able to take the unit

        def scarce(u):
            return min(len(core.allowed[t]) for t in core.units[u]) > few

        todo.sort(key=lambda u: (scarce(u), core.earliest[core.units[u][0]]))
    else:
        todo.sort(key=lambda u: (core.earliest[core.units[u][0]], -len(core.units[u])))
    return insert_all(core, obj, state, todo, deadline)


def deadline_from(time_limit_s, margin=0.5):
    return time.monotonic() + max(0.05, time_limit_s - margin)
