"""The example problems reach their independently proven best scores."""

import json
from pathlib import Path

import pytest

from pathways.allocation.check import check
from pathways.allocation.parse import problem_from_json
from pathways.allocation.results import result_from_json, result_to_json
from pathways.allocation.solve import solve

EXAMPLES = Path(__file__).resolve().parent / "fixtures"


def load(name):
    return problem_from_json(json.loads((EXAMPLES / f"{name}.json").read_text()))


@pytest.mark.parametrize(("name", "best"), [("tiny", 820), ("small", 28417)])
def test_solver_reaches_proven_best(name, best):
    problem = load(name)
    result = solve(problem, time_limit_s=20, workers=2)
    assert check(problem, result) == []
    assert (result.score, result.bound, result.status) == (best, best, "optimal")


def test_greedy_baseline_on_tiny_scores_748():
    problem = load("tiny")
    result = solve(problem, method="greedy")
    assert check(problem, result) == []
    assert (result.score, result.bound, result.status) == (748, None, "feasible")
    assert result.stats["method"] == "greedy"


def test_result_json_round_trips():
    problem = load("tiny")
    result = solve(problem, time_limit_s=5, workers=1)
    data = json.loads(json.dumps(result_to_json(result)))
    assert data["schema"] == "locality-hub/allocation-result/1"
    again = result_from_json(data)
    assert again.assignments == result.assignments
    assert again.unassigned == result.unassigned
    assert (again.score, again.bound, again.status) == (820, 820, "optimal")
