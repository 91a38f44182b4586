"""The discharge simulator: a county over N days, seeded, under each policy.

Pure Python (no Django): `params` (the settings and their defaults),
`world` (what the seed draws: referrals, providers, capacity, sickness),
`engine` (the days, the capacity ledger), `policies` (greedy, allocator,
allocator with declines), `report` (the figures), `sweep` (what extra
capacity halves the delays). `web/` is the hub's page for managers.

    python -m pathways.simulate --days 90 --seed 1
"""

from __future__ import annotations

from collections.abc import Callable

from .engine import simulate
from .params import POLICIES, Params
from .policies import policy_make
from .report import summary
from .sweep import sweep
from .world import world_build

__all__ = ["POLICIES", "Params", "run"]


def run(
    params: Params,
    policies: tuple[str, ...] = POLICIES,
    *,
    what_if: bool = True,
    progress: Callable[[int, str], None] | None = None,
) -> dict:
    """Every policy on the same world, and the what-if sweep: a JSON-able
    report. `progress(percent, words)` hears of each step."""
    world = world_build(params)
    report = {"params": params.to_json(), "policies": {}}
    share = 70 if what_if else 100
    for n, name in enumerate(policies):
        if progress:
            done = share * n // len(policies)
            progress(done, f"Simulating {params.days} days under “{name}”")
        outcome = simulate(world, policy_make(name, params))
        report["policies"][name] = summary(outcome)
    if what_if:
        baseline = report["policies"].get(params.sweep_policy)

        def step(done: int, total: int) -> None:
            if progress:
                words = f"What-if: extra capacity, candidate {done + 1} of {total}"
                progress(share + (100 - share - 5) * done // total, words)

        report["sweep"] = sweep(
            params,
            baseline=baseline["delayed_bed_days_p1"] if baseline else None,
            progress=step,
        )
    return report
