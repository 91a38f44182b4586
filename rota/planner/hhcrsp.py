"""The HHCRSP benchmark (Mankowska et al. 2014): read an instance, solve it.

Format and cost: ../shared/benchmarks/hhcrsp/README.md. Each required (patient,
service) is a task; a double-service patient with mind = maxd = 0 is a double-handed
pair, any other is a link (the higher service starts mind..maxd after the lower one).
Staff leave the depot at time 0 and never have to be back by any time.

    cost = (travel + total tardiness + largest tardiness) / 3
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .core import INF, Core
from .search import Objective

SECTIONS = ("nbNodes", "nbVehi", "nbServi", "r", "DS", "a", "x", "y", "d", "p")
SECTIONS += ("mind", "maxd", "e", "l")


class InstanceError(ValueError):
    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class Instance:
    name: str
    n_nodes: int
    n_staff: int
    n_services: int
    need: list[list[int]]
    double: list[int]
    qualified: list[list[int]]
    d: list[list[float]]
    p: list[list[float]]
    mind: list[float]
    maxd: list[float]
    e: list[float]
    l: list[float]  # noqa: E741 (the paper's name)

    @property
    def patients(self):
        return range(1, self.n_nodes - 1)

    def services_of(self, i):
        return [s for s in range(self.n_services) if self.need[i][s]]


def read_instance(path) -> Instance:
    path = Path(path)
    try:
        text = path.read_text()
    except OSError as exc:
        raise InstanceError([f"{path}: cannot read file: {exc.strerror}"]) from exc
    return parse_instance(text, path.stem)


def parse_instance(text: str, name: str = "instance") -> Instance:
    sections: dict[str, list[str]] = {}
    current = None
    for raw in text.split():
        if raw in SECTIONS:
            current = raw
            sections[current] = []
        elif current is None:
            raise InstanceError([f"{name}: number before the first section: {raw!r}"])
        else:
            sections[current].append(raw)
    missing = [s for s in SECTIONS if s not in sections]
    if missing:
        raise InstanceError([f"{name}: missing section(s): {', '.join(missing)}"])
    try:
        num = {k: [float(x) for x in v] for k, v in sections.items()}
    except ValueError as exc:
        raise InstanceError([f"{name}: not a number: {exc}"]) from exc
    n, k, s = int(num["nbNodes"][0]), int(num["nbVehi"][0]), int(num["nbServi"][0])

    def grid(key, rows, cols):
        vals = num[key]
        if len(vals) != rows * cols:
            raise InstanceError(
                [f"{name}: section {key} has {len(vals)} numbers, not {rows * cols}"]
            )
        return [vals[r * cols : (r + 1) * cols] for r in range(rows)]

    need = [[int(x) for x in row] for row in grid("r", n, s)]
    qualified = [[int(x) for x in row] for row in grid("a", k, s)]
    d = grid("d", n, n)
    blocks = grid("p", n * k, s)
    p = [blocks[i * k] for i in range(n)]
    double = sorted(int(x) - 1 for x in num["DS"])
    return Instance(
        name=name,
        n_nodes=n,
        n_staff=k,
        n_services=s,
        need=need,
        double=double,
        qualified=qualified,
        d=d,
        p=p,
        mind=grid("mind", 1, n)[0],
        maxd=grid("maxd", 1, n)[0],
        e=grid("e", 1, n)[0],
        l=grid("l", 1, n)[0],
    )


def build_core(inst: Instance):
    """The core for an instance, and task index -> (patient, service)."""
    core = Core(travel=inst.d)
    tasks = []
    for i in inst.patients:
        made = []
        for s in inst.services_of(i):
            staff = [k for k in range(inst.n_staff) if inst.qualified[k][s]]
            t = core.add_task(inst.e[i], inst.l[i], inst.p[i][s], i, staff)
            tasks.append((i, s))
            made.append(t)
        if len(made) == 2:
            a, b = made
            if inst.mind[i] == 0 and inst.maxd[i] == 0:
                core.partner[a], core.partner[b] = b, a
            else:
                core.links.append((a, b, inst.mind[i], inst.maxd[i]))
    for k in range(inst.n_staff):
        core.add_run(0, 0.0, INF, k)
    span = max(inst.l) + sum(core.duration) + sum(max(row) for row in inst.d) + 1
    core.horizon = span
    return core.finish(), tasks


class HHCRSPObjective(Objective):
    """The benchmark's cost (`total`, times 3). The weights are those the
    insertions price places with, not the cost's: on a plan of over 100 units
    (`tune`) a minute late is priced as three minutes of travel, because a
    greedy insertion that takes lateness at its face value packs visits onto
    runs already busy (or onto the only staff qualified for a rare service)
    and leaves the later visits very late; the search keeps or drops a plan by
    its true cost. The start is the cheapest of a few constructions
    (`start_late_weights`)."""

    w_peak = 1.0  # the largest tardiness is a term of its own
    w_travel = 1.0
    w_late = 1.0
    w_uncovered = 1e6
    start_late_weights = (1.0, 3.0, 10.0)
    prune = True  # the instances' travel times are Euclidean distances
    # Smaller moves on F and H (200-300 patients): each unit put back costs more
    # there, and more, smaller moves find more in the same time.
    q_big = 12

    def tune(self, core):
        if len(core.units) > 100:
            self.w_late = self.w_peak = 3.0

    def total(self, core, routes, s, unassigned):
        travel = sum(core.run_travel(v, r) for v, r in enumerate(routes))
        tard = [max(0.0, s[t] - core.due[t]) for r in routes for t in r]
        return (
            travel
            + sum(tard)
            + max(tard, default=0.0)
            + self.w_uncovered * len(unassigned)
        )


def parts(core, routes, s):
    travel = sum(core.run_travel(v, r) for v, r in enumerate(routes))
    tard = [max(0.0, s[t] - core.due[t]) for r in routes for t in r]
    return travel, sum(tard), max(tard, default=0.0)


def result_json(core, tasks, routes, s):
    visits = []
    for v, r in enumerate(routes):
        for t in r:
            i, sv = tasks[t]
            visits.append(
                # unrounded: a start rounded down could come before the arrival
                # the checker works out from the rounded start before it
                {"patient": i, "service": sv, "staff": v, "start": s[t]}
            )
    visits.sort(key=lambda x: (x["staff"], x["start"]))
    travel, tard, tmax = parts(core, routes, s)
    return {
        "visits": visits,
        "cost": round((travel + tard + tmax) / 3, 6),
        "travel": round(travel, 6),
        "tardiness": round(tard, 6),
        "max_tardiness": round(tmax, 6),
    }
