"""Property tests on random small rota problems: every result passes the checker,
absent or unqualified assistants are never used, and re-planning never moves a visit
that was done or under way."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rota_planner_helpers import SQUARE

from rota.planner import check, replan, solve
from rota.planner.solver import replan_problem

START = dt.date(2026, 11, 23)
SKILLS = ("medication", "hoist")
EXPIRY = (None, "2026-11-23", "2026-11-24", "2027-06-01")
FAST = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def problems(draw):
    days = draw(st.integers(1, 2))
    staff = []
    for k in range(draw(st.integers(1, 4))):
        shifts = []
        for d in range(days):
            s = d * 1440 + draw(st.integers(6, 12)) * 60
            shifts.append({"start": s, "end": s + draw(st.integers(3, 9)) * 60})
        absences = []
        if draw(st.booleans()):
            a = draw(st.integers(420, 1200))
            absences.append(
                {
                    "start": a,
                    "end": a + draw(st.integers(30, 600)),
                    "reason": "sickness",
                }
            )
        breaks = []
        if draw(st.booleans()):
            b = shifts[0]["start"] + 120
            breaks.append({"earliest": b, "latest": b + 60, "duration": 20})
        staff.append(
            {
                "id": f"a{k}",
                "base": 4,
                "gender": draw(st.sampled_from(["female", "male"])),
                "relief": draw(st.booleans()),
                "skills": {
                    s: draw(st.sampled_from(EXPIRY))
                    for s in SKILLS
                    if draw(st.booleans())
                },
                "shifts": shifts,
                "absences": absences,
                "breaks": breaks,
                "max_minutes": draw(st.sampled_from([None, 240, 600])),
                "contracted_minutes": draw(st.sampled_from([0, 300])),
            }
        )
    visits = []
    for i in range(draw(st.integers(1, 9))):
        day = draw(st.integers(0, days - 1))
        e = day * 1440 + draw(st.integers(7 * 12, 20 * 12)) * 5
        visits.append(
            {
                "id": f"v{i}",
                "person": f"p{draw(st.integers(0, 3))}",
                "location": draw(st.integers(0, 3)),
                "earliest": e,
                "latest": e + draw(st.sampled_from([0, 15, 30, 60])),
                "duration": draw(st.sampled_from([10, 15, 30, 45])),
                "skills": [s for s in SKILLS if draw(st.integers(0, 3)) == 0],
                "double_handed": draw(st.integers(0, 4)) == 0,
                "gender": draw(st.sampled_from([None, None, "female"])),
                "regulars": [f"a{k}" for k in range(len(staff)) if draw(st.booleans())],
                "links": [],
            }
        )
    for i, v in enumerate(visits[:-1]):
        w = visits[i + 1]
        if (
            w["earliest"] // 1440 == v["earliest"] // 1440
            and draw(st.integers(0, 3)) == 0
        ):
            lo = draw(st.integers(0, 60))
            v["links"].append({"visit": w["id"], "min_gap": lo, "max_gap": lo + 30})
    return {
        "start_date": START.isoformat(),
        "days": days,
        "locations": 5,
        "travel": [row[:] for row in SQUARE],
        "assistants": staff,
        "visits": visits,
    }


def _used_properly(problem, result):
    staff = {a["id"]: a for a in problem["assistants"]}
    visits = {v["id"]: v for v in problem["visits"]}
    for route in result["routes"]:
        a = staff[route["assistant"]]
        for s in route["stops"]:
            for ab in a.get("absences", []):
                assert not (s["start"] < ab["end"] and s["end"] > ab["start"])
            if "visit" not in s:
                continue
            v = visits[s["visit"]]
            date = START + dt.timedelta(days=v["earliest"] // 1440)
            for skill in v["skills"]:
                assert skill in a["skills"]
                exp = a["skills"][skill]
                assert exp is None or date < dt.date.fromisoformat(exp)
            assert v["gender"] in (None, a["gender"])


@FAST
@given(problems(), st.sampled_from(["alns", "greedy"]))
def test_every_result_passes_the_checker_and_uses_only_qualified_present_staff(
    p, method
):
    result = solve(p, time_limit_s=0.25, method=method)
    assert check(p, result) == []
    _used_properly(p, result)
    planned = {s["visit"] for r in result["routes"] for s in r["stops"] if "visit" in s}
    missing = {u["visit"] for u in result["uncovered"]}
    assert planned | missing == {v["id"] for v in p["visits"]}
    assert all(u["reason"] for u in result["uncovered"])


@FAST
@given(problems(), st.integers(0, 3), st.integers(8 * 60, 16 * 60))
def test_replanning_never_moves_a_visit_done_or_under_way(p, who, at):
    first = solve(p, time_limit_s=0.2)
    sick = p["assistants"][who % len(p["assistants"])]["id"]
    again = replan(p, first, sick, at, time_limit_s=0.3)
    assert check(replan_problem(p, first, sick, at), again) == []
    _used_properly(p, again)

    def stops(result):
        return {
            (s["visit"], r["assistant"], s["start"])
            for r in result["routes"] for s in r["stops"] if "visit" in s
        }  # fmt: skip

    started = {x for x in stops(first) if x[2] < at}
    assert started <= stops(again)
    for r in again["routes"]:
        if r["assistant"] == sick:
            assert all(
                s["start"] < at or s["start"] >= 1440
                for s in r["stops"]
                if "visit" in s and (s["visit"], sick, s["start"]) not in started
            )  # fmt: skip
