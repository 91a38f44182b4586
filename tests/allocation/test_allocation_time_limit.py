"""The time limit is a promise: building a model counts against it, and a
solver is never started once the time is gone (on big problems the build in
Python took longer than the limit, and the solvers then ran their own full
limit on top: a 2 s run took 5.4 s)."""

import itertools
import time

import pytest
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from pathways.allocation import cpsat, relax
from pathways.allocation.generate import generate_problem
from pathways.allocation.instance import Instance, Loads
from pathways.allocation.parse import problem_from_json
from pathways.allocation.solve import solve


@pytest.fixture(scope="module")
def instance():
    return Instance(problem_from_json(generate_problem(60, 8, 14, seed=5)))


@pytest.fixture
def slow_clock(monkeypatch):
    """A clock on which every reading is a second after the last."""
    ticks = itertools.count()

    def now():
        return float(next(ticks))

    monkeypatch.setattr(cpsat.time, "perf_counter", now)
    monkeypatch.setattr(relax.time, "perf_counter", now)


def _refuse(*args, **kwargs):
    raise AssertionError("a solver was started after the time limit")


def test_cp_sat_is_not_started_when_the_build_used_the_time(
    instance, slow_clock, monkeypatch
):
    monkeypatch.setattr(cp_model.CpSolver, "solve", _refuse)
    keep = list(range(len(instance.placements)))
    sub = cpsat.solve_subset(
        instance,
        keep,
        Loads(instance).free,
        hint=set(),
        time_limit_s=3,
        workers=1,
        seed=0,
    )
    assert sub is None


def test_the_lp_is_not_solved_when_the_build_used_the_time(
    instance, slow_clock, monkeypatch
):
    monkeypatch.setattr(pywraplp.Solver, "Solve", _refuse)
    assert relax.solve_relaxation(instance, 3) is None


def test_with_time_enough_both_still_solve(instance):
    keep = list(range(len(instance.placements)))
    sub = cpsat.solve_subset(
        instance,
        keep,
        Loads(instance).free,
        hint=set(),
        time_limit_s=5,
        workers=1,
        seed=0,
    )
    assert sub is not None and sub.chosen
    assert relax.solve_relaxation(instance, 5) is not None


@pytest.mark.parametrize("limit", [1, 2])
def test_a_large_tight_problem_stops_on_time(limit):
    """The promise on the benchmark's largest problem, in wall-clock time:
    the LP thread, the search and the result all inside limit + 1 s."""
    problem = problem_from_json(generate_problem(1000, 60, 21, seed=4, tightness=1.0))
    started = time.perf_counter()
    result = solve(problem, time_limit_s=limit, workers=2)
    assert time.perf_counter() - started <= limit + 1
    assert result.score > 0
