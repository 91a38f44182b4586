"""The baseline: most urgent first, earliest feasible start, cheapest provider."""

from __future__ import annotations

import time

from .assemble import build_result
from .instance import Instance, Loads
from .model import Problem, Result


def greedy_order(instance: Instance) -> list[int]:
    """Heaviest case first; ties by earliest first(c), then id."""
    cases = instance.problem.cases
    return sorted(
        range(len(cases)),
        key=lambda ci: (-cases[ci].weight, instance.first[ci], cases[ci].id),
    )


def greedy_placements(instance: Instance, loads: Loads | None = None) -> list[int]:
    """Placement indices chosen by the baseline rule, added to `loads`.

    `by_case` is sorted by start, then cost, then provider id, so the first
    placement that fits is the baseline's choice.
    """
    loads = loads or Loads(instance)
    chosen = []
    for ci in greedy_order(instance):
        for k in instance.by_case[ci]:
            if loads.fits(instance.placements[k]):
                loads.add(instance.placements[k])
                chosen.append(k)
                break
    return chosen


def solve_greedy(problem: Problem, instance: Instance | None = None) -> Result:
    started = time.perf_counter()
    instance = instance or Instance(problem)
    chosen = greedy_placements(instance)
    return build_result(instance, chosen, bound=None, method="greedy", started=started)
