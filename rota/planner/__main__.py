"""Command line (CONTRACT.md):

    python -m rota.planner solve PROBLEM.json [--time-limit S] [--workers N] [--seed N]
        [--method alns|greedy]
    python -m rota.planner check PROBLEM.json RESULT.json
    python -m rota.planner replan PROBLEM.json RESULT.json --assistant ID --at MINUTE
    python -m rota.planner hhcrsp INSTANCE.txt [--time-limit S] [--workers N] [--seed N]
    python -m rota.planner hhcrsp-check INSTANCE.txt RESULT.json

Exit codes: 0 fine, 1 the result breaks a rule, 2 the input is invalid (every error
listed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .check import check
from .model import ProblemError
from .parse import problem_from_json
from .solver import METHODS, replan, solve


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if args.command in ("hhcrsp", "hhcrsp-check"):
        return _hhcrsp(args)
    try:
        data = _read(args.problem)
        problem = problem_from_json(data)
        result = _read(args.result) if args.command in ("check", "replan") else None
    except ProblemError as exc:
        for message in exc.errors:
            print(f"{message}", file=sys.stderr)
        return 2
    if args.command == "solve":
        out = solve(problem, args.time_limit, args.workers, args.seed, args.method)
    elif args.command == "replan":
        try:
            out = replan(
                data, result, args.assistant, args.at, args.time_limit, args.workers
            )
        except ProblemError as exc:
            for message in exc.errors:
                print(message, file=sys.stderr)
            return 2
    else:
        errors = check(problem, result)
        for message in errors:
            print(message)
        if not errors:
            o = result["objective"]
            print(
                f"ok: {o.get('covered')} of {o.get('visits')} visits covered, "
                f"total {o.get('total')}"
            )
        return 1 if errors else 0
    print(json.dumps(out, indent=1))
    return 0


def _hhcrsp(args) -> int:
    from .hhcrsp import InstanceError, read_instance

    try:
        inst = read_instance(args.instance)
        result = _read(args.result) if args.command == "hhcrsp-check" else None
    except (InstanceError, ProblemError) as exc:
        for message in exc.errors:
            print(message, file=sys.stderr)
        return 2
    if args.command == "hhcrsp-check":
        from .hhcrsp_check import check_result

        errors, figures = check_result(inst, result)
        for message in errors:
            print(message)
        if not errors:
            print(f"ok: cost {figures['cost']:.3f}")
        return 1 if errors else 0
    from .engine import optimise
    from .hhcrsp import HHCRSPObjective, build_core, result_json

    core, tasks = build_core(inst)
    state, stats = optimise(
        core, HHCRSPObjective(), args.time_limit, args.workers, args.seed
    )
    out = result_json(core, tasks, state.routes, state.s)
    out["stats"] = stats | {"peak_mb": _peak_mb()}
    print(json.dumps(out, indent=1))
    print(f"cost {out['cost']:.3f}", file=sys.stderr)
    return 0


def _peak_mb() -> float:
    """Largest resident set of this process or any of its (finished) workers, MB."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)


def _read(path):
    try:
        return json.loads(Path(path).read_text())
    except OSError as exc:
        raise ProblemError([f"{path}: cannot read file: {exc.strerror}"]) from exc
    except json.JSONDecodeError as exc:
        raise ProblemError([f"{path}: invalid JSON: {exc}"]) from exc


def _parser():
    parser = argparse.ArgumentParser(prog="python -m rota.planner")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("solve", help="plan a problem, print the result JSON")
    run.add_argument("problem")
    run.add_argument("--method", choices=METHODS, default="alns")
    again = sub.add_parser("replan", help="re-plan the rest of a day after a sickness")
    again.add_argument("problem")
    again.add_argument("result")
    again.add_argument("--assistant", required=True)
    again.add_argument("--at", type=int, required=True, help="minute from day 0, 00:00")
    verify = sub.add_parser("check", help="verify a result against its problem")
    verify.add_argument("problem")
    verify.add_argument("result")
    bench = sub.add_parser("hhcrsp", help="solve an HHCRSP benchmark instance")
    bench.add_argument("instance")
    bench_check = sub.add_parser(
        "hhcrsp-check", help="verify an HHCRSP result, print its cost"
    )
    bench_check.add_argument("instance")
    bench_check.add_argument("result")
    for p in (run, again, bench):
        p.add_argument("--time-limit", type=float, default=10.0)
        p.add_argument("--workers", type=int, default=1)
        p.add_argument("--seed", type=int, default=0)
    return parser


if __name__ == "__main__":
    sys.exit(main())
