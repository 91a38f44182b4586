"""Continuity of care over a week planned day by day: a person keeps the assistants
who came on earlier days, even when someone else is a few minutes nearer."""

from rota_planner_helpers import assistant, problem, stops_of, visit

from rota.planner import check, solve
from rota.planner.greedy import greedy
from rota.planner.parse import problem_from_json
from rota.planner.plan import History, RotaObjective, build_day

DAY = 1440


def two_days():
    """p1 (home 0) is visited each morning. On Monday only a1 works; on Tuesday a1
    (based 10 minutes away) and a2 (based 5 minutes away) both work."""
    return problem(
        [
            assistant(
                "a1",
                base=1,
                shifts=[
                    {"start": 420, "end": 840},
                    {"start": DAY + 420, "end": DAY + 840},
                ],
            ),
            assistant("a2", base=4, shifts=[{"start": DAY + 420, "end": DAY + 840}]),
        ],
        [visit("mon", "p1", 0, 480), visit("tue", "p1", 0, DAY + 480)],
        days=2,
    )


def test_the_assistant_from_monday_comes_again_on_tuesday_though_another_is_nearer():
    p = two_days()
    result = solve(p, time_limit_s=0.8)
    assert check(p, result) == []
    got = stops_of(result)
    assert got["mon"][0][0] == "a1"
    assert got["tue"][0][0] == "a1"  # not a2, 5 minutes nearer
    assert result["objective"]["distinct_assistants"] == 1


def test_the_week_start_prefers_an_assistant_the_person_knows_the_baseline_does_not():
    data = two_days()
    p = problem_from_json(data)
    history = History(seen={"p1": {"a1"}})  # a1 came on Monday
    day = build_day(p, 1, history)
    obj = RotaObjective(p, day, history, 1)

    def who(state):
        (v,) = [v for v, r in enumerate(state.routes) if r]
        return p.assistants[day.core.group[v]].id

    baseline, _ = greedy(day.core, obj, 1.0)
    known, _ = greedy(day.core, obj, 1.0, familiar=True)
    assert who(baseline) == "a2"  # the nearest, as a coordinator would by hand
    assert who(known) == "a1"  # Monday's assistant, on time all the same
    assert not known.unassigned
