"""Turn chosen placements into a Result with a reason for each unplaced case."""

from __future__ import annotations

import time

from .instance import Instance
from .model import Result, Unassigned
from .reasons import unassigned_reasons


def build_result(
    instance: Instance,
    chosen: list[int],
    *,
    bound: int | None,
    method: str,
    started: float,
    extra: dict[str, object] | None = None,
) -> Result:
    by_case = {instance.placements[k].case: k for k in chosen}
    assignments = tuple(instance.assignment(by_case[ci]) for ci in sorted(by_case))
    score = sum(instance.placements[k].value for k in chosen)
    reasons = unassigned_reasons(instance.problem, assignments)
    unassigned = tuple(
        Unassigned(case.id, reasons[case.id])
        for case in instance.problem.cases
        if case.id in reasons
    )
    status = "optimal" if bound is not None and bound == score else "feasible"
    stats: dict[str, object] = {
        "seconds": round(time.perf_counter() - started, 3),
        "method": method,
    }
    stats.update(extra or {})
    return Result(status, score, bound, assignments, unassigned, stats)
