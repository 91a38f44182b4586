"""OR-Library / Yagiura generalized assignment instances, mapped per SPEC.md.

One GAP instance becomes a one-day, one-band problem: agent i is provider
`a<i>` with capacity b_i, job j is case `j<j>` whose options give every
agent's cost c_ij and, as travel minutes, its resource use r_ij. Every case
has the same weight, 1 + sum_j max_i c_ij, so placing all jobs beats any
saving in cost, and the GAP cost of a full allocation is n * weight - score.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .model import Case, Horizon, Option, Problem, Provider, Visit

GAP_START = dt.date(2026, 1, 1)


@dataclass(frozen=True)
class Gap:
    name: str
    cost: tuple[tuple[int, ...], ...]  # [agent][job]
    resource: tuple[tuple[int, ...], ...]  # [agent][job]
    capacity: tuple[int, ...]  # [agent]

    @property
    def agents(self) -> int:
        return len(self.capacity)

    @property
    def jobs(self) -> int:
        return len(self.cost[0])

    @property
    def weight(self) -> int:
        return 1 + sum(max(row[j] for row in self.cost) for j in range(self.jobs))


def _block(tokens: list[int], pos: int, name: str) -> tuple[Gap, int]:
    m, n = tokens[pos], tokens[pos + 1]
    pos += 2

    def rows() -> tuple[tuple[int, ...], ...]:
        nonlocal pos
        out = tuple(tuple(tokens[pos + i * n : pos + (i + 1) * n]) for i in range(m))
        pos += m * n
        return out

    cost, resource = rows(), rows()
    capacity = tuple(tokens[pos : pos + m])
    return Gap(name, cost, resource, capacity), pos + m


def read_orlib(path: Path | str) -> list[Gap]:
    """All problems of an OR-Library file (`P`, then P blocks), named stem-k."""
    path = Path(path)
    tokens = [int(t) for t in path.read_text().split()]
    pos, out = 1, []
    for k in range(tokens[0]):
        gap, pos = _block(tokens, pos, f"{path.stem}-{k + 1}")
        out.append(gap)
    return out


def read_yagiura(path: Path | str) -> Gap:
    """A single-instance file in Yagiura's layout (starts with `m n`)."""
    path = Path(path)
    tokens = [int(t) for t in path.read_text().split()]
    return _block(tokens, 0, path.name)[0]


def gap_problem(gap: Gap) -> Problem:
    providers = tuple(
        Provider(f"a{i}", ("all",), (), {"slot": (gap.capacity[i],)})
        for i in range(gap.agents)
    )
    weight = gap.weight
    cases = tuple(
        Case(
            id=f"j{j}",
            locality="all",
            weight=weight,
            earliest_start=GAP_START,
            length_days=1,
            visits=(Visit("slot", 0, 1),),
            options={
                f"a{i}": Option(gap.cost[i][j], gap.resource[i][j])
                for i in range(gap.agents)
            },
        )
        for j in range(gap.jobs)
    )
    return Problem(Horizon(GAP_START, 1), ("slot",), providers, cases)


def gap_cost(gap: Gap, score: int) -> int:
    """The GAP objective of a full allocation with the given score."""
    return gap.jobs * gap.weight - score
