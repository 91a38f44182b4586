"""Problem validation collects every broken field at once."""

import copy

import pytest

from pathways.allocation.generate import generate_problem
from pathways.allocation.model import ProblemError
from pathways.allocation.parse import problem_from_json

BASE = generate_problem(5, 2, 7, seed=2)


def errors_of(data):
    with pytest.raises(ProblemError) as caught:
        problem_from_json(data)
    return caught.value.errors


def test_valid_problem_parses():
    problem = problem_from_json(BASE)
    assert len(problem.cases) == 5
    assert problem.horizon.days == 7


def test_every_field_error_is_reported():
    data = copy.deepcopy(BASE)
    data["horizon"]["days"] = 61
    data["cases"][1]["id"] = data["cases"][0]["id"]
    data["cases"][2]["earliest_start"] = "2026-02-30"
    data["cases"][2]["length_days"] = 0
    data["cases"][3]["visits"][0]["carers"] = 0
    data["cases"][4]["options"] = {"nobody": {"cost": -1}}
    data["providers"][0]["capacity"]["night"] = [0] * 7
    errors = errors_of(data)
    expected = [
        "horizon.days: 61 must be between 1 and 60",
        "cases[1].id: 'case0' is not unique",
        "cases[2].earliest_start: '2026-02-30' is not an ISO date YYYY-MM-DD",
        "cases[2].length_days: 0 must be between 1 and 366",
        "cases[3].visits[0].carers: 0 must be between 1 and 10",
        "cases[4].options.nobody: 'nobody' is not a provider id",
        "cases[4].options.nobody.cost: -1 must be between 0 and 1000000",
        "providers[0].capacity.night: 'night' is not in bands",
    ]
    for message in expected:
        assert message in errors


def test_missing_and_mistyped_fields_are_named():
    data = copy.deepcopy(BASE)
    del data["cases"][0]["locality"]
    data["cases"][1]["weight"] = 2.5
    data["providers"][1]["capacity"]["tea"][3] = "lots"
    errors = errors_of(data)
    assert "cases[0].locality: is required" in errors
    assert "cases[1].weight: 2.5 is not an integer" in errors
    assert "providers[1].capacity.tea[3]: 'lots' is not an integer" in errors


def test_not_an_object():
    assert errors_of([1, 2]) == ["problem: must be an object"]
