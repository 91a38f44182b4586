"""A day of a rota problem as a core instance, and what a day's plan costs.

The horizon is planned a day at a time, in order: what earlier days did (which
assistants each person has already seen, minutes each assistant has worked) is
carried forward, so continuity and fairness hold over the week.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .core import INF, Core
from .model import DAY, Problem
from .search import Objective, pinned_routes, pinned_routes_caps


@dataclass
class History:
    seen: dict[str, set[str]] = field(default_factory=dict)  # person -> assistants
    worked: dict[str, float] = field(default_factory=dict)  # assistant -> minutes
    ahead: dict[str, float] = field(default_factory=dict)  # minutes fixed on later days


@dataclass
class Day:
    core: Core
    slot: list  # task -> (visit index, slot) or None for a break
    run: list  # run -> (assistant index, window index, extra)
    unit_visit: list  # unit -> visit index


def qualified(problem: Problem, a, visit) -> bool:
    day = problem.date_of(visit.earliest)
    if visit.gender and a.gender != visit.gender:
        return False
    return all(a.has_skill(s, day) for s in visit.skills)


def fits(problem: Problem, a, w, visit) -> bool:
    t_out = problem.travel[a.base][visit.location]
    t_back = problem.travel[visit.location][a.base]
    start = max(visit.earliest, w.start + t_out)
    return (
        start <= visit.latest + problem.max_lateness
        and start + visit.duration + t_back <= w.end
    )


def build_day(problem: Problem, day: int, history: History) -> Day:
    core = Core(travel=problem.travel)
    runs = []
    run_of_window = {}
    windows = [a.windows() for a in problem.assistants]
    for ai, a in enumerate(problem.assistants):
        for wi, w in enumerate(windows[ai]):
            if w.start // DAY == day:
                run_of_window[(ai, wi)] = core.add_run(a.base, w.start, w.end, ai)
                runs.append((ai, wi, False))
    slot = []
    a_index = {a.id: i for i, a in enumerate(problem.assistants)}
    fixed = {f.visit: f for f in problem.fixed}
    first_task = {}
    for vi, v in enumerate(problem.visits):
        if v.day != day:
            continue
        f = fixed.get(v.id)
        made = []
        for k in range(v.slots):
            if f is not None:
                ai = a_index[f.assistants[k]]
                v_run = _run_for_fixed(problem, core, runs, run_of_window, ai, f, v)
                t = core.add_task(
                    f.start, v.latest, v.duration, v.location, [v_run], f.start
                )
                core.pinned[t] = v_run
            else:
                allowed = [
                    r
                    for r, (ai, wi, extra) in enumerate(runs)
                    if not extra
                    and qualified(problem, problem.assistants[ai], v)
                    and fits(problem, problem.assistants[ai], windows[ai][wi], v)
                ]
                hard = v.latest + problem.max_lateness
                t = core.add_task(
                    v.earliest, v.latest, v.duration, v.location, allowed, hard
                )
            slot.append((vi, k))
            made.append(t)
        if len(made) == 2:
            core.partner[made[0]], core.partner[made[1]] = made[1], made[0]
        first_task[v.id] = made[0]
    for v in problem.visits:
        if v.day != day:
            continue
        for lk in v.links:
            if lk.visit in first_task:
                core.links.append(
                    (first_task[v.id], first_task[lk.visit], lk.min_gap, lk.max_gap)
                )
    for r, (ai, wi, extra) in enumerate(runs):
        if extra:
            continue
        a = problem.assistants[ai]
        w = windows[ai][wi]
        for b in a.breaks:
            if b.earliest >= w.start and b.latest + b.duration <= w.end:
                t = core.add_task(b.earliest, INF, b.duration, -1, [r], b.latest)
                core.pinned[t] = r
                core.is_break[t] = True
                slot.append(None)
    core.group_cap = [
        _day_cap(a, day, history, windows[ai])
        for ai, a in enumerate(problem.assistants)
    ]
    core.horizon = (day + 2) * DAY + problem.max_lateness
    core.finish()
    unit_visit = [slot[m[0]][0] for m in core.units]
    return Day(core, slot, runs, unit_visit)


def _day_cap(a, day, history, windows):
    """Minutes the assistant may work today: what is left of `max_minutes`, spread
    over the days they still work (a fifth more than an even share), so that a week
    planned day by day does not use someone up before their last shift."""
    if a.max_minutes is None:
        return INF
    used = history.worked.get(a.id, 0.0) + history.ahead.get(a.id, 0.0)
    left = max(0.0, a.max_minutes - used)
    days_left = len({w.start // DAY for w in windows if w.start // DAY >= day})
    if days_left <= 1 or history.ahead:  # later days' minutes are already reserved
        return left
    return min(left, 1.2 * left / days_left)


def _run_for_fixed(problem, core, runs, run_of_window, ai, f, v):
    a = problem.assistants[ai]
    for wi, w in enumerate(a.windows()):
        if (
            w.start <= f.start
            and f.start + v.duration <= w.end
            and (ai, wi) in run_of_window
        ):
            return run_of_window[(ai, wi)]
    for r, (aj, _wi, extra) in enumerate(runs):  # one extra run per assistant and day
        if extra and aj == ai:
            core.open[r] = min(
                core.open[r], f.start - problem.travel[a.base][v.location]
            )
            core.close[r] = max(
                core.close[r], f.start + v.duration + problem.travel[v.location][a.base]
            )
            return r
    r = core.add_run(
        a.base,
        f.start - problem.travel[a.base][v.location],
        f.start + v.duration + problem.travel[v.location][a.base],
        ai,
    )
    runs.append((ai, -1, True))
    return r


class RotaObjective(Objective):
    def __init__(self, problem: Problem, day: Day, history: History, day_index: int):
        w = problem.weights
        self.p, self.d, self.h, self.w = problem, day, history, w
        self.w_travel, self.w_late, self.w_uncovered = (
            w["travel"],
            w["lateness"],
            w["uncovered"],
        )
        self.regulars = problem.regulars_of()
        self.share = (day_index + 1) / problem.days
        self.seen: dict[str, set[str]] = {}

    def _who(self, t, v):
        vi, _k = self.d.slot[t]
        return self.p.visits[vi], self.p.assistants[self.d.core.group[v]]

    def prepare(self, core, routes):
        self.seen = {p: set(s) for p, s in self.h.seen.items()}
        for v, r in enumerate(routes):
            for t in r:
                if self.d.slot[t] is not None:
                    visit, a = self._who(t, v)
                    self.seen.setdefault(visit.person, set()).add(a.id)

    def note(self, t, v):
        visit, a = self._who(t, v)
        self.seen.setdefault(visit.person, set()).add(a.id)

    def stranger(self, t, v) -> bool:
        """Would task t on run v bring the person an assistant they have not seen
        (when they have seen someone)?"""
        visit, a = self._who(t, v)
        seen = self.seen.get(visit.person)
        return bool(seen) and a.id not in seen

    def bias(self, t, v):
        visit, a = self._who(t, v)
        w, cost = self.w, 0.0
        seen = self.seen.get(visit.person)
        if seen and a.id not in seen:
            cost += w["continuity"]
        return cost + self.slot_cost(visit, a)

    def slot_cost(self, visit, a) -> float:
        """What giving `visit` to assistant `a` costs apart from continuity: not
        one of the person's regulars, from the relief bank, moved from the plan
        before."""
        w, cost = self.w, 0.0
        regs = self.regulars.get(visit.person)
        if regs and a.id not in regs:
            cost += w["non_regular"]
        if a.relief:
            cost += w["relief_visit"]
        prev = self.p.previous.get(visit.id)
        if prev is not None and a.id not in prev:
            cost += w["moved"]
        return cost

    def total(self, core, routes, s, unassigned):
        p, w = self.p, self.w
        cost = w["uncovered"] * len(unassigned)
        seen: dict[str, set[str]] = {}
        given: dict[int, set[str]] = {}
        work = [0.0] * len(p.assistants)
        for v, r in enumerate(routes):
            if not r:
                continue
            a = p.assistants[core.group[v]]
            cost += w["travel"] * core.run_travel(v, r)
            work[core.group[v]] += core.run_work(v, r)
            for t in r:
                if self.d.slot[t] is None:
                    continue
                vi, _k = self.d.slot[t]
                visit = p.visits[vi]
                cost += w["lateness"] * max(0.0, s[t] - visit.latest)
                seen.setdefault(visit.person, set()).add(a.id)
                given.setdefault(vi, set()).add(a.id)
                regs = self.regulars.get(visit.person)
                if regs and a.id not in regs:
                    cost += w["non_regular"]
                if a.relief:
                    cost += w["relief_visit"]
        for person, today in seen.items():
            cost += w["continuity"] * (len(today | self.h.seen.get(person, set())) - 1)
        for vi, who in given.items():
            prev = p.previous.get(p.visits[vi].id)
            if prev is not None and who != set(prev):
                cost += w["moved"]
        for ai, a in enumerate(p.assistants):
            if a.relief or not a.contracted_minutes:
                continue
            done = self.h.worked.get(a.id, 0.0) + work[ai]
            cost += w["fairness"] * abs(done - a.contracted_minutes * self.share)
        return cost


def warm_routes(problem: Problem, day: Day, result) -> list[list[int]] | None:
    """The runs of an earlier result, as task orders on this day's runs (a warm start).

    Stops that no longer fit a run (an assistant who went off sick) are left out, to be
    planned again; None when the earlier plan cannot be kept at all."""
    core = day.core
    visit_index = {v.id: i for i, v in enumerate(problem.visits)}
    tasks_of: dict[int, list[int]] = {}
    for t, sl in enumerate(day.slot):
        if sl is not None:
            tasks_of.setdefault(sl[0], []).append(t)
    breaks_of: dict[int, list[int]] = {}
    for t, sl in enumerate(day.slot):
        if sl is None:
            breaks_of.setdefault(core.pinned[t], []).append(t)
    a_index = {a.id: i for i, a in enumerate(problem.assistants)}
    placed: dict[int, list[tuple[float, int]]] = {v: [] for v in range(core.n_runs)}
    used = set()
    for route in result.get("routes", []):
        ai = a_index.get(route.get("assistant"))
        for stop in route.get("stops", []):
            if stop.get("break"):
                for v, ts in breaks_of.items():
                    if core.group[v] != ai:
                        continue
                    for t in ts:
                        if (
                            t not in used
                            and core.earliest[t] <= stop["start"] <= core.hard[t]
                        ):
                            used.add(t)
                            placed[v].append((stop["start"], t))
                            break
                continue
            if "visit" not in stop or stop["visit"] not in visit_index:
                continue
            free = [
                t for t in tasks_of.get(visit_index[stop["visit"]], []) if t not in used
            ]
            runs = [
                v
                for v in range(core.n_runs)
                if core.group[v] == ai
                and core.open[v] <= stop["start"] <= core.close[v]
            ]
            if not free or not runs:
                continue
            t = next((x for x in free if core.pinned[x] == runs[0]), free[0])
            if core.pinned[t] >= 0 and core.pinned[t] not in runs:
                continue
            if core.pinned[t] < 0 and runs[0] not in core.allowed[t]:
                continue
            used.add(t)
            placed[runs[0]].append((stop["start"], t))
    for u in core.units:  # a pair kept only by halves is planned again whole
        if len(u) == 2 and (u[0] in used) != (u[1] in used):
            used -= set(u)
    # the whole earlier plan at once (breaks where they were), when it still fits
    whole = []
    for v in range(core.n_runs):
        when = {t: at for at, t in placed[v] if t in used}
        mine = list(when) + [
            t for t in range(core.n_tasks) if core.pinned[t] == v and t not in when
        ]
        whole.append(
            sorted(mine, key=lambda t, when=when: when.get(t, core.earliest[t]))
        )
    if core.schedule(whole) is not None:
        pinned_routes_caps(core, whole)
        return whole
    # else start from the fixed visits and breaks, then take back each run as it
    # was, as long as everything still fits (a run that no longer fits is re-planned)
    routes = pinned_routes(core)
    for v in range(core.n_runs):
        when = {t: at for at, t in placed[v] if t in used}
        if not when:
            continue
        keep = routes[v]
        mine = [t for t in keep if t not in when] + list(when)
        routes[v] = sorted(mine, key=lambda t: when.get(t, core.earliest[t]))
        if core.schedule(routes) is None:
            routes[v] = keep
    return routes
