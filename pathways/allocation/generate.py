"""Seeded generator of county-like allocation problems (benchmarks, demos).

The county is a ring of localities; each provider covers one to three
neighbouring ones, so providers compete on the borders. Providers hold skills
(double-handed, dementia, PEG, catheter, bariatric) at realistic rates. Cases
have an earliest start from ten days before the horizon to its last day, an
urgency weight (60% routine 10-39, 25% 50-59, 15% urgent 80-89), a length of
one to six weeks, skills (a fifth are double-handed, with two carers on most
visits) and visits in one to four bands of 15-60 minutes. About 30% list
options: two or three of the covering providers, each with a cost (0-40) and
travel minutes (0-20). Capacity per provider, band and day is
a random share (0.6-1.4) of the demand in its localities, times `tightness`
(1.3 by default: 1.0 would be just enough for every waiting case to be active
at once), with a quarter less at weekends and a few bands not run at all;
with the eligibility rules, capacity runs short locally and cases wait.
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
CASE_SKILLS = {"dementia": 0.12, "catheter": 0.06, "peg": 0.1, "bariatric": 0.12}
URGENCY = ((10, 39, 0.6), (50, 59, 0.25), (80, 89, 0.15))  # (low, high, share)
MINUTES = (15, 30, 30, 45, 60)
LENGTHS = (7, 14, 21, 28, 42)


def generate_problem(
    cases: int,
    providers: int,
    days: int = 14,
    *,
    seed: int = 0,
    tightness: float = 1.3,
    start: dt.date = dt.date(2026, 12, 1),
) -> dict[str, Any]:
    """A problem as SPEC JSON (feed it to problem_from_json)."""
    rng = random.Random(seed)  # noqa: S311 - seeded, reproducible data
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
    double = rng.random() < 0.2
    skills = sorted(s for s, share in CASE_SKILLS.items() if rng.random() < share)
    if double:
        skills = sorted([*skills, "double_handed"])
    bands = sorted(rng.sample(BANDS, rng.choice((1, 1, 2, 2, 3, 4))), key=BANDS.index)
    visits = [
        {
            "band": band,
            "minutes": rng.choice(MINUTES),
            "carers": 2 if double and rng.random() < 0.7 else 1,
        }
        for band in bands
    ]
    low, high, _ = rng.choices(URGENCY, [u[2] for u in URGENCY])[0]
    earliest = start + dt.timedelta(days=rng.randint(-10, days))
    case = {
        "id": f"case{i}",
        "locality": locality,
        "weight": rng.randint(low, high),
        "earliest_start": earliest.isoformat(),
        "length_days": rng.choice(LENGTHS),
        "skills": skills,
        "visits": visits,
    }
    covering = [p["id"] for p in providers if locality in p["localities"]]
    if len(covering) > 1 and rng.random() < 0.3:
        case["options"] = {
            pid: {
                "cost": rng.randint(0, 40),
                "travel_minutes": rng.choice((0, 5, 10, 20)),
            }
            for pid in rng.sample(covering, min(len(covering), rng.choice((2, 2, 3))))
        }
    return case


def _set_capacity(rng, providers, cases, days, start: dt.date, tightness) -> None:
    """Each provider gets a random share of the demand in its localities."""
    demand = {(p["id"], b): 0.0 for p in providers for b in BANDS}
    for case in cases:
        covering = [p for p in providers if case["locality"] in p["localities"]]
        for visit in case["visits"]:
            minutes = (visit["minutes"] + 5) * visit["carers"]
            for p in covering:
                demand[p["id"], visit["band"]] += minutes / len(covering)
    for p in providers:
        p["capacity"] = {}
        for band in BANDS:
            base = demand[p["id"], band] * tightness * rng.uniform(0.6, 1.4)
            if rng.random() < 0.08:
                base = 0.0  # this provider does not run the band
            row = []
            for d in range(days):
                weekend = (start + dt.timedelta(days=d)).weekday() >= 5
                factor = (0.75 if weekend else 1.0) * rng.uniform(0.85, 1.15)
                row.append(int(round(base * factor / 5.0)) * 5)
            p["capacity"][band] = row
