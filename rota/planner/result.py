"""Planned days -> the result dict: runs, uncovered visits with reasons, objective."""

from __future__ import annotations

import datetime as dt

from .model import DAY, Problem
from .plan import fits, qualified

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def when(problem: Problem, minute: int) -> str:
    day = problem.date_of(minute)
    m = int(minute) % DAY
    return f"{DAYS[day.weekday()]} {day:%d/%m/%Y} {m // 60:02d}:{m % 60:02d}"


def clock(minute) -> str:
    m = int(minute) % DAY
    return f"{m // 60:02d}:{m % 60:02d}"


def day_routes(problem: Problem, day, state):
    """Route dicts for one planned day (runs with at least one visit)."""
    core = day.core
    out = []
    for v, r in enumerate(state.routes):
        if not any(day.slot[t] is not None for t in r):
            continue
        ai, wi, _extra = day.run[v]
        a = problem.assistants[ai]
        here = a.base
        stops = []
        for t in r:
            start = int(round(state.s[t]))
            if day.slot[t] is None:
                stops.append(
                    {
                        "break": True,
                        "start": start,
                        "end": start + int(core.duration[t]),
                    }
                )
                continue
            visit = problem.visits[day.slot[t][0]]
            drive = problem.travel[here][visit.location]
            here = visit.location
            stops.append(
                {
                    "visit": visit.id,
                    "start": start,
                    "end": start + visit.duration,
                    "travel": drive,
                    "late": max(0, start - visit.latest),
                }
            )
        home = problem.travel[here][a.base]
        first = next(s for s in stops if "visit" in s)
        leave = first["start"] - first["travel"]
        if stops[0].get("break"):
            leave = min(leave, stops[0]["start"])
        travel = sum(s.get("travel", 0) for s in stops) + home
        work = sum(s["end"] - s["start"] for s in stops if "visit" in s) + travel
        out.append(
            {
                "assistant": a.id,
                "shift": wi if wi >= 0 else None,
                "start": leave,
                "end": stops[-1]["end"] + home,
                "stops": stops,
                "travel_home": home,
                "travel": travel,
                "work_minutes": work,
            }
        )
    return out


def objective(problem: Problem, routes, uncovered_ids) -> dict:
    w = problem.weights
    visits = {v.id: v for v in problem.visits}
    regulars = problem.regulars_of()
    given: dict[str, list[str]] = {}
    lateness = max_late = relief = non_regular = travel = 0
    worked: dict[str, int] = {}
    relief_ids = {a.id for a in problem.assistants if a.relief}
    for route in routes:
        travel += route["travel"]
        worked[route["assistant"]] = (
            worked.get(route["assistant"], 0) + route["work_minutes"]
        )
        for stop in route["stops"]:
            if "visit" not in stop:
                continue
            visit = visits[stop["visit"]]
            given.setdefault(visit.id, []).append(route["assistant"])
            lateness += stop["late"]
            max_late = max(max_late, stop["late"])
            relief += route["assistant"] in relief_ids
            regs = regulars.get(visit.person)
            non_regular += bool(regs) and route["assistant"] not in regs
    seen: dict[str, set[str]] = {}
    for vid, who in given.items():
        seen.setdefault(visits[vid].person, set()).update(who)
    distinct = sum(len(s) for s in seen.values())
    moved = sorted(
        vid
        for vid, prev in problem.previous.items()
        if vid in given and set(given[vid]) != set(prev)
    )
    fairness = sum(
        abs(worked.get(a.id, 0) - a.contracted_minutes)
        for a in problem.assistants
        if not a.relief and a.contracted_minutes
    )
    parts = {
        "uncovered": len(uncovered_ids),
        "relief_visits": relief,
        "moved": len(moved),
        "lateness": lateness,
        "max_lateness": max_late,
        "distinct_assistants": distinct,
        "continuity_excess": distinct - len(seen),
        "non_regular": non_regular,
        "travel": travel,
        "fairness": fairness,
    }
    total = (
        w["uncovered"] * parts["uncovered"]
        + w["relief_visit"] * relief
        + w["moved"] * len(moved)
        + w["lateness"] * lateness
        + w["continuity"] * parts["continuity_excess"]
        + w["non_regular"] * non_regular
        + w["travel"] * travel
        + w["fairness"] * fairness
    )
    parts["total"] = round(total, 3)
    parts["covered"] = len(given)
    parts["visits"] = len(problem.visits)
    return parts, moved


def reason(problem: Problem, visit, timed_out: bool) -> str:
    """Why a visit is not covered, in plain words."""
    if timed_out:
        return "Not planned: the time limit ran out before this visit was tried."
    span = f"between {clock(visit.earliest)} and {clock(visit.latest)}"
    day = problem.date_of(visit.earliest)
    on = f"on {DAYS[day.weekday()]} {day:%d/%m/%Y}"
    needs = []
    for skill in visit.skills:
        holders = [a for a in problem.assistants if skill in a.skills]
        valid = [a for a in holders if a.has_skill(skill, day)]
        if not holders:
            needs.append(f"nobody in the team holds the {skill} competency")
        elif not valid:
            names = ", ".join(a.label() for a in holders[:4])
            needs.append(
                f"the {skill} competency of {names} has expired by {day:%d/%m/%Y}"
            )
    if needs:
        return "Cannot be covered: " + "; ".join(needs) + "."
    able = [a for a in problem.assistants if qualified(problem, a, visit)]
    if not able:
        who = f"{visit.gender} " if visit.gender else ""
        needs = ", ".join(visit.skills) or "none"
        return (
            f"Cannot be covered: no {who}assistant has every skill it needs ({needs})."
        )
    working = [a for a in able if any(fits(problem, a, w, visit) for w in a.windows())]
    if not working:
        away = [
            f"{a.label()} ({reason_text})"
            for a in able
            for s, e, reason_text in a.absences
            if s < visit.latest + visit.duration and e > visit.earliest
        ]
        extra = f"; absent: {', '.join(away[:5])}" if away else ""
        return (
            f"No qualified assistant works {on} {span} "
            f"({len(able)} hold the skills{extra})."
        )
    if visit.double_handed and len(working) < 2:
        return (
            f"Double-handed: only {working[0].label()} is qualified and working "
            f"{on} {span}; "
            "a second assistant is needed."
        )
    linked = [lk.visit for lk in visit.links]
    link_note = (
        f" It must also keep its gap to linked visit(s) {', '.join(linked)}."
        if linked
        else ""
    )
    names = ", ".join(a.label() for a in working[:6]) + (
        " …" if len(working) > 6 else ""
    )
    return (
        f"Every qualified assistant working {on} {span} ({names}) is fully booked: "
        f"no run has room for {visit.duration} minutes there without breaking "
        f"another visit or a shift.{link_note}"
    )


__all__ = ["day_routes", "objective", "reason", "when", "dt"]
