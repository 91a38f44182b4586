"""Small hand-made rota problems for the planner tests (no Django)."""

import copy

SQUARE = [  # four homes and an office (4), minutes
    [0, 10, 20, 10, 5],
    [10, 0, 10, 20, 10],
    [20, 10, 0, 10, 15],
    [10, 20, 10, 0, 8],
    [5, 10, 15, 8, 0],
]


def assistant(aid, **over):
    a = {
        "id": aid,
        "name": f"Assistant {aid}",
        "base": 4,
        "gender": "female",
        "skills": {"medication": None, "hoist": "2027-01-01"},
        "shifts": [{"start": 420, "end": 840}],
        "contracted_minutes": 300,
    }
    a.update(over)
    return a


def visit(vid, person, location, earliest, **over):
    v = {
        "id": vid,
        "person": person,
        "location": location,
        "earliest": earliest,
        "latest": earliest + 30,
        "duration": 30,
    }
    v.update(over)
    return v


def problem(assistants, visits, **over):
    p = {
        "start_date": "2026-11-23",
        "days": 1,
        "locations": 5,
        "travel": copy.deepcopy(SQUARE),
        "assistants": assistants,
        "visits": visits,
    }
    p.update(over)
    return p


def stops_of(result):
    """visit id -> list of (assistant, start)."""
    out = {}
    for route in result["routes"]:
        for s in route["stops"]:
            if "visit" in s:
                out.setdefault(s["visit"], []).append((route["assistant"], s["start"]))
    return out
