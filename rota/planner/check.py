"""An independent checker: does a result keep every rule of its problem, and is its
objective what it says? Uses only the problem reader, never the solver's code."""

from __future__ import annotations

from .model import DAY, Problem
from .parse import problem_from_json


def check(problem, result) -> list[str]:
    """Every breach in plain words; [] when the result is valid.
    An invalid problem raises ProblemError."""
    p = problem if isinstance(problem, Problem) else problem_from_json(problem)
    if not isinstance(result, dict) or not isinstance(result.get("routes"), list):
        return ["result: must be an object with a list of routes"]
    errs: list[str] = []
    visits = {v.id: v for v in p.visits}
    people = {a.id: a for a in p.assistants}
    fixed = {f.visit: f for f in p.fixed}
    windows = {a.id: a.windows() for a in p.assistants}
    given: dict[str, list[tuple[str, int]]] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    worked: dict[str, int] = {}
    for n, route in enumerate(result["routes"]):
        where = f"route {n}"
        try:
            aid, stops = route["assistant"], route["stops"]
            a = people[aid]
            for s in stops:
                int(s["start"]), int(s["end"])
                if not s.get("break") and s["visit"] not in visits:
                    raise KeyError(s["visit"])
        except (KeyError, TypeError, ValueError):
            errs.append(
                f"{where}: malformed (assistant, stops with visit/break, start, end)"
            )
            continue
        where = f"{a.label()}'s run {n}"
        if not stops:
            errs.append(f"{where}: has no stops")
            continue
        here, free, travel, busy = a.base, None, 0, 0
        leave = None
        has_fixed = False
        for s in stops:
            if s["end"] < s["start"]:
                errs.append(f"{where}: a stop ends before it starts")
            if s.get("break"):
                if free is not None and s["start"] < free:
                    errs.append(
                        f"{where}: break at {_hm(s['start'])} overlaps the visit before"
                    )
                if leave is None:
                    leave = s["start"]
                free = s["end"]
                continue
            v = visits[s["visit"]]
            drive = p.travel[here][v.location]
            here = v.location
            travel += drive
            busy += v.duration
            if leave is None:
                leave = s["start"] - drive
            elif s["start"] < free + drive:
                errs.append(
                    f"{where}: cannot reach visit {v.id} by {_hm(s['start'])} "
                    f"(free at {_hm(free)}, {drive} min drive)"
                )
            if s.get("travel") != drive:
                errs.append(
                    f"{where}: visit {v.id} travel says {s.get('travel')}, is {drive}"
                )
            free = s["end"]
            given.setdefault(v.id, []).append((aid, s["start"]))
            if s["end"] - s["start"] != v.duration:
                errs.append(
                    f"{where}: visit {v.id} lasts {s['end'] - s['start']}, "
                    f"not {v.duration}"
                )
            if s.get("late") != max(0, s["start"] - v.latest):
                errs.append(f"{where}: visit {v.id} lateness misreported")
            f = fixed.get(v.id)
            if f is not None:
                has_fixed = True
                if aid not in f.assistants or s["start"] != f.start:
                    errs.append(
                        f"visit {v.id} is fixed to {f.assistants} at {_hm(f.start)}"
                    )
                continue
            _visit_rules(p, a, v, s, windows[aid], errs)
        home = p.travel[here][a.base]
        travel += home
        back = free + home
        if route.get("travel") != travel:
            errs.append(f"{where}: travel says {route.get('travel')}, is {travel}")
        if route.get("work_minutes") != busy + travel:
            errs.append(
                f"{where}: work minutes say {route.get('work_minutes')}, "
                f"are {busy + travel}"
            )
        worked[aid] = worked.get(aid, 0) + busy + travel
        spans.setdefault(aid, []).append((leave, back))
        window = next(
            (w for w in windows[aid] if w.start <= leave and back <= w.end), None
        )
        if window is None and not has_fixed:
            errs.append(
                f"{where}: {_hm(leave)}–{_hm(back)} is not within one of their shifts"
            )
        if window is not None:
            for b in a.breaks:
                if b.earliest >= window.start and b.latest + b.duration <= window.end:
                    ok = any(
                        s.get("break")
                        and b.earliest <= s["start"] <= b.latest
                        and s["end"] - s["start"] == b.duration
                        for s in stops
                    )
                    if not ok:
                        errs.append(
                            f"{where}: no {b.duration}-minute break starting "
                            f"{_hm(b.earliest)}–{_hm(b.latest)}"
                        )
    for aid, ss in spans.items():
        ss.sort()
        for (_s1, e1), (s2, _e2) in zip(ss, ss[1:], strict=False):
            if s2 < e1:
                errs.append(f"{people[aid].label()}: two runs overlap at {_hm(s2)}")
        cap = people[aid].max_minutes
        if cap is not None and worked[aid] > cap:
            errs.append(
                f"{people[aid].label()}: works {worked[aid]} minutes, more than {cap}"
            )
    uncovered = _coverage(p, result, given, errs)
    _links(p, given, errs)
    _objective(p, result, given, worked, uncovered, errs)
    return errs


def _visit_rules(p, a, v, s, windows, errs):
    day = p.date_of(v.earliest)
    if s["start"] < v.earliest:
        errs.append(
            f"visit {v.id} starts at {_hm(s['start'])}, "
            f"before its window {_hm(v.earliest)}"
        )
    if s["start"] > v.latest + p.max_lateness:
        errs.append(
            f"visit {v.id} starts more than {p.max_lateness} minutes after its window"
        )
    for skill in v.skills:
        if skill not in a.skills:
            errs.append(f"visit {v.id}: {a.label()} does not hold {skill}")
        elif a.skills[skill] is not None and not day < a.skills[skill]:
            errs.append(
                f"visit {v.id}: {a.label()}'s {skill} competency "
                f"expired {a.skills[skill]}"
            )
    if v.gender and a.gender != v.gender:
        errs.append(f"visit {v.id}: needs a {v.gender} assistant, {a.label()} is not")
    for start, end, why in a.absences:
        if s["start"] < end and s["end"] > start:
            errs.append(f"visit {v.id}: {a.label()} is absent then ({why})")
    if not any(w.start <= s["start"] and s["end"] <= w.end for w in windows):
        errs.append(f"visit {v.id}: {a.label()} is not on shift at {_hm(s['start'])}")


def _coverage(p, result, given, errs):
    listed = {}
    for u in result.get("uncovered") or []:
        if not isinstance(u, dict) or not u.get("reason"):
            errs.append("uncovered: every entry needs a visit and a reason")
            continue
        listed[u.get("visit")] = u["reason"]
    for v in p.visits:
        got = given.get(v.id, [])
        if not got:
            if v.id not in listed:
                errs.append(f"visit {v.id} is neither planned nor listed as uncovered")
            continue
        if v.id in listed:
            errs.append(f"visit {v.id} is planned and also listed as uncovered")
        who = {a for a, _ in got}
        if len(got) != v.slots or len(who) != v.slots:
            errs.append(
                f"visit {v.id} needs {v.slots} different assistant(s), has {len(got)}"
            )
        elif len({s for _, s in got}) != 1:
            errs.append(
                f"double-handed visit {v.id}: "
                "the two assistants start at different times"
            )
    return [vid for vid in listed if vid in {v.id for v in p.visits}]


def _links(p, given, errs):
    for v in p.visits:
        for lk in v.links:
            if v.id in given and lk.visit in given:
                gap = given[lk.visit][0][1] - given[v.id][0][1]
                if not lk.min_gap <= gap <= lk.max_gap:
                    errs.append(
                        f"visit {lk.visit} starts {gap} min after {v.id}; "
                        f"it must be {lk.min_gap}–{lk.max_gap}"
                    )


def _objective(p, result, given, worked, uncovered, errs):
    w = p.weights
    visits = {v.id: v for v in p.visits}
    relief = {a.id for a in p.assistants if a.relief}
    regs: dict[str, set[str]] = {}
    for v in p.visits:
        regs.setdefault(v.person, set()).update(v.regulars)
    seen: dict[str, set[str]] = {}
    late = max_late = n_relief = non_reg = 0
    for vid, got in given.items():
        v = visits[vid]
        for aid, start in got:
            late += max(0, start - v.latest)
            max_late = max(max_late, start - v.latest)
            n_relief += aid in relief
            non_reg += bool(regs[v.person]) and aid not in regs[v.person]
            seen.setdefault(v.person, set()).add(aid)
    moved = sum(
        1
        for vid, prev in p.previous.items()
        if vid in given and {a for a, _ in given[vid]} != set(prev)
    )
    travel = sum(r.get("travel", 0) for r in result["routes"] if isinstance(r, dict))
    fair = sum(
        abs(worked.get(a.id, 0) - a.contracted_minutes)
        for a in p.assistants
        if not a.relief and a.contracted_minutes
    )
    excess = sum(len(s) - 1 for s in seen.values())
    expect = {
        "uncovered": len(uncovered),
        "relief_visits": n_relief,
        "moved": moved,
        "lateness": late,
        "max_lateness": max(0, max_late),
        "continuity_excess": excess,
        "non_regular": non_reg,
        "travel": travel,
        "fairness": fair,
    }
    total = (
        w["uncovered"] * len(uncovered) + w["relief_visit"] * n_relief
        + w["moved"] * moved
        + w["lateness"] * late + w["continuity"] * excess + w["non_regular"] * non_reg
        + w["travel"] * travel + w["fairness"] * fair
    )  # fmt: skip
    said = result.get("objective") or {}
    for key, value in expect.items():
        if said.get(key) != value:
            errs.append(f"objective.{key} says {said.get(key)}, recomputed {value}")
    if (
        not isinstance(said.get("total"), int | float)
        or abs(said["total"] - total) > 0.01
    ):
        errs.append(
            f"objective.total says {said.get('total')}, recomputed {round(total, 3)}"
        )


def _hm(minute) -> str:
    if minute is None:
        return "?"
    m = int(minute)
    day, m = divmod(m, DAY)
    return f"{f'+{day} ' if day else ''}{m // 60:02d}:{m % 60:02d}"
