"""solve() and replan(): plain dict in, plain dict out (CONTRACT.md)."""

from __future__ import annotations

import copy
import time

from .alns import alns
from .engine import optimise
from .exchange import improve_continuity
from .greedy import greedy
from .model import DAY, Problem, ProblemError
from .parse import problem_from_json
from .plan import History, RotaObjective, build_day, warm_routes
from .result import day_routes, objective, reason
from .search import deadline_from

METHODS = ("alns", "greedy")
CONTINUITY_SHARE = 0.15  # of each day's time, for the continuity pass after the search
DEADLINE_MARGIN = 0.1


def solve(
    problem, time_limit_s=10.0, workers=1, seed=0, method="alns", warm=None
) -> dict:
    """Plan every day of the horizon; `problem` is the contract's dict (or a Problem).
    `warm`: an earlier result to start from (its runs are kept where they still fit)."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}")
    began = time.monotonic()
    p = problem if isinstance(problem, Problem) else problem_from_json(problem)
    # kept back for writing the result and the reasons (about 1 s per 6000 visits)
    time_limit_s -= min(0.3 * time_limit_s, 0.1 + 0.00016 * len(p.visits))
    history = History()
    routes, uncovered, iterations, exchanged = [], [], 0, 0
    timed_out = False
    person_of = {v.id: v.person for v in p.visits}
    fixed = {f.visit for f in p.fixed}
    per_day = [
        sum(1 for v in p.visits if v.day == d and v.id not in fixed)
        for d in range(p.days)
    ]
    present = {v.day for v in p.visits}
    for d in range(p.days):
        if d not in present:
            continue
        left = time_limit_s - (time.monotonic() - began)
        share = left * per_day[d] / max(1, sum(per_day[d:]))
        if warm:  # minutes the earlier plan has fixed on later days are spoken for
            history.ahead = _ahead(warm, d)
        day = build_day(p, d, history)
        obj = RotaObjective(p, day, history, d)
        try:
            state, stats = _plan_day(
                p, day, obj, share, method, workers, seed + d, warm
            )
        except ValueError as exc:
            raise ProblemError(
                [f"fixed: on day {d} ({p.date_of(d * DAY):%d/%m/%Y}) {exc}"]
            ) from exc
        iterations += stats["iterations"]
        exchanged += stats.get("continuity_moves", 0)
        tried = stats.get("tried_all", True)
        timed_out = timed_out or not tried
        got = day_routes(p, day, state)
        routes.extend(got)
        for u in sorted(state.unassigned):
            visit = p.visits[day.unit_visit[u]]
            uncovered.append({"visit": visit.id, "reason": reason(p, visit, not tried)})
        for route in got:
            history.worked[route["assistant"]] = (
                history.worked.get(route["assistant"], 0) + route["work_minutes"]
            )
            for stop in route["stops"]:
                if "visit" in stop:
                    person = person_of[stop["visit"]]
                    history.seen.setdefault(person, set()).add(route["assistant"])
    parts, moved = objective(p, routes, [u["visit"] for u in uncovered])
    routes.sort(key=lambda r: (r["start"], r["assistant"]))
    return {
        "status": "time_limit" if timed_out else "ok",
        "routes": routes,
        "uncovered": uncovered,
        "moved": moved,
        "objective": parts,
        "stats": {
            "method": method,
            "seconds": round(time.monotonic() - began, 3),
            "iterations": iterations,
            "continuity_moves": exchanged,
            "workers": workers,
            "seed": seed,
        },
    }


def _ahead(result, day):
    out: dict[str, float] = {}
    for route in result.get("routes", []):
        if route["start"] // DAY > day:
            out[route["assistant"]] = (
                out.get(route["assistant"], 0) + route["work_minutes"]
            )
    return out


def _plan_day(p, day, obj, seconds, method, workers, seed, warm):
    if method == "greedy":
        return greedy(day.core, obj, seconds)
    if warm:
        start = warm_routes(p, day, warm)
        return optimise(
            day.core, obj, seconds, workers=workers, seed=seed, routes=start
        )
    # the baseline's runs, preferring among the assistants free to be on time one
    # the person has already seen (continuity), are a second start: the search
    # never ends below that start
    began = time.monotonic()
    base, _ = greedy(day.core, obj, seconds / 4, familiar=True)
    left = (1 - CONTINUITY_SHARE) * seconds - (time.monotonic() - began)
    state, stats = optimise(day.core, obj, left, workers=workers, seed=seed, also=base)
    # then a visit of an assistant the person sees only once goes to one they know
    state, moves = improve_continuity(
        day.core, obj, state, began + seconds - DEADLINE_MARGIN
    )
    stats["continuity_moves"] = moves["moves"]
    rest = began + seconds - time.monotonic()
    if rest > 1.0:  # the pass ended early: the search carries on from its plan
        state, more = alns(day.core, obj, state, deadline_from(rest), seed + 1000)
        stats["iterations"] += more
    return state, stats


def replan(problem, result, assistant, at, time_limit_s=5.0, workers=1, seed=0) -> dict:
    """Re-plan the rest of the day after `assistant` goes off sick at minute `at`.
    Check the new result against `replan_problem(problem, result, assistant, at)`."""
    began = time.monotonic()
    data = replan_problem(problem, result, assistant, at)
    time_limit_s -= time.monotonic() - began
    return solve(
        data, time_limit_s=time_limit_s, workers=workers, seed=seed, warm=result
    )


def replan_problem(problem, result, assistant, at) -> dict:
    """The problem a re-plan solves: the sickness as an absence, what started fixed,
    the earlier plan as `previous`."""
    data = copy.deepcopy(problem if isinstance(problem, dict) else _as_dict(problem))
    p = problem_from_json(data)
    if assistant not in {a.id for a in p.assistants}:
        raise ProblemError([f"assistant: no assistant {assistant!r}"])
    day = at // DAY
    visits = {v.id: v for v in p.visits}
    started: dict[str, dict] = {}
    previous: dict[str, list[str]] = {}
    for route in result.get("routes", []):
        for stop in route["stops"]:
            if "visit" not in stop:
                continue
            previous.setdefault(stop["visit"], []).append(route["assistant"])
            if stop["start"] < at or visits[stop["visit"]].day != day:
                f = started.setdefault(
                    stop["visit"], {"visit": stop["visit"], "assistants": []}
                )
                f["assistants"].append(route["assistant"])
                f["start"] = stop["start"]
    # the sick assistant finishes what is under way and goes home
    free_from = at
    sick = next(a for a in p.assistants if a.id == assistant)
    for route in result.get("routes", []):
        if route["assistant"] != assistant:
            continue
        for stop in route["stops"]:
            if "visit" in stop and stop["start"] < at:
                free_from = max(
                    free_from,
                    stop["end"] + p.travel[visits[stop["visit"]].location][sick.base],
                )
    for a in data["assistants"]:
        if a["id"] == assistant:
            a.setdefault("absences", []).append(
                {"start": free_from, "end": (day + 1) * DAY, "reason": "reported sick"}
            )
    kept = {f["visit"] for f in data.get("fixed", [])}
    data["fixed"] = list(data.get("fixed", [])) + [
        f for k, f in started.items() if k not in kept
    ]
    data["previous"] = {k: v for k, v in previous.items() if k not in started}
    return data


def _as_dict(problem):
    raise TypeError("replan needs the problem as the contract's dict")
