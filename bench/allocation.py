"""Benchmark the allocator: generated county problems and OR-Library GAP.

    python bench/allocation.py [--quick] [--only NAME] [--workers N] [--limit S]

Each problem runs in its own child process, so the peak memory column is that
process's maximum resident set (OR-Tools allocates in C++, which tracemalloc
cannot see). Rows:

* gen-<cases>: county-like problems from pathways.allocation.generate (seeded;
  see its docstring), 50/200/500 cases with 8/20/40 providers over 14 days,
  and 1000 cases with 60 providers over 21 days; 10 s limit (30 s for 1000).
  gen-500-t1.0 and gen-1000-t1.0 are the same sizes with capacity cut to
  tightness 1.0 (just enough for every waiting case to be active at once):
  there the plan matters most, so for them "known" is the best score known
  (BEST_KNOWN says how each was found) and "vs known%" the score as a share
  of it (the targets: 99.5% for 500 cases in 10 s, 99% for 1000 in 30 s).
* gapN-k: OR-Library gap1-gap12, all five problems per file, 10 s limit.
* c05100 ... d20200 (gapc/gapd) and c10400 ... d40400 (Yagiura): 30 s limit.

`--limit S` runs every row with that time limit instead of its own: the
time limit is a promise (no run longer than the limit plus 1 s, column
"over"), and short limits are where it is hardest to keep.

For GAP rows the allocator's score is turned back into a GAP cost
(n x weight - score, SPEC.md) and compared with the known minimum.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared next to the checkout (/work/main), or two up from a worktree
# (/work/wt/<name>).
SHARED = next(
    (p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()),
    ROOT.parent / "shared",
)
GAP = SHARED / "benchmarks" / "gap"
GENERATED = {  # name: (cases, providers, days, tightness, seed, time limit)
    "gen-50": (50, 8, 14, 1.3, 1, 10),
    "gen-200": (200, 20, 14, 1.3, 2, 10),
    "gen-500": (500, 40, 14, 1.3, 3, 10),
    "gen-500-t1.0": (500, 40, 14, 1.0, 3, 10),
    "gen-1000": (1000, 60, 21, 1.3, 4, 30),
    "gen-1000-t1.0": (1000, 60, 21, 1.0, 4, 30),
}
# name: (best score known, how it was found). Each was checked by
# `python -m pathways.allocation check`; none is proven optimal.
BEST_KNOWN = {
    "gen-500-t1.0": (247226, "this solver (before the binding neighbourhoods), 120 s"),
    "gen-1000-t1.0": (706710, "this solver, 30 s, 2 workers, load ~3, 06/12/2026"),
}
QUICK = ["gen-50", "gen-200", "gen-500", *(f"gap1-{k}" for k in range(1, 6))]
QUICK += ["c05100", "d05100"]


def gap_catalogue() -> dict[str, tuple[str, int | None, int, int]]:
    """name -> (file, problem position or None, known min value, time limit)."""
    out = {}
    with (GAP / "known_values.csv").open() as handle:
        for row in csv.DictReader(handle):
            if row["included"] != "yes":
                continue
            name, file = row["instance"], row["file"]
            kind = Path(file).name
            if file.startswith("orlib/gap") and kind[3:4].isdigit():
                limit = 10
            elif kind in ("gapc.txt", "gapd.txt") or name[0] in "cd":
                limit = 30
            else:
                continue  # types A, B and E are not among the targets
            problem = int(row["problem"]) if row["problem"] else None
            out[name] = (file, problem, int(row["min_value"]), limit)
    return out


def load(name: str):
    from pathways.allocation.generate import generate_problem
    from pathways.allocation.orlib import gap_problem, read_orlib, read_yagiura
    from pathways.allocation.parse import problem_from_json

    if name in GENERATED:
        cases, providers, days, tightness, seed, limit = GENERATED[name]
        data = generate_problem(cases, providers, days, seed=seed, tightness=tightness)
        return problem_from_json(data), None, None, limit
    file, position, known, limit = gap_catalogue()[name]
    if position is None:
        gap = read_yagiura(GAP / file)
    else:
        gap = read_orlib(GAP / file)[position - 1]
    return gap_problem(gap), gap, known, limit


def child(name: str, workers: int, limit: float | None) -> None:
    from pathways.allocation.check import check
    from pathways.allocation.orlib import gap_cost
    from pathways.allocation.solve import solve

    problem, gap, known, own_limit = load(name)
    limit = own_limit if limit is None else limit
    greedy = solve(problem, method="greedy")
    started = time.perf_counter()
    result = solve(problem, time_limit_s=limit, workers=workers)
    seconds = time.perf_counter() - started
    row = {
        "name": name,
        "size": f"{len(problem.cases)}x{len(problem.providers)}x{problem.horizon.days}",
        "score": result.score,
        "bound": result.bound,
        "status": result.status,
        "seconds": round(seconds, 2),
        "over": round(seconds - limit, 2),
        "greedy": greedy.score,
        "violations": len(check(problem, result)),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }
    if name in BEST_KNOWN:
        row["best"] = BEST_KNOWN[name][0]
    if gap is not None:
        row["cost"] = gap_cost(gap, result.score)
        row["lower"] = gap_cost(gap, result.bound)
        row["known"] = known
    print(json.dumps(row))


def names(args) -> list[str]:
    every = list(GENERATED) + list(gap_catalogue())
    chosen = QUICK if args.quick else every
    if args.only:
        chosen = [n for n in every if n == args.only or n.startswith(args.only + "-")]
    return chosen


HEADER = (
    f"{'problem':14} {'size':>12} {'score':>10} {'bound':>10} {'gap%':>6} "
    f"{'s':>6} {'over':>5} {'MB':>5} {'greedy':>10} {'+greedy%':>8} "
    f"{'cost':>6} {'known':>6} {'vs known%':>9}"
)


def line(row: dict) -> str:
    gap = 100 * (row["bound"] - row["score"]) / max(1, abs(row["bound"]))
    gain = 100 * (row["score"] - row["greedy"]) / max(1, abs(row["greedy"]))
    text = (
        f"{row['name']:14} {row['size']:>12} {row['score']:>10} {row['bound']:>10} "
        f"{gap:>6.3f} {row['seconds']:>6.1f} {row['over']:>+5.1f} {row['peak_mb']:>5} "
        f"{row['greedy']:>10} {gain:>8.2f}"
    )
    if "best" in row:
        text += f" {'':>6} {row['best']:>6} {100 * row['score'] / row['best']:>9.2f}"
    if "known" in row:
        versus = 100 * (row["cost"] - row["known"]) / row["known"]
        text += f" {row['cost']:>6} {row['known']:>6} {versus:>9.2f}"
    if row["violations"]:
        text += f"  INVALID ({row['violations']} violations)"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small subset")
    parser.add_argument("--only", help="one problem, or a GAP file such as gap12")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=float, help="one time limit for every row")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.workers, args.limit)
        return
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at start: {load} ({os.cpu_count()} cores)", flush=True)
    print(HEADER, flush=True)
    for name in names(args):
        done = subprocess.run(  # noqa: S603 - our own script, fixed arguments
            [sys.executable, __file__, "--child", name, "--workers", str(args.workers)]
            + (["--limit", str(args.limit)] if args.limit is not None else []),
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            print(f"{name:14} FAILED: {done.stderr.strip().splitlines()[-1:]}")
            continue
        print(line(json.loads(done.stdout.strip().splitlines()[-1])), flush=True)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at end: {load}", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
