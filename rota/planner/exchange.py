"""Continuity pass over a planned day: fewer different assistants per person.

After a day's search, every visit slot whose assistant the person sees only that
once (not on an earlier day, not on another visit today) is a candidate. It goes to
an assistant the person already knows who works that day, in one of three ways:

- **relocation**: into the known assistant's run, near its time;
- **exchange**: it swaps places with a visit of theirs at a similar time (within
  NEAR_MINUTES), which goes to the first assistant (both runs keep about their
  length of work, unlike an insertion into a full run, which pushes its later
  visits late);
- **ejection**: it takes that visit's place, and that visit goes to an assistant
  its own person knows.

A change is kept only when it saves at least one new face, adds at most DRIVE
minutes of driving per new face saved (the weights alone would pay up to 200
minutes for one, minutes that later days' visits need under the weekly maximum),
and lowers the day's cost by the plan's weights: coverage is never touched, and
lateness, travel, relief use, regulars and fairness are priced exactly (a new face
saved is worth up to four minutes late at the default weights). Every rule holds:
each changed run is re-timed from its start, and when that moves a double-handed
partner or a linked visit on another run, the change is carried along the ties as
the search does (core.propagate); the day is re-timed whole at the end.
"""

from __future__ import annotations

import time

from .core import Core
from .greedy import FAMILIAR_MINUTES
from .search import State, _lower_bound, positions, run_of_tasks

NEAR_MINUTES = 90  # visits this close in time may swap
PLACES = 3  # positions tried in a run for a relocation
DRIVE = FAMILIAR_MINUTES  # most minutes of extra driving per new face saved


class Pass:
    def __init__(self, core: Core, obj, state: State):
        self.core, self.obj = core, obj
        self.p, self.d, self.w = obj.p, obj.d, obj.w
        self.routes = [list(r) for r in state.routes]
        self.s = list(state.s)
        self.where = run_of_tasks(self.routes, core.n_tasks)
        self.index = positions(self.routes, core.n_tasks)
        self.person = [None] * core.n_tasks
        for t, sl in enumerate(self.d.slot):
            if sl is not None:
                self.person[t] = self.p.visits[sl[0]].person
        self.known = {k: set(v) for k, v in obj.h.seen.items()}  # earlier days
        self.count: dict[str, dict[int, int]] = {}  # person -> assistant -> today
        for v, r in enumerate(self.routes):
            for t in r:
                if self.person[t] is not None:
                    self._add(self.person[t], core.group[v], 1)
        self.work = [0.0] * len(core.group_cap)
        for v, r in enumerate(self.routes):
            if r:
                self.work[core.group[v]] += core.run_work(v, r)
        self.moves = 0
        self.tried = 0

    # -- continuity counts ------------------------------------------------------

    def _add(self, person, g, k):
        c = self.count.setdefault(person, {})
        c[g] = c.get(g, 0) + k
        if c[g] == 0:
            del c[g]

    def _sees(self, person, g) -> bool:
        return self.count.get(person, {}).get(g, 0) > 0 or self.p.assistants[
            g
        ].id in self.known.get(person, ())

    def _one_off(self, t) -> bool:
        """Is t the only time its person sees this assistant (this day or before)?"""
        person, g = self.person[t], self.core.group[self.where[t]]
        return self.count[person].get(g, 0) == 1 and self.p.assistants[
            g
        ].id not in self.known.get(person, ())

    def _distinct_change(self, moves) -> int:
        """Change in different assistants per person when each (task, from, to)
        in `moves` changes hands."""
        before = {}
        for t, a, b in moves:
            person = self.person[t]
            for g in (a, b):
                before.setdefault((person, g), self._sees(person, g))
        for t, a, b in moves:
            self._add(self.person[t], a, -1)
            self._add(self.person[t], b, 1)
        change = sum(self._sees(person, g) - was for (person, g), was in before.items())
        for t, a, b in moves:
            self._add(self.person[t], b, -1)
            self._add(self.person[t], a, 1)
        return change

    # -- pricing ----------------------------------------------------------------

    def _slot_cost(self, t, g) -> float:
        """What giving task t to assistant g costs apart from continuity."""
        visit = self.p.visits[self.d.slot[t][0]]
        return self.obj.slot_cost(visit, self.p.assistants[g])

    def _fairness(self, g, work) -> float:
        a = self.p.assistants[g]
        if a.relief or not a.contracted_minutes:
            return 0.0
        done = self.obj.h.worked.get(a.id, 0.0) + work
        return self.w["fairness"] * abs(done - a.contracted_minutes * self.obj.share)

    def _times(self, changed):
        """Starts for the runs in `changed` (run -> new order), the rest kept; None
        when a rule breaks. Each changed run is re-timed from its start; when that
        pulls a double-handed partner or a linked visit on another run, the change
        is carried along (raising starts only, as core.propagate does)."""
        core, s = self.core, list(self.s)
        where = list(self.where)
        for v, r in changed.items():
            for t in r:
                where[t] = v
        for v, r in changed.items():
            clock, here = core.open[v], core.base[v]
            for t in r:
                lt = core.location[t]
                if lt >= 0:
                    clock += core.travel[here][lt]
                    here = lt
                st = max(clock, _lower_bound(core, t, s, where))
                if st > core.hard[t] + 1e-9:
                    return None
                s[t] = st
                clock = st + core.duration[t]
            if r and clock + core.travel[here][core.base[v]] > core.close[v] + 1e-9:
                return None
        pulled = self._pulled(changed, s, where)
        if not pulled:
            return s, ()
        routes = list(self.routes)
        index = list(self.index)
        for v, r in changed.items():
            routes[v] = r
            for k, t in enumerate(r):
                index[t] = k
        got = core.propagate(routes, s, pulled, where, index)
        return (got, tuple(core.moved)) if got is not None else None

    def _pulled(self, changed, s, where):
        """Tasks whose double-handed partner or linked visit must start later."""
        core, out = self.core, []
        for r in changed.values():
            for t in r:
                p = core.partner[t]
                if p >= 0 and where[p] >= 0 and abs(s[p] - s[t]) > 1e-9:
                    out.append(t)
                    continue
                for k in core.links_of[t]:
                    i, j, mn, mx = core.links[k]
                    if where[i] >= 0 and where[j] >= 0:
                        gap = s[j] - s[i]
                        if gap < mn - 1e-9 or gap > mx + 1e-9:
                            out.append(t)
                            break
        return out

    def _price(self, changed, moves):
        """(cost change, new starts) of giving the runs in `changed` their new orders,
        each (task, from assistant, to assistant) in `moves` changing hands; None when
        it breaks a rule."""
        core, w = self.core, self.w
        saved = self._distinct_change(moves)
        if saved >= 0:  # only moves that save a new face are worth timing
            return None
        got = self._times(changed)
        if got is None:
            return None
        s, pulled = got
        work = {}
        for v, r in changed.items():
            g = core.group[v]
            work[g] = work.get(g, self.work[g]) + core.run_work(v, r)
            work[g] -= core.run_work(v, self.routes[v])
        for g, minutes in work.items():
            if minutes > core.group_cap[g] + 1e-9:
                return None
        cost = w["continuity"] * saved
        for t, a, b in moves:
            cost += self._slot_cost(t, b) - self._slot_cost(t, a)
        drive = sum(
            core.run_travel(v, r) - core.run_travel(v, self.routes[v])
            for v, r in changed.items()
        )
        if drive > -saved * DRIVE:
            return None  # minutes that later days' visits need (weekly maximum)
        cost += w["travel"] * drive
        for g, minutes in work.items():
            cost += self._fairness(g, minutes) - self._fairness(g, self.work[g])
        due = core.due
        tasks = {t for r in changed.values() for t in r} | set(pulled)
        for t in tasks:
            if self.person[t] is None:
                continue
            new = s[t] - due[t] if s[t] > due[t] else 0.0
            old = self.s[t] - due[t] if self.s[t] > due[t] else 0.0
            cost += w["lateness"] * (new - old)
        return cost, s, work

    def _apply(self, changed, moves, s, work):
        for t, a, b in moves:
            self._add(self.person[t], a, -1)
            self._add(self.person[t], b, 1)
        for v, r in changed.items():
            self.routes[v] = r
            for k, t in enumerate(r):
                self.where[t] = v
                self.index[t] = k
        self.s = s
        for g, minutes in work.items():
            self.work[g] = minutes
        self.moves += 1

    # -- moves ------------------------------------------------------------------

    def _movable(self, t) -> bool:
        return self.person[t] is not None and self.core.pinned[t] < 0

    def _partner_group(self, t):
        p = self.core.partner[t]
        if p >= 0 and self.where[p] >= 0:
            return self.core.group[self.where[p]]
        return -1

    def _targets(self, t):
        """Runs today of assistants the person of t already knows, able to take t."""
        core, person = self.core, self.person[t]
        a = core.group[self.where[t]]
        ban = self._partner_group(t)
        return [
            v
            for v in core.allowed[t]
            if core.group[v] not in (a, ban) and self._sees(person, core.group[v])
        ]

    def _near(self, r, st):
        """The PLACES positions in run order r closest in time to minute st."""

        def gap(p):
            lo = self.s[r[p - 1]] if p > 0 else -1e18
            hi = self.s[r[p]] if p < len(r) else 1e18
            return 0.0 if lo <= st <= hi else min(abs(st - lo), abs(st - hi))

        return sorted(range(len(r) + 1), key=gap)[:PLACES]

    def _options(self, t1):
        """(changed runs, moves) giving t1 to an assistant its person knows: by
        relocation, by exchange with a visit at a similar time, or by taking that
        visit's place while it goes to an assistant its own person knows."""
        core = self.core
        v1 = self.where[t1]
        a = core.group[v1]
        r1 = self.routes[v1]
        i1 = r1.index(t1)
        rest = r1[:i1] + r1[i1 + 1 :]
        st = self.s[t1]
        for v2 in self._targets(t1):
            b = core.group[v2]
            r2 = self.routes[v2]
            for p in self._near(r2, st):  # relocation
                yield {v1: rest, v2: r2[:p] + [t1] + r2[p:]}, ((t1, a, b),)
            for i2, t2 in enumerate(r2):
                if (
                    abs(self.s[t2] - st) > NEAR_MINUTES
                    or not self._movable(t2)
                    or self.person[t2] == self.person[t1]
                ):
                    continue
                n2 = list(r2)
                n2[i2] = t1
                if v1 in core.allowed[t2] and self._partner_group(t2) != a:
                    n1 = list(r1)  # exchange
                    n1[i1] = t2
                    yield {v1: n1, v2: n2}, ((t1, a, b), (t2, b, a))
                for v3 in self._targets(t2):  # t2 to someone its person knows
                    if v3 == v2:
                        continue
                    r3 = rest if v3 == v1 else self.routes[v3]
                    c = core.group[v3]
                    for p in self._near(r3, self.s[t2]):
                        n3 = r3[:p] + [t2] + r3[p:]
                        yield {v1: rest, v2: n2, v3: n3}, ((t1, a, b), (t2, b, c))

    def _try_task(self, t1) -> bool:
        for changed, moves in self._options(t1):
            self.tried += 1
            got = self._price(changed, moves)
            if got is not None and got[0] < -1e-6:
                self._apply(changed, moves, got[1], got[2])
                return True
        return False

    def run(self, deadline):
        again = True
        while again and time.monotonic() < deadline:
            again = False
            todo = [
                t
                for r in self.routes
                for t in r
                if self._movable(t) and self._one_off(t)
            ]
            todo.sort(key=lambda t: self.s[t])
            for t in todo:
                if time.monotonic() > deadline:
                    break
                if self.where[t] >= 0 and self._one_off(t) and self._try_task(t):
                    again = True


def improve_continuity(core: Core, obj, state: State, deadline):
    """The day's plan with fewer different assistants per person where that costs
    less by the objective's weights (never a worse plan), and the pass's counts."""
    if not state.routes or state.s is None:
        return state, {"moves": 0, "tried": 0}
    work = Pass(core, obj, state)
    work.run(deadline)
    stats = {"moves": work.moves, "tried": work.tried}
    if not work.moves:
        return state, stats
    s = core.schedule(work.routes)  # the least starts of the new orders
    if s is None:
        return state, stats
    cost = obj.total(core, work.routes, s, state.unassigned)
    if cost > state.cost + 1e-6:
        return state, stats
    return State(core, work.routes, s, set(state.unassigned), cost), stats
