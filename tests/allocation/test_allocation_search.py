"""The neighbourhood search: where it looks, that it only ever keeps valid
plans that score more, and that it runs while the LP is being solved."""

import datetime as dt
import random
import time

import pytest

from pathways.allocation import lns
from pathways.allocation import solve as solve_module
from pathways.allocation.assemble import build_result
from pathways.allocation.check import check
from pathways.allocation.generate import generate_problem
from pathways.allocation.greedy import greedy_placements
from pathways.allocation.instance import Instance
from pathways.allocation.lns import Neighbourhoods, improve
from pathways.allocation.model import Case, Horizon, Problem, Provider, Visit
from pathways.allocation.parse import problem_from_json
from pathways.allocation.solve import solve

START = dt.date(2026, 12, 1)


def _case(i: int, locality: str, weight: int) -> Case:
    return Case(f"c{i}", locality, weight, START, 14, (Visit("am", 60),))


@pytest.fixture
def two_counties():
    """North's only provider has room for one case and two wait for it;
    south's provider has room for everyone."""
    north = Provider("north-p", ("north",), (), {"am": (60,) * 7})
    south = Provider("south-p", ("south",), (), {"am": (600,) * 7})
    cases = (
        _case(0, "north", 10),
        _case(1, "north", 30),
        _case(2, "south", 10),
        _case(3, "south", 10),
    )
    return Instance(Problem(Horizon(START, 7), ("am",), (north, south), cases))


def _at_first_day(instance: Instance, case: int) -> int:
    return instance.by_case[case][0]  # earliest start first


def test_binding_neighbourhood_frees_the_provider_its_waiting_cases_need(
    two_counties,
):
    instance = two_counties
    # c0 holds north's room, c1 (heavier) waits; the south cases start at once.
    current = {ci: _at_first_day(instance, ci) for ci in (0, 2, 3)}
    hoods = Neighbourhoods(instance, [0.0] * len(instance.placements))
    assert hoods.lost(current) == [30 * 7, 0]
    rng = random.Random(0)
    for _ in range(20):
        freed, centre = hoods.pick_binding(rng, 10, current)
        assert centre == {0}
        assert freed == {0, 1}


def test_binding_neighbourhood_offers_every_start_with_the_centre(
    two_counties, monkeypatch
):
    instance = two_counties
    monkeypatch.setattr(lns, "OFFERED_PER_CASE", 2)
    hoods = Neighbourhoods(instance, [0.0] * len(instance.placements))
    offered = hoods.offer({1}, {0}, hint=set())
    assert sorted(instance.placements[k].start for k in offered) == list(range(7))


def test_search_swaps_the_heavier_case_in(two_counties):
    instance = two_counties
    start = [_at_first_day(instance, ci) for ci in (0, 2, 3)]
    chosen = improve(
        instance,
        start,
        [0.0] * len(instance.placements),
        deadline=time.perf_counter() + 2,
        workers=1,
        seed=0,
    )
    assert {instance.placements[k].case for k in chosen} == {1, 2, 3}


@pytest.fixture(scope="module")
def tight():
    return Instance(
        problem_from_json(generate_problem(150, 12, 14, seed=7, tightness=1.0))
    )


def test_search_keeps_every_plan_valid_and_beats_the_greedy(tight):
    greedy = greedy_placements(tight)
    chosen = improve(
        tight,
        greedy,
        [0.0] * len(tight.placements),
        deadline=time.perf_counter() + 3,
        workers=2,
        seed=1,
    )
    result = build_result(tight, chosen, bound=None, method="test", started=0.0)
    assert check(tight.problem, result) == []
    greedy_score = sum(tight.placements[k].value for k in greedy)
    assert result.score > greedy_score


def test_the_plan_improves_while_the_lp_solves(tight, monkeypatch):
    real = solve_module.solve_relaxation

    def slow_lp(instance, time_limit_s, on_round=None):
        time.sleep(1.5)
        return real(instance, time_limit_s, on_round)

    monkeypatch.setattr(solve_module, "solve_relaxation", slow_lp)
    result = solve(tight.problem, time_limit_s=6, workers=2)
    assert check(tight.problem, result) == []
    assert result.stats["searched_during_lp"] > result.stats["greedy_score"]
    assert "lp_bound" in result.stats


def test_without_the_lp_the_search_still_improves(tight, monkeypatch):
    monkeypatch.setattr(solve_module, "solve_relaxation", lambda *a: None)
    result = solve(tight.problem, time_limit_s=4, workers=2)
    assert check(tight.problem, result) == []
    assert result.stats["lns_steps"] > 0  # searched, not one CP-SAT model
    assert result.score > result.stats["greedy_score"]
    assert result.bound >= result.score


def test_long_runs_report_the_tighter_provider_bound(tight, monkeypatch):
    monkeypatch.setattr(solve_module, "BOUND_MIN_SECONDS", 0.0)  # as if long
    result = solve(tight.problem, time_limit_s=5, workers=2)
    assert check(tight.problem, result) == []
    assert result.stats["provider_bound"] < result.stats["lp_bound"]
    assert result.score <= result.bound <= result.stats["provider_bound"]


def test_short_runs_leave_the_cpu_to_the_search(tight):
    result = solve(tight.problem, time_limit_s=5, workers=2)
    assert "provider_bound" not in result.stats


def test_a_work_limit_gives_the_same_plan_on_every_run(tight):
    """Searched (not solved whole), and stopped by work, not by the clock."""
    results = [
        solve(tight.problem, time_limit_s=60, workers=2, work_limit=0.5)
        for _ in range(2)
    ]
    first, second = results
    assert check(tight.problem, first) == []
    assert first.stats["lns_steps"] > 0
    assert first.stats["wall_clock_cut"] is False
    assert first.score > first.stats["greedy_score"]
    assert first.assignments == second.assignments
    assert first.bound == second.bound
