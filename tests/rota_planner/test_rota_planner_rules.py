"""What a coordinator would notice in a plan: the hard rules hold, the uncovered visits
say why, the objective prefers the person's regulars, relief only when needed."""

import pytest
from rota_planner_helpers import assistant, problem, stops_of, visit

from rota.planner import ProblemError, check, solve

FAST = {"time_limit_s": 0.6}


def plan(p):
    result = solve(p, **FAST)
    assert check(p, result) == []
    return result


def test_double_handed_visit_gets_two_assistants_starting_together():
    p = problem(
        [assistant("a1"), assistant("a2"), assistant("a3")],
        [visit("v1", "p1", 0, 480, double_handed=True, skills=["hoist"])],
    )
    got = stops_of(plan(p))["v1"]
    assert len({a for a, _ in got}) == 2
    assert len({s for _, s in got}) == 1


def test_linked_visit_keeps_its_gap():
    p = problem(
        [assistant("a1"), assistant("a2")],
        [
            visit(
                "care",
                "p1",
                0,
                480,
                links=[{"visit": "med", "min_gap": 45, "max_gap": 60}],
            ),
            visit("med", "p1", 0, 480, latest=600, duration=10),
        ],
    )
    got = stops_of(plan(p))
    gap = got["med"][0][1] - got["care"][0][1]
    assert 45 <= gap <= 60


def test_expired_competency_is_never_used_and_the_reason_says_so():
    p = problem(
        [assistant("a1", skills={"peg": "2026-11-20"})],
        [visit("v1", "p1", 0, 480, skills=["peg"])],
    )
    result = plan(p)
    assert stops_of(result) == {}
    (miss,) = result["uncovered"]
    assert "peg competency" in miss["reason"] and "expired" in miss["reason"]


def test_competency_valid_until_the_day_before_its_expiry():
    p = problem(
        [assistant("a1", skills={"peg": "2026-11-24"})],
        [visit("v1", "p1", 0, 480, skills=["peg"])],
    )
    assert "v1" in stops_of(plan(p))


def test_absent_assistant_is_not_used_and_the_reason_names_the_absence():
    p = problem(
        [
            assistant(
                "a1", absences=[{"start": 420, "end": 900, "reason": "annual leave"}]
            )
        ],
        [visit("v1", "p1", 0, 480)],
    )
    result = plan(p)
    assert result["uncovered"][0]["visit"] == "v1"
    assert "annual leave" in result["uncovered"][0]["reason"]


def test_gender_preference_is_kept():
    p = problem(
        [assistant("m1", gender="male"), assistant("f1", gender="female")],
        [visit("v1", "p1", 0, 480, gender="female")],
    )
    assert stops_of(plan(p))["v1"][0][0] == "f1"


def test_no_visit_before_its_window_and_lateness_reported():
    p = problem(
        [assistant("a1")], [visit("v1", "p1", 0, 600), visit("v2", "p2", 2, 600)]
    )
    result = plan(p)
    got = stops_of(result)
    assert all(s >= 600 for _, s in got["v1"] + got["v2"])
    assert result["objective"]["lateness"] > 0  # one of the two waits for the other


def test_regular_assistant_preferred_and_relief_only_when_needed():
    p = problem(
        [assistant("a1"), assistant("a2"), assistant("r1", relief=True)],
        [visit("v1", "p1", 0, 480, regulars=["a2"]), visit("v2", "p2", 2, 480)],
    )
    got = stops_of(plan(p))
    assert got["v1"][0][0] == "a2"
    assert got["v2"][0][0] == "a1"
    quiet = problem(
        [assistant("a1"), assistant("r1", relief=True)],
        [visit("v1", "p1", 0, 480), visit("v2", "p2", 2, 600)],
    )
    who = {a for v in stops_of(plan(quiet)).values() for a, _ in v}
    assert who == {"a1"}  # the relief bank stays at home
    busy = problem(
        [assistant("a1"), assistant("r1", relief=True)],
        [
            visit("v1", "p1", 0, 480, duration=90),
            visit("v2", "p2", 2, 480, duration=90),
        ],
    )
    who = {a for v in stops_of(plan(busy)).values() for a, _ in v}
    assert who == {"a1", "r1"}  # rather than a visit nearly two hours late


def test_break_is_taken_within_its_window():
    p = problem(
        [assistant("a1", breaks=[{"earliest": 600, "latest": 660, "duration": 30}])],
        [visit(f"v{i}", f"p{i}", i % 4, 480 + 45 * i) for i in range(6)],
    )
    result = plan(p)
    (route,) = result["routes"]
    (brk,) = [s for s in route["stops"] if s.get("break")]
    assert 600 <= brk["start"] <= 660 and brk["end"] - brk["start"] == 30


def test_fixed_visit_stays_put():
    p = problem(
        [assistant("a1"), assistant("a2")],
        [visit("v1", "p1", 0, 480), visit("v2", "p2", 0, 480)],
        fixed=[{"visit": "v1", "assistants": ["a2"], "start": 500}],
    )
    assert stops_of(plan(p))["v1"] == [("a2", 500)]


def test_every_field_error_is_listed():
    bad = problem(
        [assistant("a1", base=9), {"id": ""}],
        [
            visit(
                "v1",
                "p1",
                0,
                480,
                duration=0,
                links=[{"visit": "nope", "min_gap": 5, "max_gap": 1}],
            )
        ],
        days=0,
    )
    with pytest.raises(ProblemError) as caught:
        solve(bad)
    text = "\n".join(caught.value.errors)
    for expected in (
        "days: must be at least 1",
        "assistants[0].base: no location 9",
        "assistants[1].id: must be a non-empty string",
        "visits[0].duration: must be at least 1",
        "visits[0].links[0].max_gap",
    ):
        assert expected in text


def test_checker_catches_a_tampered_plan():
    p = problem(
        [assistant("a1")], [visit("v1", "p1", 0, 480), visit("v2", "p2", 2, 540)]
    )
    result = plan(p)
    result["routes"][0]["stops"][0]["start"] -= 60
    errors = check(p, result)
    assert any("before its window" in e for e in errors)


def test_fixed_visits_that_clash_are_refused_with_a_reason():
    p = problem(
        [assistant("a1")],
        [visit("v1", "p1", 0, 480), visit("v2", "p2", 2, 480)],
        fixed=[
            {"visit": "v1", "assistants": ["a1"], "start": 480},
            {"visit": "v2", "assistants": ["a1"], "start": 490},
        ],
    )
    with pytest.raises(ProblemError) as caught:
        solve(p, **FAST)
    assert "fixed: on day 0 (23/11/2026)" in caught.value.errors[0]
