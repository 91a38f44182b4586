"""The continuity pass after each day's search: a visit of an assistant the person
sees only once goes to one they know, by swapping visits at the same time between
two full runs, when that costs less by the plan's weights, and never otherwise."""

from rota_planner_helpers import assistant, problem, visit

from rota.planner.exchange import improve_continuity
from rota.planner.parse import problem_from_json
from rota.planner.plan import History, RotaObjective, build_day
from rota.planner.search import State, pinned_routes

DAY = 1440


def crossed(bases=(4, 4), opens=420):
    """Tuesday: p1 (home 0) knows a1 and p2 (home 2) knows a2 from Monday; each
    assistant's shift until 10:00 holds one hour's visit at 08:00, so neither run
    can take a second visit on time. The plan given has them the wrong way round."""
    shift = [{"start": DAY + opens, "end": DAY + 600}]
    data = problem(
        [
            assistant("a1", base=bases[0], shifts=shift),
            assistant("a2", base=bases[1], shifts=shift),
        ],
        [
            visit("p1-tue", "p1", 0, DAY + 480, duration=60, latest=DAY + 480),
            visit("p2-tue", "p2", 2, DAY + 480, duration=60, latest=DAY + 480),
        ],
        days=2,
    )
    return placed(data, {"p1": {"a1"}, "p2": {"a2"}}, {"a1": "p2-tue", "a2": "p1-tue"})


def placed(data, seen: dict, given: dict):
    """Tuesday of the problem, the people having seen whom `seen` says, and a
    plan giving each assistant of `given` that visit: (day, objective, state,
    run of each assistant, task of each visit)."""
    p = problem_from_json(data)
    history = History(seen=seen)
    day = build_day(p, 1, history)
    obj = RotaObjective(p, day, history, 1)
    core = day.core
    run_of = {p.assistants[core.group[v]].id: v for v in range(core.n_runs)}
    task_of = {p.visits[sl[0]].id: t for t, sl in enumerate(day.slot) if sl}
    routes = pinned_routes(core)
    for assistant_id, visit_id in given.items():
        routes[run_of[assistant_id]].append(task_of[visit_id])
    s = core.schedule(routes)
    state = State(core, routes, s, set(), obj.total(core, routes, s, set()))
    obj.prepare(core, routes)
    return day, obj, state, run_of, task_of


def test_two_crossed_visits_at_the_same_time_are_swapped_to_the_known_assistants():
    day, obj, state, run_of, task_of = crossed()
    better, stats = improve_continuity(day.core, obj, state, deadline=1e18)
    assert better.routes[run_of["a1"]] == [task_of["p1-tue"]]
    assert better.routes[run_of["a2"]] == [task_of["p2-tue"]]
    # two new assistants (one per person) saved at 200 each, nothing else changed
    assert state.cost - better.cost == 400
    assert stats["moves"] == 1
    assert not better.unassigned


def test_no_swap_when_it_would_make_visits_later_than_the_new_faces_are_worth():
    # a1 lives at p2's door and a2 at p1's, and the shifts start at 07:50: the
    # swap would make both visits 10 minutes late (1000) to save two new faces (400)
    day, obj, state, run_of, task_of = crossed(bases=(2, 0), opens=470)
    better, stats = improve_continuity(day.core, obj, state, deadline=1e18)
    assert better.routes == state.routes
    assert better.cost == state.cost
    assert stats["moves"] == 0


def test_a_visit_taken_from_a_known_assistant_goes_to_its_own_persons_known_one():
    """p1 knows a1 and p3 knows a3; a1's full run holds p3's visit at 08:00 and a2
    holds p1's, a3 works with nothing to do. Each ends with the one they know."""
    shift = [{"start": DAY + 420, "end": DAY + 600}]
    data = problem(
        [assistant(a, shifts=shift) for a in ("a1", "a2", "a3")],
        [
            visit("p1-tue", "p1", 0, DAY + 480, duration=60, latest=DAY + 480),
            visit("p3-tue", "p3", 2, DAY + 480, duration=60, latest=DAY + 480),
        ],
        days=2,
    )
    day, obj, state, run_of, task_of = placed(
        data, {"p1": {"a1"}, "p3": {"a3"}}, {"a1": "p3-tue", "a2": "p1-tue"}
    )
    better, _stats = improve_continuity(day.core, obj, state, deadline=1e18)
    assert better.routes[run_of["a1"]] == [task_of["p1-tue"]]
    assert better.routes[run_of["a3"]] == [task_of["p3-tue"]]
    assert better.routes[run_of["a2"]] == []
    assert state.cost - better.cost >= 400  # two new faces saved
