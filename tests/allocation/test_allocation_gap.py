"""OR-Library GAP instances, mapped per SPEC.md, solve to their known optima."""

import csv
from pathlib import Path

import pytest

from pathways.allocation.check import check
from pathways.allocation.orlib import gap_cost, gap_problem, read_orlib
from pathways.allocation.solve import solve

GAP = Path(__file__).resolve().parent / "fixtures" / "gap"


def known_minimum():
    with (GAP / "known_values.csv").open() as handle:
        return {
            row["instance"]: int(row["min_value"]) for row in csv.DictReader(handle)
        }


@pytest.mark.parametrize("file", ["gap1", "gap5"])
def test_gap_problems_are_solved_to_the_known_optimum(file):
    known = known_minimum()
    for gap in read_orlib(GAP / f"{file}.txt"):
        problem = gap_problem(gap)
        result = solve(problem, time_limit_s=20, workers=2)
        assert check(problem, result) == []
        assert result.status == "optimal", gap.name
        assert len(result.assignments) == gap.jobs
        assert gap_cost(gap, result.score) == known[gap.name]
