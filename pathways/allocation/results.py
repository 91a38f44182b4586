"""Result <-> JSON (SPEC.md "Result")."""

from __future__ import annotations

from typing import Any

from .model import RESULT_SCHEMA, Assignment, ProblemError, Result, Unassigned
from .parse import FieldReader

STATUSES = ("optimal", "feasible")


def result_to_json(result: Result) -> dict[str, Any]:
    return {
        "schema": RESULT_SCHEMA,
        "status": result.status,
        "score": result.score,
        "bound": result.bound,
        "assignments": [
            {"case": a.case, "provider": a.provider, "start": a.start.isoformat()}
            for a in result.assignments
        ],
        "unassigned": [{"case": u.case, "reason": u.reason} for u in result.unassigned],
        "stats": dict(result.stats),
    }


def result_from_json(data: Any) -> Result:
    """Build a Result, or raise ProblemError listing every malformed field."""
    r = FieldReader()
    root = r.obj(data, "result")
    if root is None:
        raise ProblemError(r.errors)
    if root.get("schema", RESULT_SCHEMA) != RESULT_SCHEMA:
        r.fail("schema", f"{root.get('schema')!r} is not {RESULT_SCHEMA!r}")
    status = r.field(root, "status", "")
    if status not in STATUSES:
        r.fail("status", f"{status!r} is not one of {', '.join(STATUSES)}")
    score = r.integer(r.field(root, "score", ""), "score", -(10**18), 10**18)
    bound = root.get("bound")
    if bound is not None:
        bound = r.integer(bound, "bound", -(10**18), 10**18)
    assignments = []
    for i, raw in enumerate(r.items(r.field(root, "assignments", ""), "assignments")):
        path = f"assignments[{i}]"
        item = r.obj(raw, path) or {}
        case = r.text(r.field(item, "case", path), f"{path}.case")
        provider = r.text(r.field(item, "provider", path), f"{path}.provider")
        start = r.date(r.field(item, "start", path), f"{path}.start")
        assignments.append(Assignment(case or "", provider or "", start))
    unassigned = []
    for i, raw in enumerate(r.items(r.field(root, "unassigned", ""), "unassigned")):
        path = f"unassigned[{i}]"
        item = r.obj(raw, path) or {}
        case = r.text(r.field(item, "case", path), f"{path}.case")
        reason = item.get("reason", "")
        if not isinstance(reason, str):
            r.fail(f"{path}.reason", "must be a string")
        unassigned.append(Unassigned(case or "", str(reason)))
    stats = root.get("stats") if isinstance(root.get("stats"), dict) else {}
    if r.errors:
        raise ProblemError(r.errors)
    return Result(
        status, score, bound, tuple(assignments), tuple(unassigned), dict(stats)
    )
