"""What-if: how much more capacity, in which band and locality, would halve
the delays?

Each candidate adds x% to one band's weekday capacity in one locality (every
provider there), to one band everywhere, or to every band in one locality,
and reruns the same world (same arrivals, sickness and caseload) under
`sweep_policy`. For each candidate the smallest step of `sweep_steps` that
brings pathway-1 delayed bed-days to half the baseline or fewer is found by
bisection (more capacity is taken not to make delays worse); the findings
are listed by the carer-minutes a weekday they add, smallest first.
"""

from __future__ import annotations

from collections.abc import Callable

from .engine import simulate
from .params import BANDS, Params
from .policies import policy_make
from .world import world_build


def p1_delayed(params: Params, policy: str) -> int:
    outcome = simulate(world_build(params), policy_make(policy, params))
    return sum(outcome.waiting_p1_by_day)


def candidates(params: Params) -> list[tuple[str, str, str]]:
    """(locality, band, in words); "*" is every locality or band."""
    out = [
        (locality, band, f"{band} in {locality}")
        for locality in params.localities
        for band in BANDS
    ]
    out += [("*", band, f"{band} in every locality") for band in BANDS]
    out += [(loc, "*", f"every band in {loc}") for loc in params.localities]
    out.append(("*", "*", "every band in every locality"))
    return out


def added_minutes(params: Params, locality: str, band: str, percent: int) -> int:
    localities = len(params.localities) if locality == "*" else 1
    bands = BANDS if band == "*" else (band,)
    weekday = sum(params.capacity_of.get(b, 0) for b in bands)
    return round(weekday * percent / 100) * params.providers_per_locality * localities


def sweep(
    params: Params,
    *,
    baseline: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    policy = params.sweep_policy
    if baseline is None:
        baseline = p1_delayed(params, policy)
    target = baseline // 2
    steps = sorted(params.sweep_steps)
    found, runs = [], 0
    cells = candidates(params)
    for n, (locality, band, words) in enumerate(cells):
        if progress:
            progress(n, len(cells))
        if baseline == 0:
            break

        def halves(percent: int, locality=locality, band=band) -> int | None:
            nonlocal runs
            runs += 1
            tried = params.with_(
                extra_capacity=(*params.extra_capacity, (locality, band, percent))
            )
            delayed = p1_delayed(tried, policy)
            return delayed if delayed <= target else None

        top = halves(steps[-1])
        if top is None:
            continue
        low, high, best = 0, len(steps) - 2, (steps[-1], top)
        while low <= high:  # smallest step that halves
            middle = (low + high) // 2
            delayed = halves(steps[middle])
            if delayed is not None:
                best, high = (steps[middle], delayed), middle - 1
            else:
                low = middle + 1
        percent, delayed = best
        found.append(
            {
                "locality": locality,
                "band": band,
                "what": words,
                "percent": percent,
                "minutes": added_minutes(params, locality, band, percent),
                "delayed_bed_days_p1": delayed,
            }
        )
    found.sort(key=lambda f: (f["minutes"], f["percent"], f["what"]))
    plan, plan_runs = combined(
        params,
        baseline,
        target,
        progress=(lambda n: progress(len(cells) + n, len(cells) + ROUNDS))
        if progress
        else None,
    )
    return {
        "policy": policy,
        "baseline": baseline,
        "target": target,
        "steps": steps,
        "found": found,
        "plan": plan,
        "runs": runs + plan_runs,
    }


ROUNDS = 30


def combined(params: Params, baseline: int, target: int, progress=None):
    """When no single addition halves the delays: add `sweep_increment`% at
    a time to the band and locality that cuts the most delayed bed-days per
    carer-minute added, until they are halved (or ROUNDS steps, or no step
    helps). Returns the additions by band and locality, and the runs made."""
    policy, step = params.sweep_policy, params.sweep_increment
    added: dict[tuple[str, str], int] = {}
    delayed, runs, rounds = baseline, 0, 0
    while delayed > target and rounds < ROUNDS and baseline:
        if progress:
            progress(rounds)
        rounds += 1
        best = None
        for locality in params.localities:
            for band in BANDS:
                if not params.capacity_of.get(band):
                    continue
                cell = (locality, band)
                trial = {**added, cell: added.get(cell, 0) + step}
                runs += 1
                result = p1_delayed(_with(params, trial), policy)
                gain = (delayed - result) / added_minutes(params, locality, band, step)
                if best is None or gain > best[0]:
                    best = (gain, (locality, band), result)
        if best is None or best[0] <= 0:
            break
        added[best[1]] = added.get(best[1], 0) + step
        delayed = best[2]
    return {
        "additions": [
            {
                "locality": locality,
                "band": band,
                "percent": percent,
                "minutes": added_minutes(params, locality, band, percent),
            }
            for (locality, band), percent in sorted(added.items())
        ],
        "minutes": sum(
            added_minutes(params, locality, band, percent)
            for (locality, band), percent in added.items()
        ),
        "delayed_bed_days_p1": delayed,
        "halved": delayed <= target,
    }, runs


def _with(params: Params, added: dict[tuple[str, str], int]) -> Params:
    extra = tuple((loc, band, pc) for (loc, band), pc in sorted(added.items()))
    return params.with_(extra_capacity=(*params.extra_capacity, *extra))
