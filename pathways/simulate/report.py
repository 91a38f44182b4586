"""A run's figures, as plain JSON-able data and as a text table.

- delayed bed-days: the days people spent in hospital after their ready day
  (the DRD, or the day their essential equipment arrived if later), summed;
  everyone counts, pathway 1 (what the policies change) also on its own.
- people waiting: ready and still in hospital at each day's end, and at the
  end of the run.
- median and 90th-percentile delay (nearest rank), in days, over everyone
  ready during the run; whoever still waits at the end counts the days so far.
- capacity used: the carer-minutes booked as a share of the providers'
  capacity over the run's days, per band.
"""

from __future__ import annotations

import math
import statistics

from .engine import Outcome
from .params import BANDS


def percentile(values: list[int], share: float) -> int:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def delays(
    outcome: Outcome, pathway: int | None = None, priority: str | None = None
) -> list[int]:
    """Days past ready of each person ready during the run."""
    days = outcome.world.params.days
    out = []
    for person in outcome.world.people:
        if person.ready_day >= days or pathway not in (None, person.pathway):
            continue
        if priority not in (None, person.priority):
            continue
        end = outcome.placed_day(person)
        if end is None:
            end = outcome.left.get(person.id, days)
        out.append(end - person.ready_day)
    return out


def capacity_used(outcome: Outcome) -> dict[str, float]:
    days = outcome.world.params.days
    used = {}
    for band in BANDS:
        booked = sum(load[band][d] for load in outcome.ledger.load for d in range(days))
        capacity = sum(
            p.capacity[band][d] for p in outcome.world.providers for d in range(days)
        )
        used[band] = round(100 * booked / capacity, 1) if capacity else 0.0
    return used


def summary(outcome: Outcome) -> dict:
    everyone, p1 = delays(outcome), delays(outcome, pathway=1)
    urgent = delays(outcome, pathway=1, priority="urgent")
    people = outcome.world.people
    waiting = sum(1 for p in people if outcome.is_waiting(p))
    return {
        "policy": outcome.policy,
        "delayed_bed_days": sum(outcome.waiting_by_day),
        "delayed_bed_days_p1": sum(outcome.waiting_p1_by_day),
        "waiting_end": outcome.waiting_by_day[-1] if outcome.waiting_by_day else 0,
        "waiting_by_day": list(outcome.waiting_by_day),
        "waiting_p1_by_day": list(outcome.waiting_p1_by_day),
        "median_delay": statistics.median(everyone) if everyone else 0,
        "p90_delay": percentile(everyone, 0.9),
        "median_delay_p1": statistics.median(p1) if p1 else 0,
        "p90_delay_p1": percentile(p1, 0.9),
        "mean_delay_p1_urgent": round(statistics.mean(urgent), 1) if urgent else 0,
        "capacity_used": capacity_used(outcome),
        "people": {
            "referred": len(people),
            "home": len(outcome.home),
            "reablement_started": len(outcome.started),
            "bed_placed": len(outcome.bedded),
            "left": len(outcome.left),
            "waiting": waiting,  # referred, not yet placed nor left
        },
        "offers_declined": outcome.offers_declined,
        "notes": dict(outcome.notes),
    }


COLUMNS = (
    ("Delayed bed-days", "delayed_bed_days"),
    ("of which pathway 1", "delayed_bed_days_p1"),
    ("Waiting at end", "waiting_end"),
    ("Median delay (days)", "median_delay"),
    ("90th pct delay (days)", "p90_delay"),
    ("P1 median delay", "median_delay_p1"),
    ("P1 90th pct delay", "p90_delay_p1"),
    ("P1 urgent mean delay", "mean_delay_p1_urgent"),
    ("Reablement starts", ("people", "reablement_started")),
    ("Left the list", ("people", "left")),
    ("Offers declined", "offers_declined"),
) + tuple((f"{band.title()} used %", ("capacity_used", band)) for band in BANDS)


def cell(summary_: dict, key) -> object:
    if isinstance(key, tuple):
        value = summary_
        for part in key:
            value = value[part]
        return value
    return summary_[key]


def table_rows(report: dict) -> tuple[list[str], list[list]]:
    """(header, rows): a row per figure, a column per policy."""
    names = list(report["policies"])
    rows = [
        [label, *(cell(report["policies"][n], key) for n in names)]
        for label, key in COLUMNS
    ]
    return ["", *names], rows


def text(report: dict) -> str:
    """The report as a plain-text table, then the sweep's findings."""
    header, rows = table_rows(report)
    cells = [header, *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in cells
    ]
    params = report["params"]
    out = [
        f"{params['days']} days from {params['start']}, seed {params['seed']}",
        *lines,
    ]
    sweep = report.get("sweep")
    if sweep:
        out += ["", *sweep_lines(sweep)]
    return "\n".join(out)


def sweep_lines(sweep: dict) -> list[str]:
    out = [
        f"What-if ({sweep['policy']}): pathway-1 delayed bed-days "
        f"{sweep['baseline']}; halving means at most {sweep['target']}."
    ]
    if not sweep["found"]:
        out.append(
            "No single addition tried (up to "
            f"+{max(sweep['steps'])}% in one band and locality, one band "
            "everywhere or one locality's every band) halves them."
        )
    for found in sweep["found"]:
        out.append(
            f"  +{found['percent']}% {found['what']}: +{found['minutes']} "
            f"carer-minutes a weekday → {found['delayed_bed_days_p1']} "
            "delayed bed-days"
        )
    plan = sweep.get("plan")
    if plan and plan["additions"]:
        verdict = "halves them" if plan["halved"] else "does not halve them"
        out.append(
            f"Smallest combination found, +{plan['minutes']} carer-minutes a "
            f"weekday in all, {verdict} ({plan['delayed_bed_days_p1']} "
            "delayed bed-days):"
        )
        out += [
            f"  +{a['percent']}% {a['band']} in {a['locality']}: "
            f"+{a['minutes']} carer-minutes a weekday"
            for a in plan["additions"]
        ]
    return out
