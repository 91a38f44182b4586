"""Command line: simulate the county and print the policies side by side.

    python -m pathways.simulate --days 90 --seed 1 [--policy greedy ...]
        [--work-limit W] [--time-limit S] [--no-what-if] [--json OUT]

Same seed, same result: the allocator's daily solves stop at a
deterministic work limit (--work-limit), not on the clock, unless one runs
into its time limit (--time-limit, the outer promise; the report counts
those, "solves_cut_by_clock"). --work-limit 0 stops on the clock alone.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import run
from .params import POLICIES, Params
from .report import text


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    params = Params(days=args.days, seed=args.seed)
    if args.time_limit is not None:
        params = params.with_(time_limit_s=args.time_limit)
    if args.work_limit is not None:
        params = params.with_(work_limit=args.work_limit)
    if args.decline_share is not None:
        params = params.with_(decline_share=args.decline_share)
    if args.sweep_policy is not None:
        params = params.with_(sweep_policy=args.sweep_policy)
    errors = params.errors()
    if errors:
        for message in errors:
            sys.stderr.write(message + "\n")
        return 2
    policies = tuple(args.policy) if args.policy else POLICIES

    def progress(_percent: int, step: str) -> None:
        if args.verbose:
            sys.stderr.write(step + "\n")

    report = run(params, policies, what_if=not args.no_what_if, progress=progress)
    sys.stdout.write(text(report) + "\n")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(report, out, indent=1)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pathways.simulate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--days", type=int, default=Params.days)
    parser.add_argument("--seed", type=int, default=Params.seed)
    parser.add_argument(
        "--policy",
        action="append",
        choices=POLICIES,
        help="a policy to run (repeat for more); all three by default",
    )
    parser.add_argument(
        "--time-limit", type=float, help="seconds per daily solve, at most"
    )
    parser.add_argument(
        "--work-limit",
        type=float,
        help="CP-SAT deterministic seconds per daily solve (0: clock only)",
    )
    parser.add_argument("--decline-share", type=float, help="for allocator-declines")
    parser.add_argument("--sweep-policy", choices=POLICIES)
    parser.add_argument(
        "--no-what-if", action="store_true", help="skip the capacity sweep"
    )
    parser.add_argument("--json", metavar="OUT", help="write the full report here")
    parser.add_argument("-v", "--verbose", action="store_true", help="progress")
    return parser


if __name__ == "__main__":
    sys.exit(main())
