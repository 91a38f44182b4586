"""Verify any result against its problem, rule by rule (SPEC.md).

Deliberately independent of the solver's compiled instance: it works from the
Problem alone, so a bug in the solver's bookkeeping cannot hide itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .instance import eligible
from .model import Assignment, Case, Problem, Result


def placement_value(problem: Problem, case: Case, assignment: Assignment) -> int:
    delay = problem.horizon.index(assignment.start) - problem.first_day(case)
    cost = case.option(assignment.provider).cost
    return case.weight * (problem.horizon.days - delay) - cost


def score(problem: Problem, assignments: Iterable[Assignment]) -> int:
    """The SPEC objective of a set of assignments (assumed to be valid)."""
    cases = {c.id: c for c in problem.cases}
    return sum(placement_value(problem, cases[a.case], a) for a in assignments)


def check(problem: Problem, result: Result) -> list[str]:
    """Every violated rule, as one message each; empty when the result holds."""
    violations = _coverage(problem, result)
    cases = {c.id: c for c in problem.cases}
    providers = {p.id: p for p in problem.providers}
    valid = []
    for i, a in enumerate(result.assignments):
        problems = _assignment(problem, a, cases, providers)
        violations += [f"assignments[{i}] ({a.case}): {m}" for m in problems]
        if not problems:
            valid.append(a)
    violations += _capacity(problem, valid)
    if len(valid) == len(result.assignments):
        actual = score(problem, valid)
        if actual != result.score:
            violations.append(f"score {result.score} is not the recomputed {actual}")
    violations += _status(result)
    return violations


def _coverage(problem: Problem, result: Result) -> list[str]:
    known = {c.id for c in problem.cases}
    seen = Counter(a.case for a in result.assignments)
    seen.update(u.case for u in result.unassigned)
    out = [f"case {cid!r} appears {n} times" for cid, n in seen.items() if n > 1]
    out += [f"case {cid!r} is not in the problem" for cid in seen if cid not in known]
    out += [
        f"case {c.id!r} is neither assigned nor unassigned"
        for c in problem.cases
        if c.id not in seen
    ]
    out += [
        f"unassigned case {u.case!r} has no reason"
        for u in result.unassigned
        if u.case in known and not u.reason.strip()
    ]
    return out


def _assignment(problem: Problem, a: Assignment, cases, providers) -> list[str]:
    case, provider = cases.get(a.case), providers.get(a.provider)
    if case is None:
        return ["unknown case"]
    if provider is None:
        return [f"provider {a.provider!r} is not in the problem"]
    out = []
    if not eligible(problem, case, provider):
        out.append(f"provider {a.provider!r} is not eligible")
    day = problem.horizon.index(a.start)
    first = problem.first_day(case)
    if day < first:
        out.append(f"starts {a.start.isoformat()}, before first day {first}")
    if day >= problem.horizon.days:
        out.append(f"starts {a.start.isoformat()}, after the horizon")
    return out


def _capacity(problem: Problem, assignments: list[Assignment]) -> list[str]:
    days = problem.horizon.days
    load: Counter = Counter()
    cases = {c.id: c for c in problem.cases}
    for a in assignments:
        case = cases[a.case]
        start = problem.horizon.index(a.start)
        for band, minutes in case.use(a.provider).items():
            for day in range(start, min(start + case.length_days, days)):
                load[a.provider, band, day] += minutes
    providers = {p.id: p for p in problem.providers}
    return [
        f"capacity exceeded: {pid}, {band} band, "
        f"{problem.horizon.date(day).isoformat()}: load {used} > "
        f"{providers[pid].capacity_on(band, day)}"
        for (pid, band, day), used in sorted(load.items())
        if used > providers[pid].capacity_on(band, day)
    ]


def _status(result: Result) -> list[str]:
    out = []
    if result.bound is not None and result.bound < result.score:
        out.append(f"bound {result.bound} is below score {result.score}")
    if result.status == "optimal" and result.bound != result.score:
        out.append(f"status optimal but bound {result.bound} != score")
    return out
