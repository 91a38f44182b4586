"""A small team per person over a week, chosen before the days are planned: the
person gets the assistant who works on all their days, not the nearest one each day."""

from rota_planner_helpers import assistant, problem, stops_of, visit

from rota.planner import check, solve
from rota.planner.parse import problem_from_json
from rota.planner.team import shape_teams

DAY = 1440


def monday_and_tuesday():
    """p1 (home 0) is visited each morning. a1 (based 10 minutes away) works both
    days; a2 (based 5 minutes away) works only on Monday."""
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
            assistant("a2", base=4, shifts=[{"start": 420, "end": 840}]),
        ],
        [visit("mon", "p1", 0, 480), visit("tue", "p1", 0, DAY + 480)],
        days=2,
    )


def test_the_team_is_the_assistant_who_can_come_on_every_day():
    assert shape_teams(problem_from_json(monday_and_tuesday())) == {"p1": {"a1"}}


def test_on_monday_the_person_gets_their_team_not_the_nearest_assistant():
    p = monday_and_tuesday()
    result = solve(p, time_limit_s=0.8)
    assert check(p, result) == []
    got = stops_of(result)
    assert got["mon"][0][0] == "a1"  # not a2, 5 minutes nearer but gone on Tuesday
    assert got["tue"][0][0] == "a1"
    assert result["objective"]["distinct_assistants"] == 1
