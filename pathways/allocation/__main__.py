"""Command line: solve a problem file, or check a result against its problem.

    python -m pathways.allocation solve PROBLEM.json [--time-limit S]
        [--method cp-sat|greedy] [--workers N] [--seed N]
    python -m pathways.allocation check PROBLEM.json RESULT.json

Exit codes: 0 fine, 1 the result breaks a rule, 2 the input files are invalid.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .check import check
from .model import Problem, ProblemError
from .parse import problem_from_json
from .results import result_from_json, result_to_json
from .solve import METHODS, solve


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        problem = _load_problem(args.problem)
    except ProblemError as exc:
        for message in exc.errors:
            print(f"{args.problem}: {message}", file=sys.stderr)
        return 2
    if args.command == "solve":
        result = solve(
            problem,
            time_limit_s=args.time_limit,
            workers=args.workers,
            method=args.method,
            seed=args.seed,
        )
        print(json.dumps(result_to_json(result), indent=2))
        return 0
    return _check(problem, args.result)


def _check(problem: Problem, path: str) -> int:
    try:
        result = result_from_json(_read_json(path))
    except ProblemError as exc:
        for message in exc.errors:
            print(f"{path}: {message}")
        return 1
    violations = check(problem, result)
    for message in violations:
        print(message)
    if not violations:
        print(f"ok: score {result.score}, bound {result.bound}, status {result.status}")
    return 1 if violations else 0


def _load_problem(path: str) -> Problem:
    return problem_from_json(_read_json(path))


def _read_json(path: str):
    try:
        return json.loads(Path(path).read_text())
    except OSError as exc:
        raise ProblemError([f"cannot read file: {exc.strerror}"]) from exc
    except json.JSONDecodeError as exc:
        raise ProblemError([f"invalid JSON: {exc}"]) from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pathways.allocation")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("solve", help="solve a problem, print the result JSON")
    run.add_argument("problem")
    run.add_argument("--time-limit", type=float, default=10.0)
    run.add_argument("--method", choices=METHODS, default="cp-sat")
    run.add_argument("--workers", type=int, default=2)
    run.add_argument("--seed", type=int, default=0)
    verify = sub.add_parser("check", help="verify a result against its problem")
    verify.add_argument("problem")
    verify.add_argument("result")
    return parser


if __name__ == "__main__":
    sys.exit(main())
