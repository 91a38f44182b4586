"""Seeded generator of county-like allocation problems (benchmarks, demos).

The county is a ring of localities; each provider covers one to three
neighbouring ones, so providers compete on the borders. Providers hold skills
(double-handed, dementia, PEG, catheter, bariatric) at realistic rates. Cases
arrive with an earliest start from a few days before the horizon to just
after it, a weight from 1 (routine) to 10 (urgent, skewed low), a length of
one to six weeks, skills (a quarter need two carers), and one of the usual
visit patterns (four calls a day, morning and bed, morning only, ...). Most
cases list options with a cost and travel minutes per eligible provider; a
few restrict themselves to a subset. Capacity per provider, band and day is
a share of the demand that falls in its localities, scaled so the county has
about `tightness` of what it needs, with dips at weekends.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .model import PROBLEM_SCHEMA

BANDS = ("morning", "lunch", "tea", "bed")
SKILLS = {
    "double_handed": 0.7,
    "dementia": 0.5,
    "catheter": 0.3,
    "peg": 0.2,
    "bariatric": 0.15,
}
CASE_SKILLS = {"dementia": 0.2, "catheter": 0.08, "peg": 0.04, "bariatric": 0.03}
PATTERNS = (  # (weight of the pattern, visits as (band, minutes))
    (3, (("morning", 45), ("lunch", 30), ("tea", 30), ("bed", 30))),
    (4, (("morning", 45), ("bed", 30))),
    (3, (("morning", 60),)),
    (2, (("morning", 30), ("tea", 30))),
    (1, (("lunch", 30), ("bed", 30))),
    (1, (("morning", 45), ("lunch", 30), ("bed", 45))),
)
LENGTHS = (7, 14, 21, 28, 42)


def generate_problem(
    cases: int,
    providers: int,
    days: int = 14,
    *,
    seed: int = 0,
    tightness: float = 0.8,
    start: dt.date = dt.date(2026, 12, 1),
) -> dict[str, Any]:
    """A problem as SPEC JSON (feed it to problem_from_json)."""
    rng = random.Random(seed)
    n_loc = max(3, providers // 5)
    localities = [f"loc{i}" for i in range(n_loc)]
    provs = [_provider(rng, i, localities) for i in range(providers)]
    case_list = [_case(rng, i, localities, provs, start, days) for i in range(cases)]
    _set_capacity(rng, provs, case_list, days, start, tightness)
    return {
        "schema": PROBLEM_SCHEMA,
        "horizon": {"start": start.isoformat(), "days": days},
        "bands": list(BANDS),
        "providers": provs,
        "cases": case_list,
    }


def _provider(rng: random.Random, i: int, localities: list[str]) -> dict:
    home = rng.randrange(len(localities))
    reach = rng.choice((1, 2, 2, 3))
    covered = sorted({localities[(home + k) % len(localities)] for k in range(reach)})
    skills = sorted(s for s, share in SKILLS.items() if rng.random() < share)
    return {"id": f"prov{i}", "localities": covered, "skills": skills}


def _case(rng, i, localities, providers, start: dt.date, days: int) -> dict:
    locality = rng.choice(localities)
    double = rng.random() < 0.25
    skills = sorted(s for s, share in CASE_SKILLS.items() if rng.random() < share)
    if double:
        skills = sorted([*skills, "double_handed"])
    pattern = rng.choices([p for _, p in PATTERNS], [w for w, _ in PATTERNS])[0]
    visits = [
        {"band": band, "minutes": minutes, "carers": 2 if double else 1}
        for band, minutes in pattern
    ]
    earliest = start + dt.timedelta(days=rng.randint(-5, days + 1))
    case = {
        "id": f"case{i}",
        "locality": locality,
        "weight": min(10, 1 + int(rng.expovariate(0.45))),
        "earliest_start": earliest.isoformat(),
        "length_days": rng.choice(LENGTHS),
        "skills": skills,
        "visits": visits,
    }
    covering = [p["id"] for p in providers if locality in p["localities"]]
    if covering and rng.random() < 0.8:
        if rng.random() < 0.15:
            covering = rng.sample(covering, max(1, len(covering) // 2))
        case["options"] = {
            pid: {"cost": rng.randint(0, 40), "travel_minutes": rng.choice((0, 5, 10))}
            for pid in covering
        }
    return case


def _set_capacity(rng, providers, cases, days, start: dt.date, tightness) -> None:
    demand = {(p["id"], b): 0.0 for p in providers for b in BANDS}
    for case in cases:
        covering = [p for p in providers if case["locality"] in p["localities"]]
        active = min(case["length_days"], days) / days
        for visit in case["visits"]:
            minutes = (visit["minutes"] + 5) * visit["carers"] * active
            for p in covering:
                demand[p["id"], visit["band"]] += minutes / len(covering)
    for p in providers:
        p["capacity"] = {}
        for band in BANDS:
            base = demand[p["id"], band] * tightness * rng.uniform(0.7, 1.3)
            if rng.random() < 0.08:
                base = 0.0  # this provider does not run the band
            row = []
            for d in range(days):
                weekend = (start + dt.timedelta(days=d)).weekday() >= 5
                factor = (0.75 if weekend else 1.0) * rng.uniform(0.9, 1.1)
                row.append(int(round(base * factor / 15.0)) * 15)
            p["capacity"][band] = row
