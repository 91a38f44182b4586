"""Generate a fictional county's reablement week as a planning problem (for the bench
and the tests). Seeded: the same arguments give the same problem.

People live around four localities; each gets 2–5 visits a day in the morning, lunch,
tea and bed bands; some are double-handed (hoist), some have a medication prompt
30–60 minutes after personal care, some ask for a female carer. Assistants work early,
late or split shifts five days in seven, hold competencies that may expire during the
week, and a few are on leave or off sick; a relief bank stands by.
"""

from __future__ import annotations

import datetime as dt
import math
import random

SKILLS = ("medication", "hoist", "dementia", "catheter", "peg")
SKILL_SHARE = {
    "medication": 0.75,
    "hoist": 0.55,
    "dementia": 0.4,
    "catheter": 0.25,
    "peg": 0.1,
}
BANDS = ((420, 570), (720, 810), (990, 1080), (1170, 1290))  # morning, lunch, tea, bed
SHIFTS = {
    "early": [(420, 870)],
    "late": [(840, 1320)],
    "split": [(420, 780), (960, 1320)],
    "long": [(420, 1320)],
}
CENTRES = ((8.0, 8.0), (30.0, 10.0), (12.0, 24.0), (32.0, 26.0))


def county(
    people=250,
    assistants=100,
    relief=8,
    days=7,
    visits_per_day=900,
    seed=1,
    start=dt.date(2026, 11, 23),
    speed_kmh=30.0,
    road_factor=1.3,
):
    rng = random.Random(seed)  # noqa: S311 (fictional data, not secrets)
    points = []
    home_of = []
    for _ in range(people):
        cx, cy = rng.choice(CENTRES)
        home_of.append(len(points))
        points.append((cx + rng.gauss(0, 4), cy + rng.gauss(0, 4)))
    offices = []
    for cx, cy in CENTRES:
        offices.append(len(points))
        points.append((cx, cy))
    n = len(points)

    def minutes(a, b):
        km = math.dist(points[a], points[b]) * road_factor
        return 0 if a == b else max(2, round(km / speed_kmh * 60))

    travel = [[minutes(i, j) for j in range(n)] for i in range(n)]
    staff = []
    for k in range(assistants + relief):
        is_relief = k >= assistants
        locality = k % len(CENTRES)
        skills = {}
        for s in SKILLS:
            if rng.random() < SKILL_SHARE[s]:
                expiry = start + dt.timedelta(
                    days=rng.choice([2, 4, 60, 200, 400, 400])
                )
                skills[s] = expiry.isoformat()
        pattern = rng.choice(list(SHIFTS))
        work_days = sorted(rng.sample(range(days), min(days, 3 if is_relief else 5)))
        shifts = [
            {"start": d * 1440 + s, "end": d * 1440 + e}
            for d in work_days
            for s, e in SHIFTS[pattern]
        ]
        breaks = [
            {"earliest": d * 1440 + 720, "latest": d * 1440 + 840, "duration": 30}
            for d in work_days
            if pattern == "long"
        ]
        staff.append(
            {
                "id": f"a{k + 1}",
                "name": f"{'Relief ' if is_relief else ''}Assistant {k + 1}",
                "base": offices[locality],
                "gender": "female" if rng.random() < 0.8 else "male",
                "relief": is_relief,
                "skills": skills,
                "shifts": shifts,
                "breaks": breaks,
                "absences": [],
                "max_minutes": 48 * 60,
                "contracted_minutes": 0
                if is_relief
                else rng.choice([1350, 1800, 2250]),
            }
        )
    for k in rng.sample(range(assistants), max(1, assistants // 20)):
        d = rng.randrange(days)
        staff[k]["absences"].append(
            {
                "start": d * 1440,
                "end": min(days, d + 3) * 1440,
                "reason": "annual leave",
            }
        )
    sick = rng.randrange(assistants)
    staff[sick]["absences"].append(
        {
            "start": 1440 * (days // 2),
            "end": 1440 * (days // 2 + 1),
            "reason": "sickness",
        }
    )
    visits = []
    per_person = visits_per_day / people
    for i in range(people):
        pid = f"p{i + 1}"
        loc = home_of[i]
        hoist = rng.random() < 0.08
        meds = rng.random() < 0.25
        dementia = rng.random() < 0.15
        female = rng.random() < 0.1
        locality = min(
            range(len(CENTRES)), key=lambda c: math.dist(points[loc], CENTRES[c])
        )
        team = [
            s["id"]
            for k, s in enumerate(staff[:assistants])
            if k % len(CENTRES) == locality
        ]
        regulars = rng.sample(team, min(3, len(team))) if team else []
        count = max(1, min(4, round(rng.gauss(per_person - (0.5 if meds else 0), 0.6))))
        bands = sorted(rng.sample(range(4), count))
        for d in range(days):
            for b in bands:
                lo, hi = BANDS[b]
                e = d * 1440 + rng.randrange(lo, hi - 30, 5)
                v = {
                    "id": f"{pid}-d{d}-b{b}",
                    "person": pid,
                    "location": loc,
                    "earliest": e,
                    "latest": e + rng.choice([30, 45, 60]),
                    "duration": rng.choice([15, 30, 30, 30, 45, 60])
                    if b == 0
                    else rng.choice([15, 30, 30]),
                    "skills": (["hoist"] if hoist else [])
                    + (["dementia"] if dementia else []),
                    "double_handed": hoist,
                    "gender": "female" if female else None,
                    "regulars": regulars,
                    "links": [],
                }
                visits.append(v)
                if meds and b == 0:
                    prompt = {
                        "id": f"{pid}-d{d}-med",
                        "person": pid,
                        "location": loc,
                        "earliest": e + 30,
                        "latest": e + 120,
                        "duration": 15,
                        "skills": ["medication"],
                        "double_handed": False,
                        "gender": "female" if female else None,
                        "regulars": regulars,
                        "links": [],
                    }
                    v["links"].append(
                        {"visit": prompt["id"], "min_gap": 30, "max_gap": 90}
                    )
                    visits.append(prompt)
    return {
        "start_date": start.isoformat(),
        "days": days,
        "locations": n,
        "travel": travel,
        "assistants": staff,
        "visits": visits,
    }
