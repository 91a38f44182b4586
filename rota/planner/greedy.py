"""The baseline a coordinator would do by hand: take the visits in order of their
window, and give each to the nearest qualified assistant who is free for it (appended
after their last visit; the one who can start soonest without being late wins, then the
shortest drive)."""

from __future__ import annotations

import time

from .core import Core
from .search import (
    State,
    _lower_bound,
    _try,
    deadline_from,
    pinned_routes,
    run_of_tasks,
)

FAMILIAR_MINUTES = 10  # extra minutes driven to reach someone the person knows


def greedy(core: Core, obj, time_limit_s: float, familiar=False):
    """`familiar`: among assistants free to be on time, one the person has already
    seen (the objective's `stranger`) comes before a nearer one they have not."""
    began = time.monotonic()
    deadline = deadline_from(time_limit_s)
    routes = pinned_routes(core)
    stranger = obj.stranger if familiar else None
    if familiar:
        obj.prepare(core, routes)
    s = core.schedule(routes)
    placed = {t for r in routes for t in r}
    todo = [u for u, m in enumerate(core.units) if m[0] not in placed]
    todo.sort(key=lambda u: core.earliest[core.units[u][0]])
    unassigned = set(todo)
    tried_all = True
    for u in todo:
        if time.monotonic() > deadline:
            tried_all = False
            break
        state = State(core, routes, s, unassigned, 0.0)
        for t in core.units[u]:
            where = run_of_tasks(state.routes, core.n_tasks)
            banned = {
                core.group[where[m]] for m in core.units[u] if m != t and where[m] >= 0
            }
            free = _free_assistants(
                core, t, state.routes, state.s, where, banned, stranger
            )
            for _key, v, p in free:
                got = _try(core, obj, state, where, [(t, v, p)])
                if got is not None:
                    state = State(core, got[0], got[1], unassigned, 0.0)
                    if familiar:
                        obj.note(t, v)
                    break
            else:
                break
        else:
            routes, s = state.routes, state.s
            unassigned.discard(u)
    cost = obj.total(core, routes, s, unassigned)
    stats = {
        "seconds": round(time.monotonic() - began, 3),
        "iterations": 0,
        "workers": 1,
    }
    stats["tried_all"] = tried_all
    return State(core, routes, s, unassigned, cost), stats


def _free_assistants(core, t, routes, s, where, banned, stranger=None):
    """(key, run, position) after each qualified run's last visit, best first."""
    out = []
    lb = _lower_bound(core, t, s, where)
    for v in core.allowed[t]:
        if core.group[v] in banned:
            continue
        r = routes[v]
        p = len(r)
        while p > 0 and core.is_break[r[p - 1]] and s[r[p - 1]] >= lb:
            p -= 1  # go before breaks that come later than the visit could
        here, clock = core.base[v], core.open[v]
        for x in r[:p]:
            if core.location[x] >= 0:
                here = core.location[x]
            clock = s[x] + core.duration[x]
        drive = core.travel[here][core.location[t]]
        start = max(lb, clock + drive)
        if stranger is None:
            out.append(((start > core.due[t], drive, start), v, p))
        else:
            key = drive + FAMILIAR_MINUTES * stranger(t, v)
            out.append(((start > core.due[t], key, start), v, p))
    out.sort()
    return out
