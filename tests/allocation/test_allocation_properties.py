"""Property tests on random small problems: every solver result is valid,
never worse than the greedy baseline, and equal to an exhaustive search."""

import datetime as dt
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.allocation.bound import provider_bound
from pathways.allocation.check import check, score
from pathways.allocation.cpsat import solve_subset
from pathways.allocation.generate import generate_problem
from pathways.allocation.instance import Instance, Loads, eligible
from pathways.allocation.model import (
    Assignment,
    Case,
    Horizon,
    Option,
    Problem,
    Provider,
    Visit,
)
from pathways.allocation.parse import problem_from_json
from pathways.allocation.relax import solve_relaxation
from pathways.allocation.solve import solve

START = dt.date(2026, 12, 1)
BANDS = ("am", "pm")
SKILLS = ("dh", "peg")
LOCALITIES = ("north", "south")


@st.composite
def problems(draw, max_cases=5):
    days = draw(st.integers(1, 4))
    providers = []
    for i in range(draw(st.integers(1, 2))):
        capacity = {
            band: tuple(
                draw(st.lists(st.integers(0, 90), min_size=days, max_size=days))
            )
            for band in draw(st.sets(st.sampled_from(BANDS), min_size=1))
        }
        providers.append(
            Provider(
                f"p{i}",
                tuple(draw(st.sets(st.sampled_from(LOCALITIES), min_size=1))),
                tuple(draw(st.sets(st.sampled_from(SKILLS)))),
                capacity,
            )
        )
    cases = [
        draw(cases_(i, days, providers)) for i in range(draw(st.integers(0, max_cases)))
    ]
    return Problem(Horizon(START, days), BANDS, tuple(providers), tuple(cases))


@st.composite
def cases_(draw, i, days, providers):
    visits = draw(
        st.lists(
            st.builds(
                Visit, st.sampled_from(BANDS), st.integers(0, 45), st.integers(1, 2)
            ),
            max_size=2,
        )
    )
    options = None
    if draw(st.booleans()):
        ids = draw(st.sets(st.sampled_from([p.id for p in providers])))
        options = {
            pid: Option(draw(st.integers(0, 30)), draw(st.integers(0, 10)))
            for pid in ids
        }
    return Case(
        id=f"c{i}",
        locality=draw(st.sampled_from(LOCALITIES)),
        weight=draw(st.integers(1, 20)),
        earliest_start=START + dt.timedelta(days=draw(st.integers(-2, days))),
        length_days=draw(st.integers(1, 5)),
        visits=tuple(visits),
        skills=tuple(draw(st.sets(st.sampled_from(SKILLS), max_size=1))),
        options=options,
    )


def exhaustive_best(problem: Problem) -> int:
    """Best score over every combination of placements, by depth-first search."""
    days, horizon = problem.horizon.days, problem.horizon
    free = {
        (p.id, b, d): p.capacity_on(b, d)
        for p in problem.providers
        for b in problem.bands
        for d in range(days)
    }
    choices = []
    for case in problem.cases:
        options = []
        for p in problem.providers:
            if not eligible(problem, case, p):
                continue
            for start in range(problem.first_day(case), days):
                load = [
                    ((p.id, b, d), u)
                    for b, u in case.use(p.id).items()
                    for d in range(start, min(start + case.length_days, days))
                ]
                value = score(problem, [Assignment(case.id, p.id, horizon.date(start))])
                options.append((value, load))
        choices.append(options)

    def search(i: int) -> int:
        if i == len(choices):
            return 0
        best = search(i + 1)
        for value, load in choices[i]:
            if all(free[key] >= u for key, u in load):
                for key, u in load:
                    free[key] -= u
                best = max(best, value + search(i + 1))
                for key, u in load:
                    free[key] += u
        return best

    return search(0)


SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(problems())
def test_solver_is_valid_optimal_and_beats_greedy(problem):
    result = solve(problem, time_limit_s=10, workers=1)
    greedy = solve(problem, method="greedy")
    assert check(problem, result) == []
    assert check(problem, greedy) == []
    assert result.score >= greedy.score
    assert result.score == exhaustive_best(problem)
    assert result.status == "optimal"
    assert result.bound == result.score


@settings(max_examples=15, deadline=None)
@given(problems(max_cases=12))
def test_larger_random_problems_give_valid_results(problem):
    result = solve(problem, time_limit_s=5, workers=2)
    assert check(problem, result) == []
    assert result.bound is not None and result.bound >= result.score
    assert result.score >= solve(problem, method="greedy").score
    placed = {a.case for a in result.assignments}
    assert placed.isdisjoint(u.case for u in result.unassigned)
    assert len(placed) + len(result.unassigned) == len(problem.cases)


@SETTINGS
@given(problems())
def test_lp_bound_is_never_below_the_best_allocation(problem):
    """The LP's priced bound, from its first one-start-per-pair round on,
    holds against an exhaustive search (reported bounds rest on it)."""
    relaxation = solve_relaxation(Instance(problem), 10)
    assert relaxation is not None
    assert relaxation.safe_bound >= exhaustive_best(problem)


def test_bounds_hold_on_tight_problems_solved_to_optimum():
    """Where capacity binds, most of the LP bound is the priced capacity: a
    mispriced or dropped capacity term shows as a bound below the optimum
    (found here by CP-SAT on the whole model, with no bound). The provider
    decomposition must hold too, never above the LP bound, and close part
    of the LP's gap on all but one of the six (seed 0: the LP is within 2%
    of the optimum there and no provider's problem improves it)."""
    tighter = 0
    for seed in range(6):
        problem = problem_from_json(
            generate_problem(30, 4, 7, seed=seed, tightness=1.0)
        )
        instance = Instance(problem)
        every = list(range(len(instance.placements)))
        free = Loads(instance).free
        best = solve_subset(
            instance, every, free, hint=set(), time_limit_s=20, workers=2, seed=0
        )
        assert best.optimal
        optimum = sum(instance.placements[k].value for k in best.chosen)
        relaxation = solve_relaxation(instance, 10)
        assert relaxation.safe_bound >= optimum, seed
        by_provider, _ = provider_bound(
            instance, relaxation, deadline=time.perf_counter() + 10, workers=2
        )
        assert optimum <= by_provider <= relaxation.safe_bound, seed
        tighter += by_provider < relaxation.safe_bound
    assert tighter >= 5
