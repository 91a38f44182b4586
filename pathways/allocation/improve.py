"""Heuristics that give CP-SAT a good start: LP rounding and greedy fill-in."""

from __future__ import annotations

from .greedy import greedy_order
from .instance import Instance, Loads


def round_lp(instance: Instance, x: list[float]) -> list[int]:
    """Placements in order of LP value (then score), each if it still fits."""
    placements = instance.placements
    order = sorted(
        (k for k in range(len(placements)) if x[k] > 1e-6),
        key=lambda k: (-x[k], -placements[k].value),
    )
    loads, placed, chosen = Loads(instance), set(), []
    for k in order:
        pl = placements[k]
        if pl.case not in placed and loads.fits(pl):
            loads.add(pl)
            placed.add(pl.case)
            chosen.append(k)
    return chosen


def fill(instance: Instance, chosen: list[int]) -> list[int]:
    """Add, most urgent first, every unplaced case that still fits somewhere."""
    loads = Loads(instance)
    for k in chosen:
        loads.add(instance.placements[k])
    placed = {instance.placements[k].case for k in chosen}
    out = list(chosen)
    for ci in greedy_order(instance):
        if ci in placed:
            continue
        options = sorted(
            instance.by_case[ci], key=lambda k: -instance.placements[k].value
        )
        for k in options:
            if loads.fits(instance.placements[k]):
                loads.add(instance.placements[k])
                out.append(k)
                break
    return out
