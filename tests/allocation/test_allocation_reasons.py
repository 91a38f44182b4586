"""Every kind of unplaced case gets a reason a coordinator understands."""

import datetime as dt

from pathways.allocation.check import check
from pathways.allocation.model import Case, Horizon, Option, Problem, Provider, Visit
from pathways.allocation.solve import solve

START = dt.date(2026, 12, 1)
HORIZON = Horizon(START, 14)


def provider(pid, localities=("north",), skills=(), morning=100):
    return Provider(pid, localities, skills, {"morning": (morning,) * 14})


def case(cid, **changes):
    fields = {
        "id": cid,
        "locality": "north",
        "weight": 5,
        "earliest_start": START,
        "length_days": 7,
        "visits": (Visit("morning", 60, 1),),
    }
    fields.update(changes)
    return Case(**fields)


def reasons(providers, cases):
    problem = Problem(HORIZON, ("morning",), tuple(providers), tuple(cases))
    result = solve(problem, time_limit_s=5, workers=1)
    assert check(problem, result) == []
    return {u.case: u.reason for u in result.unassigned}


def test_no_provider_in_the_locality():
    found = reasons([provider("north-care")], [case("c1", locality="east")])
    assert found == {"c1": "no provider covers locality 'east'"}


def test_no_provider_with_the_skill():
    found = reasons(
        [provider("north-care", skills=("dementia",))],
        [case("c1", skills=("bariatric",))],
    )
    assert found == {"c1": "no provider covering 'north' has skill 'bariatric'"}


def test_each_provider_named_with_the_rule_that_excludes_it():
    found = reasons(
        [provider("a-care", skills=("peg",)), provider("b-care", skills=("dementia",))],
        [case("c1", skills=("dementia",), options={"a-care": Option(3, 0)})],
    )
    assert found["c1"] == (
        "no provider covering 'north' can take it: a-care lacks skill 'dementia'; "
        "b-care is not among the case's options"
    )


def test_earliest_start_after_the_horizon():
    found = reasons(
        [provider("north-care")], [case("c1", earliest_start=dt.date(2026, 12, 20))]
    )
    assert found == {
        "c1": "earliest start 2026-12-20 is after the horizon (ends 2026-12-14)"
    }


def test_capacity_that_runs_out_names_provider_band_and_day():
    # Room for two 60-minute morning visits a day: the two heavier cases
    # take it for the whole horizon, so the light one is left out.
    found = reasons(
        [provider("north-reablement", morning=120)],
        [
            case("heavy", weight=50, length_days=30),
            case("middle", weight=40, length_days=30),
            case(
                "light", weight=1, earliest_start=dt.date(2026, 12, 3), length_days=30
            ),
        ],
    )
    assert found == {
        "light": "capacity runs out: north-reablement, morning band, from 2026-12-03"
    }


def test_case_that_adds_no_score():
    found = reasons(
        [provider("north-care")],
        [
            case(
                "c1",
                weight=1,
                options={"north-care": Option(cost=14, travel_minutes=0)},
            )
        ],
    )
    assert found["c1"].startswith("placing it adds no score: weight 1 × 14 days")
