"""Plain-English reasons why a case is not placed, for coordinators."""

from __future__ import annotations

from collections.abc import Iterable

from .instance import eligible
from .model import Assignment, Case, Problem, Provider


def unassigned_reasons(
    problem: Problem, assignments: Iterable[Assignment]
) -> dict[str, str]:
    """Reason for every case that `assignments` leaves unplaced, by case id."""
    assignments = list(assignments)
    placed = {a.case for a in assignments}
    free = _free_capacity(problem, assignments)
    return {
        case.id: case_reason(problem, case, free)
        for case in problem.cases
        if case.id not in placed
    }


def case_reason(problem: Problem, case: Case, free: dict) -> str:
    horizon = problem.horizon
    if case.earliest_start > horizon.end:
        return (
            f"earliest start {case.earliest_start.isoformat()} is after the "
            f"horizon (ends {horizon.end.isoformat()})"
        )
    providers = [p for p in problem.providers if eligible(problem, case, p)]
    if not providers:
        return _no_provider(problem, case)
    best = min(providers, key=lambda p: (case.option(p.id).cost, p.id))
    cost = case.option(best.id).cost
    if case.weight * horizon.days - cost <= 0:
        return (
            f"placing it adds no score: weight {case.weight} × {horizon.days} "
            f"days − cost {cost} ≤ 0 even with the cheapest provider, {best.id}"
        )
    return _capacity(problem, case, best, free)


def _no_provider(problem: Problem, case: Case) -> str:
    covering = [p for p in problem.providers if case.locality in p.localities]
    if not covering:
        return f"no provider covers locality '{case.locality}'"
    missing = [_exclusion(case, p) for p in covering]
    common = set.intersection(*(set(m[0]) for m in missing))
    if common:
        skill = sorted(common)[0]
        return f"no provider covering '{case.locality}' has skill '{skill}'"
    details = "; ".join(
        f"{p.id} {_describe(skills, not_option)}"
        for p, (skills, not_option) in zip(covering, missing, strict=True)
    )
    return f"no provider covering '{case.locality}' can take it: {details}"


def _exclusion(case: Case, provider: Provider) -> tuple[list[str], bool]:
    skills = [s for s in case.skills if s not in provider.skills]
    not_option = case.options is not None and provider.id not in case.options
    return skills, not_option


def _describe(skills: list[str], not_option: bool) -> str:
    parts = []
    if skills:
        parts.append("lacks skill " + ", ".join(f"'{s}'" for s in skills))
    if not_option:
        parts.append("is not among the case's options")
    return " and ".join(parts)


def _capacity(problem: Problem, case: Case, provider: Provider, free: dict) -> str:
    horizon = problem.horizon
    first = problem.first_day(case)
    end = min(first + case.length_days, horizon.days)
    use = case.use(provider.id)
    for day in range(first, end):
        for band in problem.bands:
            need = use.get(band, 0)
            if need > 0 and need > free[provider.id][band][day]:
                return (
                    f"capacity runs out: {provider.id}, {band} band, "
                    f"from {horizon.date(day).isoformat()}"
                )
    return (
        f"not placed although {provider.id} has room from "
        f"{horizon.date(first).isoformat()}"
    )


def _free_capacity(problem: Problem, assignments: list[Assignment]) -> dict:
    days = problem.horizon.days
    free = {
        p.id: {b: list(p.capacity.get(b, (0,) * days)) for b in problem.bands}
        for p in problem.providers
    }
    cases = {c.id: c for c in problem.cases}
    for a in assignments:
        case = cases[a.case]
        start = problem.horizon.index(a.start)
        for band, minutes in case.use(a.provider).items():
            row = free[a.provider][band]
            for day in range(max(start, 0), min(start + case.length_days, days)):
                row[day] -= minutes
    return free
