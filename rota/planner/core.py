"""The routing core every planner shares: tasks on runs, and their earliest schedule.

A *task* is one assistant slot of one visit (a double-handed visit is two tasks kept in
step), or a break. A *run* (vehicle) is one assistant's shift: it leaves its base at
`open` and must be back by `close`. Given the order of tasks on every run, the earliest
start of every task is the least solution of a system of difference constraints:

    start[t] >= earliest[t]
    start[t] >= end of the previous task on its run + travel
    start[a] == start[b]                      (double-handed pair)
    start[i] + min_gap <= start[j] <= start[i] + max_gap      (linked visits)

found by relaxing until nothing moves. Lateness only grows with the starts, and
travel is fixed by the order, so the earliest schedule is the best one for that
order. A positive cycle (two runs waiting for each other) or a start past its hard
latest makes the order infeasible.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

INF = float("inf")


def _on_cycle(raised_by, t, limit) -> bool:
    """Does the chain of who last raised whom lead from t back to t?"""
    x = raised_by.get(t)
    for _ in range(limit):
        if x is None:
            return False
        if x == t:
            return True
        x = raised_by.get(x)
    return True


@dataclass
class Core:
    travel: list[list[float]]
    # tasks
    earliest: list[float] = field(default_factory=list)
    due: list[float] = field(default_factory=list)  # soft: lateness = start - due
    hard: list[float] = field(default_factory=list)  # hard latest start
    duration: list[float] = field(default_factory=list)
    location: list[int] = field(default_factory=list)  # -1: stays where it is (a break)
    partner: list[int] = field(default_factory=list)  # the other slot of a pair, or -1
    allowed: list[list[int]] = field(
        default_factory=list
    )  # runs that may take the task
    pinned: list[int] = field(default_factory=list)  # run it must stay on, or -1
    is_break: list[bool] = field(default_factory=list)
    # links: (i, j, min_gap, max_gap): start[j] - start[i] in [min_gap, max_gap]
    links: list[tuple[int, int, float, float]] = field(default_factory=list)
    # runs
    base: list[int] = field(default_factory=list)
    open: list[float] = field(default_factory=list)
    close: list[float] = field(default_factory=list)
    group: list[int] = field(default_factory=list)  # the assistant a run belongs to
    group_cap: list[float] = field(default_factory=list)  # max work minutes per group
    horizon: float = INF  # any start beyond this means a cycle

    def add_task(self, earliest, due, duration, location, allowed, hard=INF) -> int:
        self.earliest.append(earliest)
        self.due.append(due)
        self.hard.append(hard)
        self.duration.append(duration)
        self.location.append(location)
        self.partner.append(-1)
        self.allowed.append(list(allowed))
        self.pinned.append(-1)
        self.is_break.append(False)
        return len(self.earliest) - 1

    def add_run(self, base, open_, close, group) -> int:
        self.base.append(base)
        self.open.append(open_)
        self.close.append(close)
        self.group.append(group)
        return len(self.base) - 1

    @property
    def n_tasks(self) -> int:
        return len(self.earliest)

    @property
    def n_runs(self) -> int:
        return len(self.base)

    def finish(self):
        """Index the links by task once the tasks are all added."""
        self.pairs = [(t, p) for t, p in enumerate(self.partner) if p > t]
        self.links_of = [[] for _ in range(self.n_tasks)]
        for k, (i, j, _mn, _mx) in enumerate(self.links):
            self.links_of[i].append(k)
            self.links_of[j].append(k)
        if not self.group_cap:
            self.group_cap = [INF] * (max(self.group, default=-1) + 1)
        self.runs_of = [[] for _ in self.group_cap]
        for v, g in enumerate(self.group):
            self.runs_of[g].append(v)
        # units: what is inserted and removed together (a pair, or one task)
        self.units = []
        self.unit_of = [-1] * self.n_tasks
        for t in range(self.n_tasks):
            if self.is_break[t] or self.unit_of[t] >= 0:
                continue
            members = (t,) if self.partner[t] < 0 else (t, self.partner[t])
            for m in members:
                self.unit_of[m] = len(self.units)
            self.units.append(members)
        return self

    def schedule(self, routes, starts=None):
        """Earliest starts for these run orders, or None when they cannot work."""
        earliest, duration, location, travel = (
            self.earliest,
            self.duration,
            self.location,
            self.travel,
        )
        s = list(earliest) if starts is None else starts
        on = [False] * self.n_tasks
        for r in routes:
            for t in r:
                on[t] = True
        pairs = [(a, b) for a, b in self.pairs if on[a] and on[b]]
        links = [lk for lk in self.links if on[lk[0]] and on[lk[1]]]
        horizon = self.horizon
        opens, bases = self.open, self.base
        busy = [(v, r) for v, r in enumerate(routes) if r]
        for sweep in range(self.n_tasks + 3):
            changed = False
            for v, r in busy:
                clock = opens[v]
                here = bases[v]
                for t in r:
                    lt = location[t]
                    if lt >= 0:
                        clock += travel[here][lt]
                        here = lt
                    st = s[t]
                    if st < clock:
                        s[t] = st = clock
                        changed = True
                    clock = st + duration[t]
            if not pairs and not links:
                break
            for a, b in pairs:
                if s[a] < s[b]:
                    s[a] = s[b]
                    changed = True
                elif s[b] < s[a]:
                    s[b] = s[a]
                    changed = True
            for i, j, mn, mx in links:
                if s[j] < s[i] + mn:
                    s[j] = s[i] + mn
                    changed = True
                if s[i] < s[j] - mx:
                    s[i] = s[j] - mx
                    changed = True
            if not changed:
                break
            if sweep > 2 and max(s) > horizon:
                return None
        else:
            return None
        hard = self.hard
        for v, r in enumerate(routes):
            if not r:
                continue
            for t in r:
                if s[t] > hard[t] + 1e-9:
                    return None
            if self.run_end(v, r, s) > self.close[v] + 1e-9:
                return None
        if any(c < INF for c in self.group_cap):
            work = [0.0] * len(self.group_cap)
            for v, r in enumerate(routes):
                if r:
                    work[self.group[v]] += self.run_work(v, r)
            if any(w > c + 1e-9 for w, c in zip(work, self.group_cap, strict=True)):
                return None
        return s

    def propagate(self, routes, s, seeds, where, index):
        """Raise the starts in `s` (the least schedule of the same runs without the
        seeds) until every constraint holds, touching only what moves; `where[t]` and
        `index[t]` give each task's run and place. Returns s, or None when infeasible.
        Longest paths by a work queue (SPFA). A positive cycle (runs waiting for each
        other for ever) is found by walking back who last raised whom: a task
        relaxed several times whose chain of raisers leads back to itself is on one
        (a cycle of raisers is always a positive cycle); a task relaxed more than n
        times is on one too."""
        loc, dur, travel, hard = self.location, self.duration, self.travel, self.hard
        partner, links_of, links = self.partner, self.links_of, self.links
        queue = deque()
        queued = set()

        def push(x):
            if x >= 0 and where[x] >= 0 and x not in queued:
                queue.append(x)
                queued.add(x)

        for t in seeds:  # the seed's own lower bounds, then what points at it
            v, i = where[t], index[t]
            r = routes[v]
            if i == 0:
                lt = loc[t]
                out = self.open[v] + (travel[self.base[v]][lt] if lt >= 0 else 0.0)
                s[t] = max(s[t], out)
            else:
                push(r[i - 1])
            push(t)
            push(partner[t])
            for k in links_of[t]:
                push(links[k][0])
                push(links[k][1])
        count = {}
        raised_by = {}
        limit = self.n_tasks + 2
        touched = set()
        self.moved = (
            count  # the tasks this call looked at (their starts may have risen)
        )
        while queue:
            t = queue.popleft()
            queued.discard(t)
            st = s[t]
            if st > hard[t] + 1e-9:
                return None
            c = count.get(t, 0) + 1
            if c > limit:
                return None
            count[t] = c
            if c > 3 and _on_cycle(raised_by, t, limit):
                return None
            v, i = where[t], index[t]
            touched.add(v)
            r = routes[v]
            if i + 1 < len(r):
                u = r[i + 1]
                lu = loc[u]
                if lu >= 0:
                    lt = loc[t]
                    here = lt if lt >= 0 else self._place_after(v, r, i)
                    need = st + dur[t] + travel[here][lu]
                else:
                    need = st + dur[t]
                if s[u] < need - 1e-12:
                    s[u] = need
                    raised_by[u] = t
                    if u not in queued:
                        queue.append(u)
                        queued.add(u)
                elif lu < 0:
                    # A break is taken where the assistant is: the drive to the
                    # visit after it depends on where `t` is, even when the break
                    # itself does not move, so look past it.
                    push(u)
            p = partner[t]
            if p >= 0 and where[p] >= 0 and s[p] < st - 1e-12:
                s[p] = st
                raised_by[p] = t
                push(p)
            for k in links_of[t]:
                a, b, mn, mx = links[k]
                if a == t and where[b] >= 0 and s[b] < st + mn - 1e-12:
                    s[b] = st + mn
                    raised_by[b] = t
                    push(b)
                elif b == t and where[a] >= 0 and s[a] < st - mx - 1e-12:
                    s[a] = st - mx
                    raised_by[a] = t
                    push(a)
        for v in touched:
            r = routes[v]
            if r and self.run_end(v, r, s) > self.close[v] + 1e-9:
                return None
        groups = {self.group[v] for v in touched}
        for g in groups:
            cap = self.group_cap[g]
            if cap < INF:
                work = sum(
                    self.run_work(v, routes[v]) for v in self.runs_of[g] if routes[v]
                )
                if work > cap + 1e-9:
                    return None
        return s

    def _place_after(self, v, r, i):
        for k in range(i, -1, -1):
            if self.location[r[k]] >= 0:
                return self.location[r[k]]
        return self.base[v]

    def _feasible(self, routes, s):
        hard = self.hard
        for v, r in enumerate(routes):
            if not r:
                continue
            for t in r:
                if s[t] > hard[t] + 1e-9:
                    return None
            if self.run_end(v, r, s) > self.close[v] + 1e-9:
                return None
        if any(c < INF for c in self.group_cap):
            work = [0.0] * len(self.group_cap)
            for v, r in enumerate(routes):
                if r:
                    work[self.group[v]] += self.run_work(v, r)
            if any(w > c + 1e-9 for w, c in zip(work, self.group_cap, strict=True)):
                return None
        return s

    def run_end(self, v, r, s):
        last = r[-1]
        return (
            s[last]
            + self.duration[last]
            + self.travel[self.last_place(v, r)][self.base[v]]
        )

    def last_place(self, v, r):
        for t in reversed(r):
            if self.location[t] >= 0:
                return self.location[t]
        return self.base[v]

    def run_travel(self, v, r) -> float:
        here = self.base[v]
        total = 0.0
        for t in r:
            lt = self.location[t]
            if lt >= 0:
                total += self.travel[here][lt]
                here = lt
        if r:
            total += self.travel[here][self.base[v]]
        return total

    def run_work(self, v, r) -> float:
        busy = sum(self.duration[t] for t in r if not self.is_break[t])
        return busy + self.run_travel(v, r)
